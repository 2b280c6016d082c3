import BaseLinker

/// Reads the orders a sync considers (DESIGN §1 step 2): with statuses selected, every order in
/// each selected status confirmed since the start date, whenever it got there; with none, the
/// orders confirmed since the cursor.
///
/// Pages follow `date_confirmed`, but the next page starts at the last order's second itself
/// rather than one second later: orders confirmed in the same second as a page's last one are
/// read again and skipped by id instead of being lost at the page boundary. Only a page whose
/// 100 orders all share one second moves on by a second.
struct OrderFetcher {
    let client: BaseLinkerClient

    /// Orders in any of `statuses`, confirmed at or after `from`, each once, by `date_confirmed`.
    func orders(inStatuses statuses: [Int], confirmedFrom from: Int) async throws -> [Order] {
        var seen = Set<Int>()
        var orders: [Order] = []
        for status in statuses {
            try await read(from: from, status: status) { order in
                if seen.insert(order.id).inserted { orders.append(order) }
            }
        }
        return orders.sorted(by: Self.confirmationOrder)
    }

    /// Orders confirmed at or after `from` in any status, each once, by `date_confirmed`.
    func orders(confirmedFrom from: Int) async throws -> [Order] {
        var seen = Set<Int>()
        var orders: [Order] = []
        try await read(from: from, status: nil) { order in
            if seen.insert(order.id).inserted { orders.append(order) }
        }
        return orders.sorted(by: Self.confirmationOrder)
    }

    /// Pages from `start`; `take` sees the orders at each page boundary twice and skips them by id.
    private func read(from start: Int, status: Int?, _ take: (Order) -> Void) async throws {
        var from = start
        while true {
            let page = try await client.getOrders(OrdersQuery(dateConfirmedFrom: from, statusID: status))
            page.forEach(take)
            guard page.count >= BaseLinkerClient.ordersPageSize else { return }
            let last = page.compactMap(\.dateConfirmed).max() ?? from
            // A full page within one second cannot be told apart by date: move on by a second.
            from = last > from ? last : from + 1
        }
    }

    static func confirmationOrder(_ lhs: Order, _ rhs: Order) -> Bool {
        (lhs.dateConfirmed ?? 0, lhs.id) < (rhs.dateConfirmed ?? 0, rhs.id)
    }
}
