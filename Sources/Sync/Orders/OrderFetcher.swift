import BaseLinker
import BaseLinkerModels

/// Reads the orders a sync considers (docs/architecture.md, "One order's path"): with statuses
/// selected, every order in each selected status confirmed since the start date, whenever it got
/// there; with none, the orders confirmed since the cursor. Each order once, oldest confirmation
/// first, a page at a time: of the orders read, only their ids are kept.
struct OrderFetcher {
    let client: BaseLinkerClient

    /// The orders confirmed at or after `from` in any of `statuses` (in any status when empty),
    /// each once, in ``confirmationOrder``.
    func listing(statuses: [Int], confirmedFrom from: Int) -> OrderListing {
        let queries = statuses.isEmpty
            ? [OrdersQuery(dateConfirmedFrom: from)]
            : statuses.map { OrdersQuery(dateConfirmedFrom: from, statusID: $0) }
        return OrderListing(queries.map { client.orderPages($0) })
    }

    /// One order by id (none when BaseLinker no longer has it).
    func order(id: Int) async throws -> [Order] {
        try await client.getOrders(OrdersQuery(orderID: id))
    }

    static func confirmationOrder(_ lhs: Order, _ rhs: Order) -> Bool {
        (lhs.dateConfirmed ?? 0, lhs.id) < (rhs.dateConfirmed ?? 0, rhs.id)
    }
}

/// Orders from one or more `getOrders` listings (one per status), merged into one sequence in
/// ``OrderFetcher/confirmationOrder``, each order once (one that moved between two selected
/// statuses while they were read is listed twice by BaseLinker).
///
/// A listing pages by `date_confirmed`, and the next page starts at the second the last one ended
/// in, so orders of that second may still come: they are held back until it has, and the order
/// is exactly that of sorting everything read.
struct OrderListing {
    fileprivate var sources: [Source]
    /// The ids of the orders given so far.
    private(set) var seen = Set<Int>()

    /// Merges `listings`, each paged by `date_confirmed` as ``BaseLinkerClient/orderPages(_:)`` pages.
    init(_ listings: [BaseLinkerPages<Order>]) {
        sources = listings.map { Source($0.readingAhead.makeAsyncIterator()) }
    }

    /// The next order, nil after the last.
    mutating func next() async throws -> Order? {
        while true {
            var first: Int?
            for index in sources.indices {
                guard let head = try await sources[index].head() else { continue }
                if let current = first, let best = try await sources[current].head(),
                   !OrderFetcher.confirmationOrder(head, best) {
                    continue
                }
                first = index
            }
            guard let first else { return nil }
            let order = sources[first].take()
            if seen.insert(order.id).inserted { return order }
        }
    }

    /// The next `count` orders at most (fewer only at the end).
    mutating func next(_ count: Int) async throws -> [Order] {
        var orders: [Order] = []
        while orders.count < count, let order = try await next() { orders.append(order) }
        return orders
    }

    /// One listing, in confirmation order.
    fileprivate struct Source {
        let pages: BaseLinkerPages<Order>.ReadingAhead.Iterator
        /// Read and in order, ready to go.
        var ready: [Order] = []
        var position = 0
        /// The orders of the last second read: the next page may hold more of that second.
        var held: [Order] = []
        var ended = false

        init(_ pages: BaseLinkerPages<Order>.ReadingAhead.Iterator) {
            self.pages = pages
        }

        mutating func head() async throws -> Order? {
            while position == ready.count {
                guard !ended else { return nil }
                var orders = held
                if let page = try await pages.next() {
                    orders += page
                    orders.sort(by: OrderFetcher.confirmationOrder)
                    let last = orders.last?.dateConfirmed
                    let split = orders.firstIndex { $0.dateConfirmed == last } ?? orders.count
                    ready = Array(orders[..<split])
                    held = Array(orders[split...])
                } else {
                    ready = orders
                    held = []
                    ended = true
                }
                position = 0
            }
            return ready[position]
        }

        /// Takes the head; call only after ``head()`` gave one.
        mutating func take() -> Order {
            defer { position += 1 }
            return ready[position]
        }
    }
}
