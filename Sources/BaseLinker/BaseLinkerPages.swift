public import BaseLinkerModels
/// Pages of a paged BaseLinker method, fetched one at a time as the sequence is iterated.
///
/// Each page is one call (rate-limited, retried like any other); iteration ends after a page
/// shorter than the method's page size. An error ends the iteration by being thrown from
/// `next()`; the pages already delivered stay valid. ``items`` gives the records one by one.
public struct BaseLinkerPages<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = [Item]

    /// Fetches the page at a cursor; returns it and the next cursor (`nil` after the last).
    typealias Fetch = @Sendable (Int) async throws -> (items: [Item], next: Int?)

    private let start: Int
    /// Makes the fetch of one iteration, so that paging which remembers what it returned keeps
    /// that memory per iteration.
    private let makeFetch: @Sendable () -> Fetch

    init(start: Int, fetch: @escaping Fetch) {
        self.init(start: start, makeFetch: { fetch })
    }

    init(start: Int, makeFetch: @escaping @Sendable () -> Fetch) {
        self.start = start
        self.makeFetch = makeFetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(cursor: start, fetch: makeFetch())
    }

    public struct Iterator: AsyncIteratorProtocol, Sendable {
        private var cursor: Int?
        private let fetch: Fetch

        init(cursor: Int?, fetch: @escaping Fetch) {
            self.cursor = cursor
            self.fetch = fetch
        }

        public mutating func next() async throws -> [Item]? {
            while let current = cursor {
                cursor = nil
                let page = try await fetch(current)
                cursor = page.next
                // A page may hold nothing new and still not be the last.
                if !page.items.isEmpty { return page.items }
            }
            return nil
        }
    }

    /// The same pages, each next one asked for as soon as the one before is handed out, so a
    /// caller that works on a page while BaseLinker answers for the next waits only for what is
    /// left of that answer. One page is read ahead at most; when the iteration is dropped, the
    /// page being read ahead is cancelled.
    public var readingAhead: ReadingAhead { ReadingAhead(pages: self) }

    public struct ReadingAhead: AsyncSequence, Sendable {
        public typealias Element = [Item]
        let pages: BaseLinkerPages

        public func makeAsyncIterator() -> Iterator {
            Iterator(pages: pages.makeAsyncIterator())
        }

        public final class Iterator: AsyncIteratorProtocol {
            /// The next page and the pages after it, being read.
            private var ahead: Task<(page: [Item]?, rest: BaseLinkerPages.Iterator), any Error>?
            /// What ended the reading: thrown again by every later call, so that a caller that
            /// goes on never takes a listing cut short for a whole one.
            private var failure: (any Error)?

            init(pages: BaseLinkerPages.Iterator) {
                ahead = Self.read(pages)
            }

            deinit { ahead?.cancel() }

            private static func read(
                _ pages: BaseLinkerPages.Iterator
            ) -> Task<(page: [Item]?, rest: BaseLinkerPages.Iterator), any Error> {
                Task {
                    var pages = pages
                    let page = try await pages.next()
                    return (page, pages)
                }
            }

            /// The next page; cancelling the caller cancels its reading.
            public func next() async throws -> [Item]? {
                if let failure { throw failure }
                guard let reading = ahead else { return nil }
                ahead = nil
                do {
                    let (page, rest) = try await withTaskCancellationHandler {
                        try await reading.value
                    } onCancel: {
                        reading.cancel()
                    }
                    guard let page else { return nil }
                    ahead = Self.read(rest)
                    return page
                } catch {
                    failure = error
                    throw error
                }
            }
        }
    }

    /// The records of every page, one by one.
    public var items: Items { Items(pages: self) }

    public struct Items: AsyncSequence, Sendable {
        public typealias Element = Item
        let pages: BaseLinkerPages

        public func makeAsyncIterator() -> Iterator {
            Iterator(pages: pages.makeAsyncIterator())
        }

        public struct Iterator: AsyncIteratorProtocol {
            var pages: BaseLinkerPages.Iterator
            var buffer: [Item] = []
            var index = 0

            public mutating func next() async throws -> Item? {
                while index == buffer.count {
                    guard let page = try await pages.next() else { return nil }
                    buffer = page
                    index = 0
                }
                defer { index += 1 }
                return buffer[index]
            }
        }
    }
}

