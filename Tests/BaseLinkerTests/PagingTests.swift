import Foundation
import Testing

@testable import BaseLinker
import BaseLinkerModels

@Suite("Paging")
struct PagingTests {
    /// An account of orders confirmed at the given instants; answers `getOrders` like
    /// BaseLinker (confirmed at or after `date_confirmed_from`, oldest first, 100 at most).
    private func ordersTransport(confirmedAt instants: [Int]) -> FakeTransport {
        FakeTransport { method, parameters, _ in
            #expect(method == "getOrders")
            let from = parameters["date_confirmed_from"]?.lenientInt ?? 0
            let page = instants.enumerated()
                .filter { $0.element >= from }
                .prefix(100)
                .map { JSONValue.object(["order_id": JSONValue(1000 + $0.offset), "date_confirmed": JSONValue($0.element)]) }
            return success(["orders": .array(Array(page))])
        }
    }

    /// The ids `orderPages(…).items` delivers, from orders confirmed at `from`, and the error that
    /// ended paging, if one did.
    private func orderIDs(_ transport: FakeTransport, from: Int) async -> (ids: [Int], error: (any Error)?) {
        var ids: [Int] = []
        do {
            for try await order in makeClient(transport: transport).orderPages(OrdersQuery(dateConfirmedFrom: from)).items {
                ids.append(order.id)
            }
            return (ids, nil)
        } catch {
            return (ids, error)
        }
    }

    @Test("orders page from the last order's second, skip the ids already returned, and stop after a page under 100")
    func ordersPaging() async throws {
        // 230 orders, two per second, from t = 1000.
        let instants = (0..<230).map { 1000 + $0 / 2 }
        let transport = ordersTransport(confirmedAt: instants)
        let client = makeClient(transport: transport)
        var pages: [[Order]] = []
        for try await page in client.orderPages(OrdersQuery(dateConfirmedFrom: 1000, statusID: 1001)) {
            pages.append(page)
        }
        // Pages from 1000, 1049 (the second of the 100th order) and 1098.
        #expect(transport.sent.map { $0.parameters["date_confirmed_from"] } == [1000, 1049, 1098])
        #expect(pages.map(\.count) == [100, 98, 32])
        #expect(transport.sent.allSatisfy { $0.parameters["status_id"] == 1001 })
        #expect(transport.sent.allSatisfy { $0.parameters["get_unconfirmed_orders"] == false })
        let ids = pages.joined().map(\.id)
        #expect(ids == Array(1000..<1230), "every order once, in order")
    }

    @Test("an order in the same second as the last of a full page but cut off it is returned")
    func sameSecondAtTheBoundary() async throws {
        // 99 orders one second apart, then three in the same second: the page ends inside it.
        let instants = (0..<99).map { 2000 + $0 } + [3000, 3000, 3000]
        let transport = ordersTransport(confirmedAt: instants)
        let (ids, error) = await orderIDs(transport, from: 0)
        #expect(error == nil)
        #expect(ids == Array(1000..<1102))
        #expect(transport.sent.map { $0.parameters["date_confirmed_from"] } == [0, 3000])
    }

    @Test("an exact multiple of 100 ends with a call that brings nothing new")
    func ordersExactMultiple() async throws {
        let transport = ordersTransport(confirmedAt: (0..<200).map { 5000 + $0 })
        let (ids, error) = await orderIDs(transport, from: 0)
        #expect(error == nil)
        #expect(ids == Array(1000..<1200))
        #expect(transport.count == 3)
        #expect(transport.sent.map { $0.parameters["date_confirmed_from"] } == [0, 5099, 5198])
    }

    @Test("a full page within one second stops paging with an error naming the second")
    func ordersWithinOneSecond() async throws {
        // 150 orders confirmed in one second, then 5 in the next.
        let second = 1_767_225_600
        let transport = ordersTransport(confirmedAt: Array(repeating: second, count: 150) + Array(repeating: second + 1, count: 5))
        let (ids, stop) = await orderIDs(transport, from: second)
        let error = try #require(stop as? BaseLinkerError)
        #expect(error.kind == .unexpectedData)
        #expect(error.method == "getOrders")
        #expect(error.message.contains("date_confirmed 1767225600 (Unix time)"))
        #expect(error.message.contains("more than 100"))
        // Nothing of that second is delivered, and paging does not move past it.
        #expect(ids.isEmpty)
        #expect(transport.sent.map { $0.parameters["date_confirmed_from"] } == [JSONValue(second)])
    }

    @Test("a second that fills a page after a page boundary stops paging too, after the orders before it")
    func fullSecondAfterBoundary() async throws {
        // 99 orders a second apart, then 150 in one second: the second page starts in it.
        let instants = (0..<99).map { 2000 + $0 } + Array(repeating: 3000, count: 150) + [3001]
        let transport = ordersTransport(confirmedAt: instants)
        let (ids, stop) = await orderIDs(transport, from: 0)
        let error = try #require(stop as? BaseLinkerError)
        #expect(error.kind == .unexpectedData)
        #expect(error.message.contains("date_confirmed 3000 (Unix time)"))
        #expect(ids == Array(1000..<1100))
        #expect(transport.sent.map { $0.parameters["date_confirmed_from"] } == [0, 3000])
    }

