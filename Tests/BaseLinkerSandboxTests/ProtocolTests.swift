import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

@Suite("The connector protocol over HTTP")
struct ProtocolTests {
    @Test("a call with the X-BLToken header gets a SUCCESS envelope with the payload at the top level")
    func successEnvelope() async throws {
        try await withSandbox { (_, client) async throws in
            let reply = try await client.call("getOrderStatusList")
            #expect(reply.status == 200)
            #expect(reply.json?["status"] == "SUCCESS")
            #expect(reply.json?["statuses"]?.arrayValue?.first?["name"] == "Nowe zamówienia")
        }
    }

    @Test("the deprecated token form field is accepted too")
    func tokenField() async throws {
        try await withSandbox { (_, client) async throws in
            let reply = try await client.post("token=sandbox&method=getOrderSources&parameters=%7B%7D", headerToken: false)
            #expect(reply.isSuccess)
            #expect(reply.json?["sources"]?["allegro"]?["2301"] == "Allegro – konto główne")
        }
    }

    @Test("a wrong or missing token gets ERROR_BAD_TOKEN with HTTP 200")
    func badToken() async throws {
        try await withSandbox { (_, client) async throws in
            var stranger = client
            stranger.token = "not-the-token"
            let wrong = try await stranger.call("getOrders")
            #expect(wrong.status == 200)
            #expect(wrong.errorCode == "ERROR_BAD_TOKEN")
            #expect(wrong.errorMessage == "Invalid token")
            stranger.token = nil
            #expect(try await stranger.call("getOrders").errorCode == "ERROR_BAD_TOKEN")
        }
    }

    @Test("an unknown or missing method gets ERROR_UNKNOWN_METHOD")
    func unknownMethod() async throws {
        try await withSandbox { (_, client) async throws in
            let reply = try await client.call("getEverything")
            #expect(reply.status == 200)
            #expect(reply.errorCode == "ERROR_UNKNOWN_METHOD")
            #expect(reply.errorMessage?.contains("getEverything") == true)
            #expect(try await client.post("parameters=%7B%7D").errorCode == "ERROR_UNKNOWN_METHOD")
        }
    }

    @Test("parameters that are not JSON, not an object, or lack a field get an error naming the problem")
    func badParameters() async throws {
        try await withSandbox { (_, client) async throws in
            let broken = try await client.post("method=getOrders&parameters=%7Border_id%3A")
            #expect(broken.errorCode == "ERROR_BAD_PARAMETERS")
            #expect(broken.errorMessage?.contains("not valid JSON") == true)
            let scalar = try await client.post("method=getOrders&parameters=42")
            #expect(scalar.errorMessage?.contains("must be a JSON object") == true)
            let missing = try await client.call("setOrderStatus", ["order_id": 1])
            #expect(missing.errorCode == "ERROR_BAD_PARAMETERS")
            #expect(missing.errorMessage == "Missing required parameter 'status_id'")
            let typed = try await client.call("getOrders", ["order_id": "abc"])
            #expect(typed.errorMessage == "Parameter 'order_id' must be an integer, got \"abc\"")
        }
    }

    @Test("no parameters, an empty string and PHP's [] all mean no parameters")
    func emptyParameters() async throws {
        try await withSandbox { (_, client) async throws in
            #expect(try await client.post("method=getSeries").isSuccess)
            #expect(try await client.post("method=getSeries&parameters=").isSuccess)
            #expect(try await client.post("method=getSeries&parameters=%5B%5D").isSuccess)
        }
    }

    @Test("/sandbox/stats counts requests per method")
    func stats() async throws {
        try await withSandbox { (server, client) async throws in
            _ = try await client.call("getOrders")
            _ = try await client.call("getOrders")
            _ = try await client.call("getSeries")
            let reply = try await client.get("sandbox/stats")
            #expect(reply.json?["requests"]?["getOrders"] == 2)
            #expect(reply.json?["requests"]?["getSeries"] == 1)
            #expect(reply.json?["rejected"] == 0)
            #expect(await server.stats.totalRequests == 3)
        }
    }

    @Test("/sandbox/orders/<id> shows the status and the attached invoice files")
    func orderEndpoint() async throws {
        try await withSandbox { (server, client) async throws in
            let order = try #require(await server.account.orders().first)
            let before = try await client.get("sandbox/orders/\(order.id)")
            #expect(before.json == .object([
                "order_id": .int(Int64(order.id)), "status_id": .int(Int64(order.statusId)), "invoices": [],
            ]))
            #expect(try await client.get("sandbox/orders/1").status == 404)
        }
    }

    @Test("/sandbox/orders lists every order by id with its status and attached invoice files, as /sandbox/orders/<id> does")
    func ordersEndpoint() async throws {
        try await withSandbox { (server, client) async throws in
            let orders = await server.account.orders()
            let invoiced = try #require(orders.last)
            let invoice = try await client.addInvoice(orderID: invoiced.id)
            #expect(try await client.call("addOrderInvoiceFile", [
                "invoice_id": .int(Int64(invoice)), "file": "data:JVBERi0xLjQ=", "external_invoice_number": "FV/1/11/2026",
            ]).isSuccess)

            let listed = try #require(try await client.get("sandbox/orders").json?.arrayValue)
            #expect(listed.map { $0["order_id"]?.int } == orders.map(\.id))
            for id in [orders[0].id, invoiced.id] {
                #expect(listed.first { $0["order_id"]?.int == id } == (try await client.get("sandbox/orders/\(id)").json))
            }
            let files = try #require(listed.last?["invoices"]?.arrayValue)
            #expect(files.count == 1)
            #expect(files.first?["file_uploads"] == 1)
            #expect(files.first?["external_invoice_number"] == "FV/1/11/2026")
        }
    }
}
