import Foundation
import Testing

@testable import BaseLinker
import BaseLinkerModels

@Suite("Request encoding")
struct FormEncodingTests {
    @Test("a base64 file containing + and / arrives intact")
    func base64FileArrivesIntact() async throws {
        let transport = FakeTransport(always: success())
        let client = makeClient(transport: transport)
        // 0xFB 0xFF 0xBF encodes as "+/+/": both characters a form decoder could damage.
        let file = Data([0xFB, 0xFF, 0xBF, 0x25, 0x50, 0x44, 0x46, 0xFB, 0xEF])
        #expect(file.base64EncodedString().contains("+"))
        #expect(file.base64EncodedString().contains("/"))

        try await client.addOrderInvoiceFile(invoiceID: 7, file: file, externalInvoiceNumber: "FV/1/11/2026")

        let body = try #require(transport.sent.first).request.body
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains("%2B"))
        #expect(!text.contains("+"), "a bare + would be read as a space")
        // Decode the body the way a server does (+ is a space) and compare the file.
        let fields = try #require(FormEncoding.fields(of: body))
        #expect(fields["method"] == "addOrderInvoiceFile")
        let parameters = try JSONValue(parsing: Data(try #require(fields["parameters"]).utf8))
        let sentFile = try #require(parameters["file"]?.stringValue)
        #expect(sentFile.hasPrefix("data:"))
        #expect(Data(base64Encoded: String(sentFile.dropFirst(5))) == file)
        #expect(parameters["external_invoice_number"] == "FV/1/11/2026")
        #expect(parameters["invoice_id"] == 7)
    }

    @Test("a method without parameters sends parameters={}")
    func emptyParameters() async throws {
        let transport = FakeTransport(always: success(["statuses": []]))
        _ = try await makeClient(transport: transport).getOrderStatusList()
        let body = String(decoding: try #require(transport.sent.first).request.body, as: UTF8.self)
        #expect(body == "method=getOrderStatusList&parameters=%7B%7D")
    }

    @Test("only RFC 3986 unreserved characters are left bare")
    func unreservedOnly() {
        #expect(FormEncoding.percentEncode("aZ09-._~") == "aZ09-._~")
        #expect(FormEncoding.percentEncode(" +&=/%?#") == "%20%2B%26%3D%2F%25%3F%23")
        #expect(FormEncoding.percentEncode("ł") == "%C5%82")
    }

    @Test("the request is a form POST with the token in X-BLToken only")
    func headers() async throws {
        let transport = FakeTransport(always: success(["orders": []]))
        let client = makeClient(transport: transport, token: "secret-token-123")
        _ = try await client.getOrders(OrdersQuery(dateConfirmedFrom: 1_700_000_000))
        let request = try #require(transport.sent.first).request
        #expect(request.header("content-type") == "application/x-www-form-urlencoded")
        #expect(request.header("X-BLToken") == "secret-token-123")
        #expect(!String(decoding: request.body, as: UTF8.self).contains("secret-token-123"))
        #expect(request.url.absoluteString == "http://127.0.0.1:9/connector.php")
    }

    @Test("Polish letters and JSON specials survive the round trip")
    func unicodeRoundTrip() async throws {
        let transport = FakeTransport(always: success(["warehouse_id": 206]))
        let client = makeClient(transport: transport)
        let name = "Magazyn Łódź \"Zażółć gęślą jaźń\" & 100% + więcej"
        let id = try await client.addInventoryWarehouse(name: name, description: "a=b&c")
        #expect(id == 206)
        let sent = try #require(transport.sent.first)
        #expect(sent.parameters["name"]?.stringValue == name)
        #expect(sent.parameters["description"]?.stringValue == "a=b&c")
        #expect(sent.parameters["stock_edition"] == false)
    }

    @Test("typed methods send BaseLinker's parameter names")
    func parameterNames() async throws {
        let transport = FakeTransport(always: success(["orders": [], "invoice_id": 5]))
        let client = makeClient(transport: transport)
        _ = try await client.getOrders(OrdersQuery(dateConfirmedFrom: 100, statusID: 1001, filterEmail: "a@b.pl"))
        try await client.setOrderStatuses(orderIDs: [1, 2], statusID: 9)
        _ = try await client.addInvoice(orderID: 3, seriesID: 15, vatRate: "DEFAULT")
        let sent = transport.sent
        #expect(sent[0].parameters == [
            "date_confirmed_from": 100, "status_id": 1001, "get_unconfirmed_orders": false,
            "filter_email": "a@b.pl",
        ])
        #expect(sent[1].parameters == ["order_ids": [1, 2], "status_id": 9])
        #expect(sent[2].parameters == ["order_id": 3, "series_id": 15, "vat_rate": "DEFAULT"])
    }
}
