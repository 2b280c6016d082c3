import Foundation
import Testing

@testable import BaseLinker
import BaseLinkerModels

@Suite("Response envelope and errors")
struct ResponseErrorTests {
    /// Runs one read against a transport that always answers `response`, without retries.
    private func failure(of response: BaseLinkerHTTPResponse, method: String = "getOrders") async -> BaseLinkerError? {
        let client = makeClient(transport: FakeTransport(always: response), retry: .none)
        do {
            _ = try await client.call(method)
            return nil
        } catch {
            return error as? BaseLinkerError
        }
    }

    @Test("a SUCCESS envelope returns the whole answer")
    func successReturnsAnswer() async throws {
        let client = makeClient(transport: FakeTransport(always: success(["invoice_id": 20276565])))
        let answer = try await client.call("addInvoice", parameters: ["order_id": 1, "series_id": 2])
        #expect(answer["status"] == "SUCCESS")
        #expect(answer["invoice_id"] == 20276565)
    }

    @Test("an ERROR envelope becomes an API error with BaseLinker's code and message")
    func apiErrorEnvelope() async throws {
        let error = try #require(await failure(of: apiError("ERROR_UNKNOWN_METHOD", "Unknown method")))
        #expect(error.kind == .api)
        #expect(error.code == .unknownMethod)
        #expect(error.method == "getOrders")
        #expect(error.message == "Unknown method")
        #expect(error.description.contains("ERROR_UNKNOWN_METHOD"))
        #expect(error.description.contains("Unknown method"))
        #expect(error.attempts == 1)
    }

    @Test("an unknown error code is kept as sent")
    func unknownCode() async throws {
        let error = try #require(await failure(of: apiError("ERROR_SOMETHING_NEW", "Nowy błąd")))
        #expect(error.kind == .api)
        #expect(error.code?.rawValue == "ERROR_SOMETHING_NEW")
        #expect(error.code != .unknownMethod && error.code != .blockedToken)
        #expect(error.description.contains("Nowy błąd"))
    }

    @Test("known codes compare equal to the strings BaseLinker sends")
    func knownCodes() {
        #expect(BaseLinkerErrorCode.blockedToken == BaseLinkerErrorCode(rawValue: "ERROR_BLOCKED_TOKEN"))
        #expect(BaseLinkerErrorCode.userAccountBlocked.rawValue == "ERROR_USER_ACCOUNT_BLOCKED")
        #expect(BaseLinkerErrorCode.unknownMethod.rawValue == "ERROR_UNKNOWN_METHOD")
    }

    @Test("an account block is reported, not waited out")
    func accountBlocked() async throws {
        let transport = FakeTransport(always: apiError("ERROR_USER_ACCOUNT_BLOCKED", "Account blocked"))
        let clock = VirtualClock()
        let client = makeClient(transport: transport, clock: clock)
        let error = await #expect(throws: BaseLinkerError.self) { _ = try await client.call("getOrders") }
        #expect(error?.code == .userAccountBlocked)
        #expect(transport.count == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test("an ERROR envelope wins over a non-2xx status")
    func errorEnvelopeWithHTTP500() async throws {
        let error = try #require(await failure(of: apiError("ERROR_X", "broken", status: 500)))
        #expect(error.kind == .api)
        #expect(error.httpStatus == 500)
    }

    @Test("a non-2xx answer says the status and shows the start of the body")
    func non2xx() async throws {
        let error = try #require(await failure(of: raw("<html><body>Not Found</body></html>", status: 404)))
        #expect(error.kind == .http)
        #expect(error.httpStatus == 404)
        #expect(error.bodyExcerpt == "<html><body>Not Found</body></html>")
        #expect(error.description.contains("HTTP 404"))
        #expect(error.description.contains("Not Found"))
    }

    @Test("malformed JSON is reported with the start of the body")
    func malformedJSON() async throws {
        let error = try #require(await failure(of: raw(#"{"status":"SUCCESS","orders":[{"order_id":1,"#)))
        #expect(error.kind == .malformedResponse)
        #expect(error.message.contains("not JSON"))
        #expect(error.bodyExcerpt?.hasPrefix(#"{"status":"SUCCESS""#) == true)
        #expect(error.httpStatus == 200)
    }

    @Test("an empty body is reported as empty")
    func emptyBody() async throws {
        let error = try #require(await failure(of: raw("")))
        #expect(error.kind == .malformedResponse)
        #expect(error.message.contains("empty"))
        #expect(error.bodyExcerpt == nil)
    }

    @Test("an HTML body is cut to about 200 bytes, on a character boundary")
    func htmlBody() async throws {
        let page = "<html><head><title>502 Bad Gateway</title></head><body>" + String(repeating: "żółw ", count: 200) + "</body></html>"
        let error = try #require(await failure(of: raw(page)))
        #expect(error.kind == .malformedResponse)
        let excerpt = try #require(error.bodyExcerpt)
        #expect(excerpt.hasPrefix("<html><head><title>502 Bad Gateway"))
        #expect(excerpt.hasSuffix("…"))
        #expect(excerpt.utf8.count <= 200 + "…".utf8.count)
        #expect(!excerpt.contains("\u{FFFD}"))
    }

    @Test("JSON without a status, or with an odd one, is malformed")
    func noStatus() async throws {
        let missing = try #require(await failure(of: raw(#"{"orders":[]}"#)))
        #expect(missing.kind == .malformedResponse)
        #expect(missing.message.contains("no \"status\""))
        let odd = try #require(await failure(of: raw(#"{"status":"MAYBE"}"#)))
        #expect(odd.message.contains("MAYBE"))
        let array = try #require(await failure(of: raw("[1,2]")))
        #expect(array.kind == .malformedResponse)
    }

    @Test("parameters that are not an object are refused before sending")
    func parametersMustBeObject() async throws {
        let transport = FakeTransport(always: success())
        let client = makeClient(transport: transport)
        let error = await #expect(throws: BaseLinkerError.self) {
            _ = try await client.call("getOrders", parameters: [1, 2])
        }
        #expect(error?.kind == .invalidRequest)
        #expect(transport.count == 0)
    }

