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
    private let fetch: Fetch

    init(start: Int, fetch: @escaping Fetch) {
        self.start = start
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(cursor: start, fetch: fetch)
    }

    public struct Iterator: AsyncIteratorProtocol {
        private var cursor: Int?
        private let fetch: Fetch

        init(cursor: Int?, fetch: @escaping Fetch) {
            self.cursor = cursor
            self.fetch = fetch
        }

        public mutating func next() async throws -> [Item]? {
            guard let current = cursor else { return nil }
            cursor = nil
            let page = try await fetch(current)
            guard !page.items.isEmpty else { return nil }
            cursor = page.next
            return page.items
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

    /// All orders confirmed at or after `query.dateConfirmedFrom` (0 when unset), page by page,
    /// the way BaseLinker recommends: each next page starts at the last order's
    /// `date_confirmed` + 1 s, and the sequence ends after a page of fewer than 100.
    ///
    /// The other query fields (`statusID`, filters) apply to every page. Orders confirmed in
    /// the same second as the last of a full page, beyond those on it, are not returned — a
    /// limit of BaseLinker's scheme (it needs more than 100 orders confirmed in one second).
    public func orderPages(_ query: OrdersQuery) -> BaseLinkerPages<Order> {
        BaseLinkerPages(start: query.dateConfirmedFrom ?? 0) { [self] from in
            var pageQuery = query
            pageQuery.dateConfirmedFrom = from
            let orders = try await getOrders(pageQuery)
            guard orders.count >= Self.ordersPageSize else { return (orders, nil) }
            guard let last = orders.compactMap(\.dateConfirmed).max(), last + 1 > from else {
                throw BaseLinkerError(
                    kind: .unexpectedData, method: "getOrders",
                    message: "a full page of orders from date_confirmed \(from) does not move the "
                        + "paging forward (its latest date_confirmed is "
                        + "\(orders.compactMap(\.dateConfirmed).max().map(String.init) ?? "missing"))")
            }
            return (orders, last + 1)
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
