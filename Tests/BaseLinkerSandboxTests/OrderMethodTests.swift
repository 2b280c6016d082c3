import BaseLinker
import BaseLinkerModels
@testable import BaseLinkerSandbox
import Foundation
import Testing

@Suite("Order methods")
struct OrderMethodTests {
    let configuration = SandboxConfiguration(seed: 4, orders: 250, products: 40, requestsPerMinute: 0)

    @Test("getOrders returns at most 100 confirmed orders sorted by date_confirmed")
    func pageOfOrders() async throws {
        try await withSandbox(configuration) { (server, client) async throws in
            let reply = try await client.call("getOrders", ["date_confirmed_from": 0])
            let orders = try #require(reply.json?["orders"]?.arrayValue)
            #expect(orders.count == 100)
            let dates = orders.compactMap { $0["date_confirmed"]?.int }
            #expect(dates == dates.sorted())
            let unconfirmed = await server.account.orders().filter { !$0.confirmed }.map(\.id)
            #expect(!unconfirmed.isEmpty)
            #expect(orders.allSatisfy { !unconfirmed.contains($0["order_id"]?.int ?? 0) })
        }
    }

    @Test("paging by date_confirmed_from (inclusive, deduplicated by id) returns every confirmed order")
    func pagingByDate() async throws {
        try await withSandbox(configuration) { (server, client) async throws in
            var seen: [Int] = []
            var from = 0
            while true {
                let page = try #require(try await client.call("getOrders", ["date_confirmed_from": .int(Int64(from))])
                    .json?["orders"]?.arrayValue)
                let fresh = page.compactMap { $0["order_id"]?.int }.filter { !seen.contains($0) }
                seen += fresh
                if page.count < 100 { break }
                from = try #require(page.last?["date_confirmed"]?.int)
            }
            let confirmed = await server.account.orders().filter(\.confirmed).map(\.id)
            #expect(seen.sorted() == confirmed)
        }
    }

    @Test("a page starts at date_confirmed_from and follows confirmation order, also after orders changed between pages")
    func pagesFollowConfirmationOrder() async throws {
        try await withSandbox(configuration) { (server, client) async throws in
            let confirmed = await server.account.orders().filter(\.confirmed)
                .sorted { ($0.dateConfirmed, $0.id) < ($1.dateConfirmed, $1.id) }
            let middle = confirmed[confirmed.count / 2]
            func page() async throws -> [Int] {
                try #require(try await client.call("getOrders", ["date_confirmed_from": .int(Int64(middle.dateConfirmed))])
                    .json?["orders"]?.arrayValue).compactMap { $0["order_id"]?.int }
            }
            let expected = Array(confirmed.filter { $0.dateConfirmed >= middle.dateConfirmed }.prefix(100).map(\.id))
            #expect(try await page() == expected)
            // A change to an order (its status) between two pages: the next page is the same.
            _ = try await client.call("setOrderStatus", ["order_id": .int(Int64(expected[0])), "status_id": 1006])
            #expect(try await page() == expected)
        }
    }

    @Test("getOrders filters by order_id, status_id, id_from, date_from, source and unconfirmed")
    func filters() async throws {
        try await withSandbox(configuration) { (server, client) async throws in
            let orders = await server.account.orders()
            let target = orders[17]
            let one = try await client.call("getOrders", ["order_id": .int(Int64(target.id))])
            #expect(one.json?["orders"]?.arrayValue?.map { $0["order_id"]?.int } == [target.id])
            let inStatus = try await client.call("getOrders", ["status_id": 1002])
            #expect(inStatus.json?["orders"]?.arrayValue?.allSatisfy { $0["order_status_id"] == 1002 } == true)
            let fromId = try await client.call("getOrders", ["id_from": .int(Int64(orders[200].id))])
            let ids = fromId.json?["orders"]?.arrayValue?.compactMap { $0["order_id"]?.int } ?? []
            #expect(ids == orders[200...].filter(\.confirmed).map(\.id))
            let fromDate = try await client.call("getOrders", ["date_from": .int(Int64(orders[240].dateAdd))])
            #expect(fromDate.json?["orders"]?.arrayValue?.allSatisfy { ($0["date_add"]?.int ?? 0) >= orders[240].dateAdd } == true)
            let allegro = try await client.call("getOrders", ["filter_order_source": "allegro"])
            let sources = Set(allegro.json?["orders"]?.arrayValue?.compactMap { $0["order_source"]?.stringValue } ?? [])
            #expect(sources == ["allegro"])
            let all = try await client.call("getOrders", ["id_from": 0, "get_unconfirmed_orders": true])
            let unconfirmedIds = orders.filter { !$0.confirmed }.map(\.id)
            let withUnconfirmed = Set(all.json?["orders"]?.arrayValue?.compactMap { $0["order_id"]?.int } ?? [])
            #expect(withUnconfirmed.isSuperset(of: unconfirmedIds.filter { $0 < orders[100].id }))
        }
    }

    @Test("setOrderStatus and setOrderStatuses move orders and record journal events")
    func statusChanges() async throws {
        try await withSandbox(configuration) { (server, client) async throws in
            let orders = await server.account.orders()
            let lastLog = await server.account.journal.last?.id ?? 0
            #expect(try await client.call("setOrderStatus", ["order_id": .int(Int64(orders[0].id)), "status_id": 1006]).isSuccess)
            let many: JSONValue = ["order_ids": .array(orders[1...3].map { .int(Int64($0.id)) }), "status_id": "1007"]
            #expect(try await client.call("setOrderStatuses", many).isSuccess)
            #expect(await server.account.order(orders[0].id)?.statusId == 1006)
            #expect(await server.account.order(orders[3].id)?.statusId == 1007)
            let journal = try await client.call("getJournalList", ["last_log_id": .int(Int64(lastLog)), "logs_types": [18]])
            let logs = try #require(journal.json?["logs"]?.arrayValue)
            #expect(logs.map { $0["order_id"]?.int } == orders[0...3].map(\.id))
            #expect(logs.map { $0["object_id"]?.int } == [1006, 1007, 1007, 1007])
        }
    }

    @Test("status changes refuse unknown orders and statuses and change nothing")
    func statusErrors() async throws {
        try await withSandbox(configuration) { (server, client) async throws in
            let order = try #require(await server.account.orders().first)
            let badStatus = try await client.call("setOrderStatus", ["order_id": .int(Int64(order.id)), "status_id": 999])
            #expect(badStatus.errorCode == "ERROR_STATUS_NOT_FOUND")
            let badOrder = try await client.call("setOrderStatuses", ["order_ids": [.int(Int64(order.id)), 5], "status_id": 1005])
            #expect(badOrder.errorCode == "ERROR_ORDER_NOT_FOUND")
            #expect(await server.account.order(order.id)?.statusId == order.statusId)
        }
    }

    @Test("an order added between two reads shows up in the next page")
    func addedOrderAppears() async throws {
        try await withSandbox(configuration) { (server, client) async throws in
            let last = await server.account.orders().map(\.dateConfirmed).max() ?? 0
            let added = await server.account.addOrder(SandboxOrder(
                statusId: 1001, dateConfirmed: last + 60,
                delivery: SandboxAddress(fullname: "Zażółć Gęślą", city: "Łódź", country: "Polska", countryCode: "PL"),
                lines: [SandboxOrderLine(name: "Kubek", warehouseId: 1, priceGross: 10)]))
            let reply = try await client.call("getOrders", ["date_confirmed_from": .int(Int64(last + 1))])
            #expect(reply.json?["orders"]?.arrayValue?.map { $0["order_id"]?.int } == [added.id])
            #expect(reply.json?["orders"]?.arrayValue?.first?["delivery_fullname"] == "Zażółć Gęślą")
        }
    }

    @Test("generated orders added later arrive after every existing order, and an undated one is dated")
    func generatedOrdersArriveLater() async throws {
        try await withSandbox(configuration) { (server, client) async throws in
            let before = await server.account.orders()
            let latest = before.map { max($0.dateConfirmed, $0.dateAdd) }.max() ?? 0
            let added = await server.account.addGeneratedOrders(30, seed: 77)
            #expect(added.count == 30)
            #expect(added.allSatisfy { $0.dateAdd > latest && $0.dateConfirmed > latest && $0.id > before.last?.id ?? 0 })
            let undated = await server.account.addOrder(SandboxOrder(
                statusId: 1002, delivery: SandboxAddress(fullname: "Łucja Żak", countryCode: "PL"),
                lines: [SandboxOrderLine(name: "Miód lipowy 400 g", priceGross: 29.99, taxRate: 5)]))
            #expect(undated.dateConfirmed == (added.map(\.dateConfirmed).max() ?? 0) + 1)
            let reply = try await client.call("getOrders", ["date_confirmed_from": .int(Int64(latest + 1))])
            let ids = reply.json?["orders"]?.arrayValue?.compactMap { $0["order_id"]?.int } ?? []
            #expect(Set(ids) == Set(added.map(\.id) + [undated.id]))
        }
    }
}
