import BaseLinkerModels
import Testing

@testable import BaseLinker
@testable import Sync

/// `OrderListing`: listings merged into one sequence in (date_confirmed, id) order, each order
/// once, whatever order BaseLinker gives the orders of one second in.
struct OrderListingTests {
    /// A listing whose pages are `pages`, as `orderPages` would hand them out.
    static func listing(_ pages: [[(id: Int, confirmed: Int)]]) -> BaseLinkerPages<Order> {
        BaseLinkerPages(start: 0) { index in
            let orders = try pages[index].map { try Order.reading(["order_id": .int(Int64($0.id)), "date_confirmed": .int(Int64($0.confirmed))]) }
            return (orders, index + 1 < pages.count ? index + 1 : nil)
        }
    }

    @Test("the orders of a second split across two pages come out by id; an order listed twice comes out once")
    func exactOrder() async throws {
        var listing = OrderListing([
            // Order 3 shares second 12 with order 8 but comes on the next page.
            Self.listing([[(5, 10), (9, 11), (8, 12)], [(3, 12), (1, 13)]]),
            // Another status: order 9 moved here while the listings were read.
            Self.listing([[(4, 12), (9, 11)], [(2, 14)]]),
        ])
        var merged: [Int] = []
        while let order = try await listing.next() { merged.append(order.id) }
        #expect(merged == [5, 9, 3, 4, 8, 1, 2])
        #expect(listing.seen == [1, 2, 3, 4, 5, 8, 9])
    }

    @Test("parts of a listing are taken a few at a time, the last one shorter, then none")
    func parts() async throws {
        var listing = OrderListing([Self.listing([[(1, 1), (2, 2), (3, 3)], [(4, 4), (5, 5)]])])
        #expect(try await listing.next(2).map(\.id) == [1, 2])
        #expect(try await listing.next(2).map(\.id) == [3, 4])
        #expect(try await listing.next(2).map(\.id) == [5])
        #expect(try await listing.next(2).isEmpty)
    }
}
