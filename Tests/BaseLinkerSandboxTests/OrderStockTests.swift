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

    struct Slot: Hashable, CustomStringConvertible {
        /// A product without variants, or a variant.
        let item: Int
        let warehouse: Int
        var description: String { "item \(item) in bl_\(warehouse)" }
    }

    /// What the orders' inventory lines ship of each item from each warehouse.
    static func shipped(_ orders: [SandboxOrder]) -> [Slot: Int] {
        var shipped: [Slot: Int] = [:]
        for line in orders.flatMap(\.lines) where line.storage == "db" {
            let item = line.variantId != 0 ? line.variantId : Int(line.productId) ?? 0
            shipped[Slot(item: item, warehouse: line.warehouseId), default: 0] += line.quantity
        }
        return shipped
    }

    /// `item`'s stock in `warehouse`, nil for an unknown item.
    static func stock(_ slot: Slot, in account: SandboxAccount) async -> Int? {
        guard let item = await account.inventoryItem(slot.item) else { return nil }
        return item.stock[slot.warehouse] ?? 0
    }

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

    @Test("every item holds in each bl_ warehouse more than the orders ship of it from there", arguments: accounts)
    func stockCoversTheOrders(seed: UInt64, orders: Int, products: Int) async throws {
        let account = SandboxAccount(seed: seed, orders: orders, products: products)
        let shipped = Self.shipped(await account.orders())
        #expect(!shipped.isEmpty)
        for (slot, quantity) in shipped {
            #expect((1...3).contains(slot.warehouse), "\(slot) ships from a bl_ warehouse")
            let stock = try #require(await Self.stock(slot, in: account), "\(slot) exists")
            #expect(stock > quantity, "\(slot): \(stock) in stock, \(quantity) shipped")
        }
    }

    @Test("only stock the orders ship from is raised; the rest stays as drawn, some of it 0")
    func untouchedStockStaysAsDrawn() async throws {
        let account = SandboxAccount(seed: 1, orders: 200, products: 100)
        let drawn = SandboxAccount(seed: 1, orders: 0, products: 100)
        let shipped = Self.shipped(await account.orders())
        var zeros = 0
        var raised = 0
        for product in await drawn.products() {
            let items = product.variants.isEmpty ? [product.id] : product.variants.map(\.id)
            for item in items {
                for warehouse in 1...3 {
                    let slot = Slot(item: item, warehouse: warehouse)
                    let before = try #require(await Self.stock(slot, in: drawn))
                    let after = try #require(await Self.stock(slot, in: account))
                    if shipped[slot] == nil {
                        #expect(after == before, "\(slot) ships nothing")
                        if after == 0 { zeros += 1 }
                    } else {
                        #expect(after >= before, "\(slot)")
                        if after > before { raised += 1 }
                    }
                }
            }
        }
        #expect(zeros > 0, "some items are out of stock where nobody ordered them")
        #expect(raised > 0)
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

    @Test("orders added later sell variants and find the stock they ship, with the account's own orders")
    func addedOrdersFindTheirStock() async throws {
        let account = SandboxAccount(seed: 7, orders: 60, products: 40)
        let added = await account.addGeneratedOrders(300, seed: 5)
        let all = await account.orders()
        #expect(all.count == 360)
        for line in added.flatMap(\.lines) where line.storage == "db" {
            let product = try #require(await account.product(Int(line.productId) ?? 0))
            #expect(product.variants.isEmpty == (line.variantId == 0), "line of product \(product.id)")
        }
        for (slot, quantity) in Self.shipped(all) {
            let stock = try #require(await Self.stock(slot, in: account))
            #expect(stock > quantity, "\(slot): \(stock) in stock, \(quantity) shipped")
        }
    }
}