    @Test("a full page whose orders have no date_confirmed stops paging")
    func fullPageWithoutDates() async throws {
        let transport = FakeTransport { _, _, index in
            let page = (0..<100).map { JSONValue.object(["order_id": JSONValue(1000 + $0)]) }
            return success(["orders": index == 0 ? .array(page) : []])
        }
        let (ids, stop) = await orderIDs(transport, from: 50)
        let error = try #require(stop as? BaseLinkerError)
        #expect(error.kind == .unexpectedData)
        #expect(error.message.contains("date_confirmed"))
        #expect(ids.isEmpty)
        #expect(transport.count == 1)
    }

    /// Answers a paged inventory method with `total` products, 1000 per page from 1.
    private func inventoryTransport(total: Int, method expected: String) -> FakeTransport {
        FakeTransport { method, parameters, _ in
            #expect(method == expected)
            let page = parameters["page"]?.lenientInt ?? 0
            let ids = ((page - 1) * 1000)..<min(page * 1000, total)
            var products: [String: JSONValue] = [:]
            for id in ids where page >= 1 {
                products[String(id + 1)] = ["id": JSONValue(id + 1), "product_id": JSONValue(id + 1), "name": "P", "stock": ["bl_1": 1]]
            }
            return success(["products": products.isEmpty ? [] : .object(products)])
        }
    }

    @Test("inventory products page from 1 and stop after a page under 1000")
    func productPages() async throws {
        let transport = inventoryTransport(total: 2999, method: "getInventoryProductsList")
        let client = makeClient(transport: transport)
        var counts: [Int] = []
        for try await page in client.inventoryProductPages(inventoryID: 307, filters: ["filter_sku": "K"]) {
            counts.append(page.count)
        }
        #expect(counts == [1000, 1000, 999])
        #expect(transport.sent.map { $0.parameters["page"] } == [1, 2, 3])
        #expect(transport.sent.allSatisfy { $0.parameters["inventory_id"] == 307 && $0.parameters["filter_sku"] == "K" })
    }

    @Test("stock pages the same way; a final empty page comes as []")
    func stockPages() async throws {
        let transport = inventoryTransport(total: 2000, method: "getInventoryProductsStock")
        var ids: [Int] = []
        for try await stock in makeClient(transport: transport).inventoryStockPages(inventoryID: 1).items {
            ids.append(stock.productID)
        }
        #expect(ids == Array(1...2000))
        #expect(transport.count == 3)
    }

    @Test("a stock update of 2,500 products is sent as 3 calls, answers summed")
    func stockBatching() async throws {
        let transport = FakeTransport { _, parameters, index in
            let count = parameters["products"]?.objectValue?.count ?? 0
            let warnings: JSONValue = index == 1 ? ["1500": "Produkt nie istnieje"] : ""
            return success(["counter": JSONValue(index == 1 ? count - 1 : count), "warnings": warnings])
        }
        var stock: [Int: [String: Int]] = [:]
        for id in 1...2500 { stock[id] = ["bl_1": id % 7, "bl_2": 1] }
        let result = try await makeClient(transport: transport).updateInventoryProductsStock(inventoryID: 307, stock: stock)

        #expect(transport.count == 3)
        let batches = transport.sent.map { $0.parameters["products"]?.objectValue ?? [:] }
        #expect(batches.map(\.count) == [1000, 1000, 500])
        #expect(batches[0]["1"] == ["bl_1": 1, "bl_2": 1])
        #expect(batches[2]["2500"] == ["bl_1": 1, "bl_2": 1])
        #expect(Set(batches.flatMap(\.keys)).count == 2500)
        #expect(transport.sent.allSatisfy { $0.parameters["inventory_id"] == 307 })
        #expect(result == StockUpdateResult(counter: 2499, warnings: ["1500": "Produkt nie istnieje"]))
    }

    @Test("a failing batch says what the earlier batches already did")
    func stockBatchFailure() async throws {
        let transport = FakeTransport { _, _, index in
            index == 1 ? apiError("ERROR_INVENTORY", "Brak magazynu") : success(["counter": 1000, "warnings": []])
        }
        var stock: [Int: [String: Int]] = [:]
        for id in 1...2500 { stock[id] = ["bl_1": 1] }
        let error = await #expect(throws: BaseLinkerError.self) {
            _ = try await makeClient(transport: transport).updateInventoryProductsStock(inventoryID: 1, stock: stock)
        }
        #expect(error?.message.contains("batch 2 of 3") == true)
        #expect(error?.message.contains("1000 products") == true)
        #expect(transport.count == 2)
    }

    @Test("no products, no calls")
    func emptyStockUpdate() async throws {
        let transport = FakeTransport(always: success())
        let result = try await makeClient(transport: transport).updateInventoryProductsStock(inventoryID: 1, stock: [:])
        #expect(result == StockUpdateResult())
        #expect(transport.count == 0)
    }

    struct PageFailure: Error, Equatable {}

    @Test("reading ahead: the pages in order, one asked for ahead; after an error every later call throws it")
    func readingAhead() async throws {
        let asked = Locked(0)
        let pages = BaseLinkerPages<Int>(start: 0) { page in
            asked.withLock { $0 += 1 }
            if page == 2 { throw PageFailure() }
            return ([page * 10, page * 10 + 1], page + 1)
        }
        let iterator = pages.readingAhead.makeAsyncIterator()
        #expect(try await iterator.next() == [0, 1])
        #expect(try await iterator.next() == [10, 11])
        await #expect(throws: PageFailure.self) { try await iterator.next() }
        await #expect(throws: PageFailure.self) { try await iterator.next() }
        #expect(asked.withLock { $0 } == 3, "nothing asked after the failure")
    }
}
