import BaseLinkerSandbox
import Foundation
import Testing

/// The seeded account is one a real shop could have: its orders sell what its inventory holds. A
/// store that pulls the inventory's stock and then issues a document for every order never takes
/// an inventory product below zero.
@Suite("Seeded orders and the stock they ship")
struct OrderStockTests {
    /// The demo's account (`firmlink sandbox`), the sync harness's, the end-to-end seller's and a
    /// large one.
    static let accounts: [(UInt64, Int, Int)] = [(1, 200, 100), (7, 60, 40), (31, 24, 30), (1, 2000, 600)]

    @Test("no order line sells a product that has variants; a variant's line carries the variant's data", arguments: accounts)
    func linesSellVariants(seed: UInt64, orders: Int, products: Int) async throws {
        let account = SandboxAccount(seed: seed, orders: orders, products: products)
        var variantLines = 0
        for order in await account.orders() {
            for line in order.lines where line.storage == "db" {
                let product = try #require(await account.product(Int(line.productId) ?? 0), "line \(line.name)")
                if product.variants.isEmpty {
                    #expect(line.variantId == 0, "product \(product.id) has no variants")
                    continue
                }
                let variant = try #require(product.variants.first { $0.id == line.variantId },
                                           "a line of product \(product.id) sells one of its variants, not \(line.variantId)")
                variantLines += 1
                #expect(line.sku == variant.sku && line.ean == variant.ean, "variant \(variant.id)")
                #expect(line.location == (variant.locations[line.warehouseId] ?? ""), "variant \(variant.id)")
                let title = line.name.lowercased().replacingOccurrences(of: "  ", with: " ")
                #expect(title.contains(variant.name.lowercased()), "\(line.name) is a title of \(variant.name)")
                if order.currency == "PLN" {
                    // The variant's retail price, or Allegro's 5% off it.
                    let cents = Int(((variant.prices[101] ?? 0) * 100).rounded())
                    #expect([cents, cents * 95 / 100].contains(Int((line.priceGross * 100).rounded())),
                            "variant \(variant.id) at \(line.priceGross)")
                }
            }
        }
        if orders >= 60 { #expect(variantLines > 0, "some lines sell variants") }
    }

    @Test("lines outside the inventory are rare: a few per 200 orders", arguments: accounts)
    func outsideLinesAreRare(seed: UInt64, orders: Int, products: Int) async {
        let all = await SandboxAccount(seed: seed, orders: orders, products: products).orders()
        let lines = all.flatMap(\.lines)
        let outside = lines.filter { $0.storage == "shop" }
        #expect(outside.allSatisfy { $0.warehouseId == 0 })
        // The one order of the document table's coverage whose lines are all outside, and about
        // one line in a hundred besides.
        let withOutside = all.filter { $0.lines.contains { $0.storage == "shop" } }
        #expect(withOutside.count <= 2 + orders / 40, "\(withOutside.count) of \(orders) orders")
        #expect(outside.count <= 4 + lines.count / 50, "\(outside.count) of \(lines.count) lines")
        if orders >= 200 { #expect(!outside.isEmpty, "some lines are outside the inventory") }
    }
}
