import AsyncHTTPClient
import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Speaks the connector protocol by hand over a real socket, so tests see exactly what the
/// sandbox sends: status code, raw body, parsed envelope.
struct RawClient {
    let url: URL
    var token: String? = "sandbox"

    struct Reply {
        let status: Int
        let body: Data
        var json: JSONValue? { try? JSONValue(parsing: body) }
        var isSuccess: Bool { json?["status"] == "SUCCESS" }
        var errorCode: String? { json?["error_code"]?.stringValue }
        var errorMessage: String? { json?["error_message"]?.stringValue }
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (so `+` becomes `%2B`).
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    func call(_ method: String, _ parameters: JSONValue = [:], timeout: TimeAmount = .seconds(30)) async throws -> Reply {
        let json = String(decoding: try parameters.serialized(), as: UTF8.self)
        return try await post("method=\(Self.encode(method))&parameters=\(Self.encode(json))", timeout: timeout)
    }

    /// Issues an invoice for the order in series 11 (`INVOICE`) and returns its id.
    func addInvoice(orderID: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let reply = try await call("addInvoice", ["order_id": .int(Int64(orderID)), "series_id": 11])
        return try #require(reply.json?["invoice_id"]?.int, sourceLocation: sourceLocation)
    }

    func post(_ body: String, headerToken: Bool = true, timeout: TimeAmount = .seconds(30)) async throws -> Reply {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        if headerToken, let token { request.headers.add(name: "X-BLToken", value: token) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), body: Data(bytes.readableBytesView))
    }

    func get(_ path: String) async throws -> Reply {
        let base = url.deletingLastPathComponent().absoluteString
        let request = HTTPClientRequest(url: base + path)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), body: Data(bytes.readableBytesView))
    }
}

/// Starts a sandbox on a free port for the duration of a test body.
func withSandbox<T: Sendable>(
    _ configuration: SandboxConfiguration = SandboxConfiguration(orders: 60, products: 40, requestsPerMinute: 0),
    _ body: (SandboxServer, RawClient) async throws -> T
) async throws -> T {
    let server = SandboxServer(configuration)
    let url = try await server.start()
    do {
        let result = try await body(server, RawClient(url: url))
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

extension JSONValue {
    /// A number however it was sent (`5`, `5.0`, `"5"`).
    var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    var int: Int? { number.map { Int($0) } }

    /// A flag however it was sent (`true`, `1`, `"1"`).
    var flag: Bool? {
        switch self {
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .string(let text): return text == "1" || text.lowercased() == "true"
        default: return nil
        }
    }

    /// Objects keyed by id; PHP's empty `[]` is an empty object.
    var map: [String: JSONValue] {
        if case .array(let items) = self, items.isEmpty { return [:] }
        return objectValue ?? [:]
    }
}
