import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

/// The project's BaseLinker client against the sandbox over real HTTP on a free port.
@Suite("The BaseLinker client against the sandbox")
struct ClientIntegrationTests {
    /// Every confirmed order, paged with `orderPages` from the start.
    func pageAllOrders(_ client: BaseLinkerClient) async throws -> [Int] {
        var ids: [Int] = []
        for try await order in client.orderPages(OrdersQuery(dateConfirmedFrom: 0)).items {
            ids.append(order.id)
        }
        return ids
    }

    @Test("paging orders by date_confirmed_from returns every confirmed order exactly once")
    func pagingOrders() async throws {
        let configuration = SandboxConfiguration(seed: 2, orders: 600, products: 60, requestsPerMinute: 0)
        try await withClient(configuration) { (server, client) async throws in
            let ids = try await pageAllOrders(client)
            let confirmed = await server.account.orders().filter(\.confirmed).map(\.id)
            #expect(Set(ids).count == ids.count, "no order twice")
            #expect(Set(confirmed).subtracting(ids).sorted() == [], "missing")
        }
    }

    /// BaseLinker's advice (next page from the last `date_confirmed` + 1 s) would skip an order
    /// confirmed in the same second as the last order of a full page. Such seconds are common
    /// when a marketplace's orders are imported together.
    @Test("an order confirmed in the same second as the last of a full page is not lost")
    func sameSecondAcrossPages() async throws {
        let configuration = SandboxConfiguration(seed: 3, orders: 150, products: 20, requestsPerMinute: 0)
        try await withClient(configuration) { (server, client) async throws in
            let byDate = await server.account.orders().filter(\.confirmed)
                .sorted { ($0.dateConfirmed, $0.id) < ($1.dateConfirmed, $1.id) }
            var twin = byDate[99]
            twin.quirks = []
            let added = await server.account.addOrder(twin)
            let ids = try await pageAllOrders(client)
            #expect(Set(ids).count == ids.count, "no order twice")
            #expect(ids.contains(added.id), "order \(added.id) confirmed at \(twin.dateConfirmed)")
        }
    }

    /// Seed 26 draws a timeout, HTTP 500s and a malformed body within the run's first 20
    /// requests, besides the type variance.
    @Test("a full paging run under 500, timeout, malformed and type faults still returns every order once")
    func pagingUnderFaults() async throws {
        var configuration = SandboxConfiguration(
            seed: 26, orders: 500, products: 60, requestsPerMinute: 0,
            faults: try SandboxFaults(parsing: "500:0.05,timeout:0.01,malformed:0.01,types:0.2"))
        configuration.timeoutDelay = 30
        try await withClient(configuration, requestTimeout: .seconds(1)) { (server, client) async throws in
            let confirmed = await server.account.orders().filter(\.confirmed).map(\.id)
            for _ in 0..<3 {
                let ids = try await pageAllOrders(client)
                #expect(Set(ids).count == ids.count, "no order twice")
                #expect(Set(confirmed).subtracting(ids).sorted() == [], "missing")
            }
            let faults = await server.stats.faults
            #expect(["500", "timeout", "malformed", "types"].allSatisfy { faults[$0, default: 0] > 0 }, "\(faults)")
        }
    }

    @Test("inventory products, stock and prices page through every product once")
    func inventoryPaging() async throws {
        let configuration = SandboxConfiguration(orders: 5, products: 2345, requestsPerMinute: 0)
        try await withClient(configuration) { (server, client) async throws in
            let expected = await server.account.products()
            var listed: [Int] = []
            for try await item in client.inventoryProductPages(inventoryID: 501).items { listed.append(item.id) }
            #expect(listed == expected.map(\.id))
            var stock: [Int: [String: Int]] = [:]
            for try await item in client.inventoryStockPages(inventoryID: 501).items { stock[item.productID] = item.stock }
            #expect(stock.count == expected.count)
            #expect(expected.allSatisfy { product in
                stock[product.id] == ["bl_1": product.stock[1] ?? 0, "bl_2": product.stock[2] ?? 0, "bl_3": product.stock[3] ?? 0]
            })
            var priced = 0
            for try await _ in client.inventoryPricePages(inventoryID: 501).items { priced += 1 }
            #expect(priced == expected.count)
            #expect(await server.stats.requests["getInventoryProductsStock"] == 3)
        }
    }

    @Test("a stock update of 2500 products goes out in batches of 1000 and all of it lands")
    func stockBatching() async throws {
        let configuration = SandboxConfiguration(orders: 5, products: 2500, requestsPerMinute: 0)
        try await withClient(configuration) { (server, client) async throws in
            let products = await server.account.products()
            var levels: [Int: [String: Int]] = [:]
            for (index, product) in products.enumerated() { levels[product.id] = ["bl_1": index % 97, "bl_3": 5] }
            let result = try await client.updateInventoryProductsStock(inventoryID: 501, stock: levels)
            #expect(result.counter == 2500)
            #expect(result.warnings.isEmpty)
            #expect(await server.stats.requests["updateInventoryProductsStock"] == 3)
            let after = await server.account.products()
            #expect(after.enumerated().allSatisfy { $1.stock[1] == $0 % 97 && $1.stock[3] == 5 })
        }
    }

    @Test("an invoice file whose base64 has '+' arrives intact through the client")
    func invoiceFile() async throws {
        let configuration = SandboxConfiguration(orders: 10, products: 10, requestsPerMinute: 0)
        try await withClient(configuration) { (server, client) async throws in
            let order = try #require(await server.account.orders().first)
            let series = try await client.getSeries()
            let invoiceSeries = try #require(series.first { $0.type == "INVOICE" })
            let invoiceID = try await client.addInvoice(orderID: order.id, seriesID: invoiceSeries.id)
            let pdf = Data("%PDF-1.4\n".utf8) + Data((0..<4093).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 0xFB) })
            #expect(pdf.base64EncodedString().contains("+"))
            try await client.addOrderInvoiceFile(invoiceID: invoiceID, file: pdf, externalInvoiceNumber: "FV/1/11/2026")
            let attached = try #require(await server.account.invoices(orderId: order.id).first)
            #expect(attached.fileBytes == pdf.count)
            #expect(attached.externalInvoiceNumber == "FV/1/11/2026")
            let listed = try await client.getInvoices(InvoicesQuery(orderID: order.id))
            #expect(listed.map(\.externalInvoiceNumber) == ["FV/1/11/2026"])
        }
    }

    @Test("a client over the sandbox's limit waits out ERROR_BLOCKED_TOKEN and every call succeeds")
    func blockedTokenIsWaitedOut() async throws {
        let clock = SharedTestClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        var configuration = SandboxConfiguration(orders: 5, products: 5, requestsPerMinute: 5)
        configuration.clock = clock
        try await withClient(configuration, clock: clock) { (server, client) async throws in
            for _ in 0..<12 { _ = try await client.getSeries() }
            let stats = await server.stats
            #expect(stats.requests["getSeries"] == 12)
            #expect(stats.rejected >= 1)
            #expect(clock.uptime() >= .seconds(60))
        }
    }
}
