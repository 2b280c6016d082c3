import BaseLinkerModels
import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// The HTTP side: `POST /connector.php` and the `/sandbox/...` observation endpoints
/// (`stats`, `orders` and `orders/<id>`, `products/<id>` for a product or a variant).
struct SandboxRoutes: Sendable {
    let configuration: SandboxConfiguration
    let account: SandboxAccount
    let desk: RequestDesk

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("connector.php") { request, _ in try await connector(request) }
        router.get("sandbox/stats") { _, _ in json(await desk.snapshot.json) }
        router.get("sandbox/orders") { _, _ in
            let invoices = Dictionary(grouping: await account.invoices(), by: \.orderId)
            return json(.array(await account.orders().map { Self.orderSummary($0, invoices: invoices[$0.id] ?? []) }))
        }
        router.get("sandbox/orders/:id") { _, context in
            guard let id = context.parameters.get("id", as: Int.self), let order = await account.order(id) else {
                return json(["error": .string("Order \(context.parameters.get("id") ?? "") not found")], status: .notFound)
            }
            return json(await Self.orderSummary(order, invoices: account.invoices(orderId: id)))
        }
        router.get("sandbox/products/:id") { _, context in
            guard let id = context.parameters.get("id", as: Int.self), let item = await account.inventoryItem(id) else {
                return json(["error": .string("Product \(context.parameters.get("id") ?? "") not found")], status: .notFound)
            }
            return json(item.json)
        }
        return router
    }

    static func orderSummary(_ order: SandboxOrder, invoices: [SandboxInvoice]) -> JSONValue {
        .object([
            "order_id": .int(Int64(order.id)),
            "status_id": .int(Int64(order.statusId)),
            "invoices": .array(invoices.map { invoice in
                .object([
                    "invoice_id": .int(Int64(invoice.id)), "number": .string(invoice.number),
                    "external_invoice_number": .string(invoice.externalInvoiceNumber),
                    "file_bytes": .int(Int64(invoice.fileBytes)), "file_uploads": .int(Int64(invoice.fileUploads)),
                ])
            }),
        ])
    }

    private func connector(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: configuration.maxBodySize)
        let form = FormBody.parse(Array(body.readableBytesView))
        let token = request.headers[HTTPField.Name("X-BLToken")!] ?? form["token"] ?? ""
        guard token == configuration.token else { return envelope(.failure(.badToken)) }
        let method = form["method"] ?? ""
        switch await desk.admit(token: token, method: method) {
        case .blocked(let error):
            return envelope(.failure(error))
        case .unreachable:
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .milliseconds(Int(configuration.timeoutDelay * 1000)))
            }
            return Response(status: .serviceUnavailable)
        case .admitted(var plan):
            if plan.kind == .serverError {
                return Response(
                    status: .internalServerError, headers: [.contentType: "text/html; charset=UTF-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "<html><body><h1>500 Internal Server Error</h1></body></html>\n")))
            }
            var result = await run(method, form["parameters"])
            if plan.types, case .success(let payload) = result {
                await desk.countTypeVariance()
                result = .success(TypeVariance.perturb(payload, random: &plan.random))
            }
            var response = envelope(result)
            switch plan.kind {
            case .timeout:
                try? await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: .milliseconds(Int(configuration.timeoutDelay * 1000)))
                }
            case .malformed:
                response.body = .init(byteBuffer: ByteBuffer(bytes: Self.malformed(envelopeData(result), &plan.random)))
            default: break
            }
            return response
        }
    }

    private func run(_ method: String, _ parameters: String?) async -> Result<[String: JSONValue], SandboxAPIError> {
        let text = parameters ?? ""
        var values: [String: JSONValue] = [:]
        if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            guard let parsed = try? JSONValue(parsing: Data(text.utf8)) else {
                return .failure(.badParameters("'parameters' is not valid JSON: \(Self.excerpt(text))"))
            }
            switch parsed {
            case .object(let object): values = object
            case .array(let items) where items.isEmpty: break
            default: return .failure(.badParameters("'parameters' must be a JSON object, got \(Self.excerpt(text))"))
            }
        }
        do {
            return .success(try await account.call(method, parameters: values))
        } catch {
            return .failure(error)
        }
    }

    private func envelopeData(_ result: Result<[String: JSONValue], SandboxAPIError>) -> Data {
        var object: [String: JSONValue]
        switch result {
        case .success(let payload):
            object = payload
            object["status"] = "SUCCESS"
        case .failure(let error):
            object = ["status": "ERROR", "error_code": .string(error.code), "error_message": .string(error.message)]
        }
        return (try? JSONValue.object(object).serialized()) ?? Data()
    }

    /// BaseLinker answers API errors, rate-limit blocks included, with HTTP 200.
    private func envelope(_ result: Result<[String: JSONValue], SandboxAPIError>) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: envelopeData(result))))
    }

    private func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: (try? value.serialized()) ?? Data())))
    }

    /// Cut short, or preceded by a PHP notice: either way not JSON.
    static func malformed(_ data: Data, _ random: inout SeededRandom) -> Data {
        if random.chance(0.5) {
            let notice = "<br />\n<b>Warning</b>:  Undefined array key \"products\" in <b>/var/www/connector.php</b> on line <b>412</b><br />\n"
            return Data(notice.utf8) + data
        }
        let cut = max(1, data.count * random.int(20...80) / 100)
        return data.prefix(cut)
    }

    static func excerpt(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