    @Test("an order field that cannot be read sets that order aside, naming the record and the key; the page is kept")
    func unexpectedData() async throws {
        let response = success(["orders": [
            ["order_id": 42, "date_confirmed": 1_794_000_000, "delivery_price": "dziesięć"], ["order_id": 43],
        ]])
        let client = makeClient(transport: FakeTransport(always: response))
        let orders = try await client.getOrders(OrdersQuery())
        #expect(orders.map(\.id) == [42, 43])
        let error = try #require(orders[0].readError)
        #expect(orders[0].dateConfirmed == 1_794_000_000, "kept for paging")
        #expect(error.kind == .unexpectedData)
        #expect(error.message.contains("order 42") && error.message.contains("delivery_price") && error.message.contains("dziesięć"))
        #expect(orders[1].readError == nil)
    }

    @Test("an order whose id cannot be read fails its page, naming the method: it cannot be set aside by name")
    func unreadableOrderId() async throws {
        let response = success(["orders": [["order_id": "czterdzieści dwa"]]])
        let client = makeClient(transport: FakeTransport(always: response))
        let error = await #expect(throws: BaseLinkerError.self) {
            _ = try await client.getOrders(OrdersQuery())
        }
        #expect(error?.kind == .unexpectedData)
        #expect(error?.method == "getOrders")
        #expect(error?.message.contains("order_id") == true)
    }

    @Test("a SUCCESS answer without its list is unexpected data naming the key, not an empty list")
    func missingListKey() async throws {
        let client = makeClient(transport: FakeTransport(always: success()))
        let invoices = await #expect(throws: BaseLinkerError.self) { _ = try await client.getInvoices(InvoicesQuery(orderID: 7)) }
        #expect(invoices?.kind == .unexpectedData)
        #expect(invoices?.method == "getInvoices")
        #expect(invoices?.message.contains("\"invoices\"") == true)
        let orders = await #expect(throws: BaseLinkerError.self) { _ = try await client.getOrders(OrdersQuery()) }
        #expect(orders?.kind == .unexpectedData)
        #expect(orders?.message.contains("\"orders\"") == true)
        let stock = await #expect(throws: BaseLinkerError.self) { _ = try await client.getInventoryProductsStock(inventoryID: 1) }
        #expect(stock?.kind == .unexpectedData)
        #expect(stock?.message.contains("\"products\"") == true)
    }

    @Test("an empty list may come as [], \"\" or null")
    func emptyListForms() async throws {
        for empty: JSONValue in [[], "", .null] {
            let client = makeClient(transport: FakeTransport(always: success(["invoices": empty, "products": empty])))
            #expect(try await client.getInvoices().isEmpty)
            #expect(try await client.getInventoryProductsStock(inventoryID: 1).isEmpty)
        }
    }
}
