import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

@Suite("Invoice methods")
struct InvoiceMethodTests {
    @Test("getSeries lists invoice and receipt series")
    func series() async throws {
        try await withSandbox { (_, client) async throws in
            let series = try #require(try await client.call("getSeries").json?["series"]?.arrayValue)
            #expect(series.contains { $0["type"] == "INVOICE" && $0["id"] == 11 && $0["format"] == "FV %N/%M/%Y" })
            #expect(series.contains { $0["type"] == "RECEIPT" && $0["id"] == 12 })
        }
    }

    @Test("addInvoice numbers invoices per series and month; getInvoices finds them by order and id")
    func addAndList() async throws {
        let clock = ManualSandboxClock(Date(timeIntervalSince1970: 1_795_000_000))  // 2026-11-18
        var configuration = SandboxConfiguration(orders: 30, products: 20, requestsPerMinute: 0)
        configuration.clock = clock
        try await withSandbox(configuration) { (server, client) async throws in
            let orders = await server.account.orders()
            let firstId = try await client.addInvoice(orderID: orders[0].id)
            let second = try await client.call("addInvoice", ["order_id": .int(Int64(orders[1].id)), "series_id": "11"])
            let secondId = try #require(second.json?["invoice_id"]?.int)
            #expect(secondId > firstId)
            let byOrder = try #require(try await client.call("getInvoices", ["order_id": .int(Int64(orders[1].id))])
                .json?["invoices"]?.arrayValue)
            #expect(byOrder.count == 1)
            #expect(byOrder.first?["number"] == "FV 2/11/2026")
            #expect(byOrder.first?["external_invoice_number"] == "")
            #expect(byOrder.first?["total_price_brutto"]?.number == orders[1].total)
            let fromId = try await client.call("getInvoices", ["id_from": .int(Int64(secondId))])
            #expect(fromId.json?["invoices"]?.arrayValue?.map { $0["invoice_id"]?.int } == [secondId])
            let receipt = try await client.call("addInvoice", ["order_id": .int(Int64(orders[0].id)), "series_id": 12])
            #expect(receipt.errorCode == "ERROR_SERIES_TYPE")
            let missing = try await client.call("addInvoice", ["order_id": 1, "series_id": 11])
            #expect(missing.errorCode == "ERROR_ORDER_NOT_FOUND")
            #expect(await server.account.journal.contains { $0.type == 7 && $0.objectId == firstId })
        }
    }

    @Test("getInvoices pages by 100, oldest id first; id_from and date_from narrow the list together")
    func pagingAndFilters() async throws {
        let clock = ManualSandboxClock(Date(timeIntervalSince1970: 1_795_000_000))
        var configuration = SandboxConfiguration(orders: 150, products: 20, requestsPerMinute: 0)
        configuration.clock = clock
        try await withSandbox(configuration) { (server, client) async throws in
            let orders = await server.account.orders()
            var ids: [Int] = []
            for (index, order) in orders.prefix(130).enumerated() {
                if index == 120 { clock.advance(by: 3600) }  // the last ten an hour later
                ids.append(try await client.addInvoice(orderID: order.id))
            }
            let first = try #require(try await client.call("getInvoices", [:]).json?["invoices"]?.arrayValue)
            #expect(first.compactMap { $0["invoice_id"]?.int } == Array(ids.prefix(100)))
            let next = try #require(try await client.call("getInvoices", ["id_from": .int(Int64(ids[99] + 1))]).json?["invoices"]?.arrayValue)
            #expect(next.compactMap { $0["invoice_id"]?.int } == Array(ids.dropFirst(100)))
            let later = Int64(1_795_000_000 + 3600)
            let recent = try #require(try await client.call("getInvoices", ["date_from": .int(later)]).json?["invoices"]?.arrayValue)
            #expect(recent.compactMap { $0["invoice_id"]?.int } == Array(ids.suffix(10)))
            let both = try #require(
                try await client.call("getInvoices", ["date_from": .int(later), "id_from": .int(Int64(ids[125]))]).json?["invoices"]?.arrayValue)
            #expect(both.compactMap { $0["invoice_id"]?.int } == Array(ids.suffix(5)))
        }
    }

    @Test("a base64 file with '+' arrives intact and sets the external number")
    func fileWithPlus() async throws {
        try await withSandbox { (server, client) async throws in
            let order = try #require(await server.account.orders().first)
            let invoice = try await client.addInvoice(orderID: order.id)
            let bytes = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 251 &+ 0xF8) })
            let encoded = bytes.base64EncodedString()
            #expect(encoded.contains("+"))
            let reply = try await client.call("addOrderInvoiceFile", [
                "invoice_id": .int(Int64(invoice)), "file": .string("data:" + encoded),
                "external_invoice_number": "FV/7/11/2026",
            ])
            #expect(reply.isSuccess)
            let summary = try await client.get("sandbox/orders/\(order.id)")
            let attached = try #require(summary.json?["invoices"]?.arrayValue?.first)
            #expect(attached["file_bytes"] == 3000)
            #expect(attached["external_invoice_number"] == "FV/7/11/2026")
            let listed = try await client.call("getInvoices", ["invoice_id": .int(Int64(invoice))])
            #expect(listed.json?["invoices"]?.arrayValue?.first?["external_invoice_number"] == "FV/7/11/2026")
        }
    }

    @Test("a file without the data: prefix, with an unescaped '+', or not base64 is refused")
    func badFiles() async throws {
        try await withSandbox { (server, client) async throws in
            let order = try #require(await server.account.orders().first)
            let invoice = try await client.addInvoice(orderID: order.id)
            let noPrefix = try await client.call("addOrderInvoiceFile", ["invoice_id": .int(Int64(invoice)), "file": "JVBERi0xLjQ="])
            #expect(noPrefix.errorCode == "ERROR_INVALID_FILE")
            let uri = try await client.call("addOrderInvoiceFile", [
                "invoice_id": .int(Int64(invoice)), "file": "data:application/pdf;base64,JVBERi0xLjQ=",
            ])
            #expect(uri.errorCode == "ERROR_INVALID_FILE")
            let json = #"{"invoice_id":\#(invoice),"file":"data:+/+/"}"#
            let unescaped = try await client.post("method=addOrderInvoiceFile&parameters=\(json)")
            #expect(unescaped.errorCode == "ERROR_INVALID_FILE")
            #expect(unescaped.errorMessage?.contains("%2B") == true)
            #expect(await server.account.invoices(orderId: order.id).first?.fileBytes == 0)
        }
    }
}
