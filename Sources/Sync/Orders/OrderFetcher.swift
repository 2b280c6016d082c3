import BaseLinker
import BaseLinkerModels

/// Reads the orders a sync considers (docs/architecture.md, "One order's path"): with statuses selected, every order in
/// each selected status confirmed since the start date, whenever it got there; with none, the
/// orders confirmed since the cursor. Each order once, oldest confirmation first.
struct OrderFetcher {
    let client: BaseLinkerClient
    /// Told the count of orders read so far, after each one.
    var read: (Int) -> Void = { _ in }

    /// Orders in any of `statuses`, confirmed at or after `from`.
    func orders(inStatuses statuses: [Int], confirmedFrom from: Int) async throws -> [Order] {
        var orders: [Int: Order] = [:]
        for status in statuses {
            for try await order in client.orderPages(OrdersQuery(dateConfirmedFrom: from, statusID: status)).items {
                orders[order.id] = order
                read(orders.count)
            }
        }
        return orders.values.sorted(by: Self.confirmationOrder)
    }

    /// Orders confirmed at or after `from` in any status.
    func orders(confirmedFrom from: Int) async throws -> [Order] {
        var orders: [Int: Order] = [:]
        for try await order in client.orderPages(OrdersQuery(dateConfirmedFrom: from)).items {
            orders[order.id] = order
            read(orders.count)
        }
        return orders.values.sorted(by: Self.confirmationOrder)
    }

    /// One order by id (none when BaseLinker no longer has it).
    func order(id: Int) async throws -> [Order] {
        try await client.getOrders(OrdersQuery(orderID: id))
    }

    static func confirmationOrder(_ lhs: Order, _ rhs: Order) -> Bool {
        (lhs.dateConfirmed ?? 0, lhs.id) < (rhs.dateConfirmed ?? 0, rhs.id)
    }
}
