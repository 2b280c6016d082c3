import BaseLinkerModels
import Foundation
import PropertyBased
import Testing

@testable import BaseLinkerSandbox

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The sandbox's request reading against broken requests: form bodies with their bytes mutated,
/// and calls whose parameters are any of the names the methods read, with values of any type.
/// Every request is answered — with a result, or an API error whose message says what is wrong.
struct SandboxRequestFuzzTests {
    /// Every parameter name a sandbox method reads.
    static let names = [
        "category_id", "date_confirmed_from", "date_from", "description", "ean", "external_invoice_number", "file",
        "filter_category_id", "filter_ean", "filter_email", "filter_external_order_id", "filter_id", "filter_name",
        "filter_order_source", "filter_order_source_id", "filter_price_from", "filter_price_to",
        "filter_shop_order_id", "filter_sku", "filter_sort", "filter_stock_from", "filter_stock_to",
        "get_external_invoices", "get_unconfirmed_orders", "id_from", "include_custom_extra_fields",
        "include_variants", "inventory_id", "invoice_id", "last_log_id", "logs_types", "manufacturer_id", "name",
        "order_id", "order_ids", "page", "parent_id", "prices", "product_id", "products", "series_id", "sku",
        "status_id", "stock", "stock_edition", "tags", "tax_rate", "text_fields", "warehouse_id", "weight",
    ]

    /// Values of every type and at every edge; `"id"` stands for an id the account has.
    static let values: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(0), .int(1), .int(-1), .int(.max), .int(.min), .int(1_001),
        .int(1_794_000_000), .double(0.5), .double(-1e300), .double(1e300), .double(23), .string(""), .string("id"),
        .string("abc"), .string("-5"), .string("9223372036854775807"), .string("id ASC"), .string("name DESC"),
        .string("bl_1"), .string("data:JVBERi0xLjQ="), .string("data:"), .string("data:%%%"), .array([]),
        .array([.int(1), .string("x")]), .array([.int(.max), .int(.min)]), .object([:]),
        .object(["bl_1": .int(5), "bl_9": .string("x")]), .object(["1": .object(["bl_1": .int(.max)])]),
        .object(["1": .double(-1e300), "x": .array([])]),
    ]

    /// Request bodies the client sends, to mutate.
    static let bodies: [String] = [
        ("getOrders", #"{"date_confirmed_from":1793000000,"get_unconfirmed_orders":false,"status_id":1001}"#),
        ("setOrderStatuses", #"{"order_ids":[1,2,3],"status_id":1006}"#),
        ("addInvoice", #"{"order_id":1,"series_id":11}"#),
        ("addOrderInvoiceFile", #"{"invoice_id":1,"file":"data:JVBERi0xLjQ=","external_invoice_number":"FV/1/11/2026"}"#),
        ("getJournalList", #"{"last_log_id":0,"logs_types":[1,18]}"#),
        ("getInventoryProductsList", #"{"inventory_id":1,"page":1,"filter_sort":"id ASC","include_variants":true}"#),
        ("updateInventoryProductsStock", #"{"inventory_id":1,"products":{"1":{"bl_1":5}}}"#),
        ("addInventoryProduct", #"{"inventory_id":1,"sku":"K-1","name":"Kubek","tax_rate":23,"prices":{"1":10.5},"stock":{"bl_1":3}}"#),
    ].map { method, parameters in
        "method=\(method)&parameters=" + parameters.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    /// A parameter object from the generator's choices, ids replaced by one the account has.
    static func parameters(_ choices: [(Int, Int)], ids: [Int]) -> [String: JSONValue] {
        var parameters: [String: JSONValue] = [:]
        for (name, value) in choices {
            var chosen = values[value % values.count]
            if chosen == .string("id") { chosen = .int(Int64(ids[(name / names.count) % ids.count])) }
            parameters[names[name % names.count]] = chosen
        }
        return parameters
    }

    @Test("any parameters, any types, any method: a result or an error that says what is wrong")
    func anyParameters() async {
        let account = SandboxAccount(seed: 5, orders: 30, products: 20)
        let ids = await account.orders().map(\.id) + (await account.invoices().map(\.id)) + [1]
        let call = zip(
            Gen.int(in: 0...(SandboxAccount.methods.count - 1)),
            zip(Gen.int(in: 0...100_000), Gen.int(in: 0...(Self.values.count - 1))).array(of: 0...7))
        await propertyCheck(count: fuzzIterations(1_000), input: call) { method, choices in
            let name = SandboxAccount.methods[method]
            do throws(SandboxAPIError) {
                _ = try await account.call(name, parameters: Self.parameters(choices, ids: ids))
            } catch {
                #expect(error.code.hasPrefix("ERROR_") && !error.message.isEmpty, "\(name): \(error)")
            }
        }
    }

    @Test("mutated form bodies: read as PHP reads them; parameters parsed or refused; the call answered")
    func mutatedBodies() async {
        let account = SandboxAccount(seed: 5, orders: 30, products: 20)
        await propertyCheck(count: fuzzIterations(500), input: Gen.int(in: 0...(Self.bodies.count - 1)), Mutation.plans) {
            index, mutations in
            let form = FormBody.parse(Mutation.apply(mutations, to: Self.bodies[index]))
            let text = form["parameters"] ?? ""
            var parameters: [String: JSONValue] = [:]
            if let parsed = try? JSONValue(parsing: Data(text.utf8)), case .object(let object) = parsed {
                parameters = object
            }
            do throws(SandboxAPIError) {
                _ = try await account.call(form["method"] ?? "", parameters: parameters)
            } catch {
                #expect(error.code.hasPrefix("ERROR_") && !error.message.isEmpty, "\(error)")
            }
        }
    }

    @Test("over HTTP: every mutated request gets BaseLinker's envelope, SUCCESS or an error code and message")
    func overHTTP() async throws {
        let server = SandboxServer(SandboxConfiguration(token: "sandbox", seed: 5, orders: 30, products: 20, requestsPerMinute: 0))
        let url = try await server.start()
        let session = URLSession(configuration: .ephemeral)
        await propertyCheck(count: fuzzIterations(100), input: Gen.int(in: 0...(Self.bodies.count - 1)), Mutation.plans) {
            index, mutations in
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.setValue("sandbox", forHTTPHeaderField: "X-BLToken")
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(Mutation.apply(mutations, to: Self.bodies[index]))
            do {
                let (data, response) = try await session.data(for: request)
                #expect((response as? HTTPURLResponse)?.statusCode == 200)
                let envelope = try JSONValue(parsing: data)
                if envelope["status"] != .string("SUCCESS") {
                    #expect(envelope["status"] == .string("ERROR"), "\(envelope)")
                    #expect(envelope["error_code"]?.stringValue?.hasPrefix("ERROR_") == true, "\(envelope)")
                    #expect(envelope["error_message"]?.stringValue?.isEmpty == false, "\(envelope)")
                }
            } catch {
                Issue.record("no answer: \(error)")
            }
        }
        await server.stop()
    }
}