extension BaseLinkerClient {
    /// `getOrders` returns at most this many orders per call.
    public static let ordersPageSize = 100

    /// All orders confirmed at or after `query.dateConfirmedFrom` (0 when unset), each once,
    /// page by page by `date_confirmed`; the sequence ends after a page of fewer than 100.
    ///
    /// BaseLinker suggests starting each next page one second after the last order's
    /// `date_confirmed`, which loses an order confirmed in that same second but cut off the full
    /// page — two orders in one second suffice, and marketplace imports make such seconds. So
    /// the next page starts at that second itself and the orders of that second already
    /// returned are skipped by id. Only a full page of 100 orders within one second cannot be
    /// paged past: the orders after the first 100 of that second are out of reach by date, so
    /// paging stops there with an ``BaseLinkerError/Kind/unexpectedData`` error naming the
    /// second rather than skip them. A full page without any `date_confirmed` stops it too.
    ///
    /// The other query fields (`statusID`, filters) apply to every page.
    public func orderPages(_ query: OrdersQuery) -> BaseLinkerPages<Order> {
        BaseLinkerPages(start: query.dateConfirmedFrom ?? 0) { [self] in
            // Ids already returned from the second the next page starts at.
            let boundary = Locked(Set<Int>())
            return { [self] from in
                var pageQuery = query
                pageQuery.dateConfirmedFrom = from
                let orders = try await getOrders(pageQuery)
                let fresh = boundary.withLock { seen in orders.filter { !seen.contains($0.id) } }
                guard orders.count >= Self.ordersPageSize else { return (fresh, nil) }
                let confirmed = orders.compactMap(\.dateConfirmed)
                guard let first = confirmed.min(), let last = confirmed.max() else {
                    throw BaseLinkerError(
                        kind: .unexpectedData, method: "getOrders",
                        message: "asked for orders confirmed from \(from) (Unix time), got a full page of "
                            + "\(orders.count) orders none of which has date_confirmed; paging by "
                            + "date_confirmed cannot go on")
                }
                guard last >= from else {
                    throw BaseLinkerError(
                        kind: .unexpectedData, method: "getOrders",
                        message: "asked for orders confirmed from \(from), got a full page confirmed up to \(last); "
                            + "paging cannot go on")
                }
                guard first < last else {
                    throw BaseLinkerError(
                        kind: .unexpectedData, method: "getOrders",
                        message: "\(orders.count) or more orders share date_confirmed \(last) (Unix time): a full "
                            + "page, all confirmed in that one second. getOrders cannot page within a second, so if "
                            + "more than \(orders.count) share it, the rest are out of reach; stopping rather than "
                            + "skip them")
                }
                let atLast = Set(orders.filter { $0.dateConfirmed == last }.map(\.id))
                boundary.withLock { $0 = atLast }
                return (fresh, last)
            }
        }
    }

    /// Every product of the inventory list, 1000 per page from page 1.
    public func inventoryProductPages(
        inventoryID: Int, filters: [String: JSONValue] = [:]
    ) -> BaseLinkerPages<InventoryProductListItem> {
        BaseLinkerPages(start: 1) { [self] page in
            let items = try await getInventoryProductsList(inventoryID: inventoryID, page: page, filters: filters)
            return (items, items.count < Self.inventoryPageSize ? nil : page + 1)
        }
    }

    /// Stock of every product, 1000 per page from page 1.
    public func inventoryStockPages(inventoryID: Int) -> BaseLinkerPages<InventoryProductStock> {
        BaseLinkerPages(start: 1) { [self] page in
            let items = try await getInventoryProductsStock(inventoryID: inventoryID, page: page)
            return (items, items.count < Self.inventoryPageSize ? nil : page + 1)
        }
    }

    /// Prices of every product, 1000 per page from page 1.
    public func inventoryPricePages(inventoryID: Int) -> BaseLinkerPages<InventoryProductPrices> {
        BaseLinkerPages(start: 1) { [self] page in
            let items = try await getInventoryProductsPrices(inventoryID: inventoryID, page: page)
            return (items, items.count < Self.inventoryPageSize ? nil : page + 1)
        }
    }
}
