import BaseLinkerModels
@testable import BaseLinkerSandbox
import Config
import FirminoStore
import Foundation
import Sync
import Testing

/// The products and warehouses modules against the sandbox, mode by mode.
@Suite("Products and stock")
struct ProductsSyncTests {
    static let baselinkerMode = #"mode = "baselinker""#
    static let firminoMode = "mode = \"firmino\"\nupdate_names = true"

    /// What BaseLinker sells: each product without variants, and each variant (never a product
    /// with variants itself), keyed as the store links them (`product` or `product/variant`).
    static func sellable(_ account: SandboxAccount) async -> [String: SandboxInventoryItem] {
        var items: [String: SandboxInventoryItem] = [:]
        for product in await account.products() {
            if product.variants.isEmpty {
                items["\(product.id)"] = await account.inventoryItem(product.id)
            } else {
                for variant in product.variants { items["\(product.id)/\(variant.id)"] = await account.inventoryItem(variant.id) }
            }
        }
        return items
    }

    /// The store's cards by their BaseLinker link (`product` or `product/variant`).
    static func cardsByLink(_ reader: StoreReader) throws -> [String: Product] {
        var cards: [String: Product] = [:]
        for card in try reader.products() {
            guard let product = card.baselinkerProductId else { continue }
            cards[card.baselinkerVariantId.map { "\(product)/\($0)" } ?? "\(product)"] = card
        }
        return cards
    }

    @Test("mode baselinker pulls every product with its fields and its stock in the mapped warehouses, in the fewest requests")
    // `sync products`: getInventories, then one list page and one data batch per 1,000 products.
    func pullsEverything() async throws {
        try await withSyncHarness(orders: 0, products: 40) { harness in
            let configuration = try harness.configuration(products: Self.baselinkerMode)
            let before = await harness.sandbox.stats
            let summary = try await harness.sync(configuration, only: .products)
            #expect(summary.products.failed.isEmpty)
            let sellable = await Self.sellable(harness.sandbox.account)
            #expect(sellable.keys.contains { $0.contains("/") }, "the account has variants")
            #expect(summary.products.created == sellable.count)
            #expect(await harness.requests(since: before) == [
                "getInventories": 1, "getInventoryProductsList": 1, "getInventoryProductsData": 1,
            ])
            let (cards, levels) = try harness.read { reader in
                (try Self.cardsByLink(reader), try reader.stockLevels())
            }
            #expect(Set(cards.keys) == Set(sellable.keys))
            for (link, item) in sellable {
                let card = try #require(cards[link], "BaseLinker \(link) has a card")
                #expect(card.name == item.name)
                #expect(card.sku == (item.sku.isEmpty ? nil : item.sku))
                #expect(card.ean == (item.ean.isEmpty ? nil : item.ean))
                #expect(card.grossPrice == Money(baselinker: item.prices[101] ?? -1))
                #expect(card.vatRate == VATRate(baselinker: item.taxRate))
                for warehouse in 1...3 {
                    let level = levels.first { $0.productId == card.id && $0.warehouseId == Int64(warehouse) }?.quantity ?? 0
                    #expect(level == item.stock[warehouse] ?? 0, "\(link) in bl_\(warehouse)")
                }
            }
            let reasons = Set(try harness.read { try $0.stockMovements() }.map(\.reason))
            #expect(reasons == [.baselinkerStock])
        }
    }

    @Test("a pull of thousands of products: list pages of 1,000 rows and data batches of 1,000 products, no more")
    func pullAtScale() async throws {
        try await withSyncHarness(orders: 0, products: 2_100) { harness in
            let configuration = try harness.configuration(products: Self.baselinkerMode)
            let products = await harness.sandbox.account.products()
            let rows = products.reduce(0) { $0 + 1 + $1.variants.count }  // each variant is a row of the list
            let before = await harness.sandbox.stats
            let summary = try await harness.sync(configuration, only: .products)
            #expect(summary.products.created == (await Self.sellable(harness.sandbox.account)).count)
            // The list ends with a page shorter than 1,000 rows (an empty one when they come out even).
            #expect(await harness.requests(since: before) == [
                "getInventories": 1, "getInventoryProductsList": rows / 1_000 + 1,
                "getInventoryProductsData": (products.count + 999) / 1_000,
            ])
        }
    }

    @Test("a second pull with nothing changed reads the listing only and writes nothing")
    func secondPullWritesNothing() async throws {
        try await withSyncHarness(orders: 0, products: 40) { harness in
            let configuration = try harness.configuration(products: Self.baselinkerMode)
            _ = try await harness.sync(configuration, only: .products)
            let state = try harness.read { reader in
                (try reader.productRevision(), try reader.stockMovements().count, try reader.products())
            }
            let before = await harness.sandbox.stats
            let again = try await harness.sync(configuration, only: .products)
            #expect(again.products.created == 0 && again.products.updated == 0 && again.stock.pulled == 0)
            #expect(await harness.requests(since: before) == ["getInventories": 1, "getInventoryProductsList": 1])
            let after = try harness.read { reader in
                (try reader.productRevision(), try reader.stockMovements().count, try reader.products())
            }
            #expect(after.0 == state.0 && after.1 == state.1 && after.2 == state.2)
        }
    }

    @Test("inventory_id and price_group choose what is pulled; an inventory or a group BaseLinker lacks is refused by its key")
    func inventoryAndPriceGroup() async throws {
        try await withSyncHarness(orders: 0, products: 20) { harness in
            // The sandbox's one inventory is 501; its groups are 101 (retail, the default), 102, 103.
            var configuration = try harness.configuration(products: Self.baselinkerMode + "\nprice_group = 103")
            configuration.baselinker.inventoryId = 501
            let summary = try await harness.sync(configuration, only: .products)
            #expect(summary.products.failed.isEmpty && summary.products.created > 0)
            let cards = try harness.read { try Self.cardsByLink($0) }
            for (link, item) in await Self.sellable(harness.sandbox.account) {
                let wholesale = try #require(item.prices[103], "\(link) has a wholesale price")
                #expect(wholesale != item.prices[101], "\(link): the groups differ, so the test tells them apart")
                #expect(cards[link]?.grossPrice == Money(baselinker: wholesale), "\(link) takes group 103")
            }

            // What BaseLinker lacks is refused before anything is written, naming the key.
            var noInventory = configuration
            noInventory.baselinker.inventoryId = 999
            var noGroup = configuration
            noGroup.products.priceGroup = 555
            for (wrong, key, message) in [
                (noInventory, "baselinker.inventory_id", "BaseLinker has no inventory 999"),
                (noGroup, "products.price_group", "inventory 501 has no price group 555 (its groups: 101, 102, 103)"),
            ] {
                let error = await #expect(throws: ConfigurationError.self) { try await harness.sync(wrong, only: .products) }
                let said = error.map { "\($0)" } ?? ""
                #expect(said.contains(key) && said.contains(message), "\(said)")
            }
        }
    }

    @Test("mode firmino with update_names off sends a linked card's other changes but keeps BaseLinker's name")
    func updateNamesOff() async throws {
        try await withSyncHarness(orders: 0, products: 20) { harness in
            let configuration = try harness.configuration(products: "mode = \"firmino\"\nupdate_names = false")
            _ = try await harness.sync(configuration, only: .products)
            let card = try #require(try harness.read { try $0.products().first { $0.baselinkerProductId != nil && $0.baselinkerVariantId == nil } })
            let remoteId = Int(card.baselinkerProductId!)
            let nameBefore = try #require(await harness.sandbox.account.product(remoteId)?.name)
            let store = try Store(path: harness.storePath)
            try store.write { tx in
                var fields = card.fields
                fields.name = "Nazwa tylko w sklepie"
                fields.grossPrice = Money(decimalString: "123.45")!
                _ = try tx.updateProduct(id: card.id, fields)
            }
            try store.close()
            let pushing = try await harness.sync(configuration, only: .products)
            #expect(pushing.products.pushed == 1)
            let remote = try #require(await harness.sandbox.account.product(remoteId))
            #expect(remote.name == nameBefore)
            #expect(remote.prices[101] == 123.45)
        }
    }

    @Test("a product changed in BaseLinker is read again and updated, field by field, and its stock adjusted")
    func changedProductIsUpdated() async throws {
        try await withSyncHarness(orders: 0, products: 40) { harness in
            let configuration = try harness.configuration(products: Self.baselinkerMode)
            _ = try await harness.sync(configuration, only: .products)
            let product = try #require(await harness.sandbox.account.products().first { $0.variants.isEmpty })
            _ = try await harness.sandbox.account.call("addInventoryProduct", parameters: [
                "inventory_id": .int(501), "product_id": .string(String(product.id)),
                "prices": .object(["101": .double(123.45)]),
                "text_fields": .object(["name": .string("Nowa nazwa")]),
            ])
            try await harness.sandbox.account.setStock(productId: product.id, warehouseId: 2, quantity: 999)
            let plan = try await harness.session(configuration, dryRun: true) { try await $0.pullProducts() }
            let change = try #require(plan.products.plan.first { $0.baselinker == "\(product.id)" })
            #expect(change.action == "updated")
            #expect(change.changes.contains("name: \(product.name) → Nowa nazwa"))
            #expect(change.changes.contains { $0.hasPrefix("price_gross: ") && $0.hasSuffix(" → 123.45") })
            #expect(change.stockChanges == ["stock bl_2: \(product.stock[2] ?? 0) → 999"])
            #expect(plan.products.plan.filter { $0.action != "unchanged" }.count == 1)
            let before = await harness.sandbox.stats
            let summary = try await harness.sync(configuration, only: .products)
            #expect(summary.products.updated == 1 && summary.stock.pulled == 1)
            #expect(await harness.requests(since: before)["getInventoryProductsData"] == 1)
            let card = try #require(try harness.read { try Self.cardsByLink($0)["\(product.id)"] })
            #expect(card.name == "Nowa nazwa" && card.grossPrice.decimalString == "123.45")
            #expect(try harness.read { try $0.stockLevel(productId: card.id, warehouseId: 2) } == 999)
        }
    }

    @Test("orders after a pull take goods from the pulled stock and link their lines to the pulled cards")
    func ordersUsePulledProducts() async throws {
        try await withSyncHarness(orders: 40, products: 40) { harness in
            let configuration = try harness.configuration(products: Self.baselinkerMode)
            let inventoryLines = await harness.issuableOrders().flatMap(\.lines).filter { !$0.productId.isEmpty && $0.storage == "db" }
            #expect(!inventoryLines.isEmpty)
            let summary = try await harness.sync(configuration)
            #expect(summary.modules == ["warehouses", "products", "orders"])
            let (cards, documents) = try harness.read { (try Self.cardsByLink($0), try $0.documents()) }
            let linkedLines = documents.flatMap(\.lines).filter { line in cards.values.contains { $0.id == line.productId } }
            #expect(linkedLines.count >= inventoryLines.count)
            let sales = try harness.read { try $0.stockMovements() }.filter { $0.reason == .sale }
            #expect(!sales.isEmpty)
        }
    }

    @Test("mode firmino links BaseLinker's products once, each new card starting at BaseLinker's stock, then pushes only changes")
    func firminoLinksThenPushes() async throws {
        try await withSyncHarness(orders: 0, products: 30) { harness in
            // A card the seller had before: it takes the link of the BaseLinker product with its SKU.
            let first = try #require(await harness.sandbox.account.products().first { !$0.sku.isEmpty && $0.variants.isEmpty })
            let store = try Store(path: harness.storePath)
            let own = try store.write { try $0.insertProduct(ProductFields(name: "Mój produkt", sku: first.sku.lowercased())) }
            try store.close()
            let configuration = try harness.configuration(products: Self.firminoMode)
            let linking = try await harness.sync(configuration, only: .products)
            #expect(linking.products.linked == 1)
            #expect(linking.products.created == (await Self.sellable(harness.sandbox.account)).count - 1)
            let cards = try harness.read { try Self.cardsByLink($0) }
            #expect(cards["\(first.id)"]?.id == own.id)
            #expect(cards["\(first.id)"]?.name == "Mój produkt", "the store is the source: a linked card keeps its fields")
            let openings = try harness.read { try $0.stockMovements() }.filter { $0.reason == .opening }
            #expect(!openings.isEmpty)
            #expect(openings.allSatisfy { $0.productId != own.id }, "a card of the seller's own keeps its stock")
            // The seller's card differs from BaseLinker's product: the store wins, in the same run.
            #expect(linking.products.pushed == 1)
            #expect(await harness.sandbox.account.product(first.id)?.name == "Mój produkt")

            // The next sync: nothing changed, nothing sent.
            let before = await harness.sandbox.stats
            let quiet = try await harness.sync(configuration, only: .products)
            #expect(quiet.products.pushed == 0)
            #expect(await harness.requests(since: before)["addInventoryProduct"] == nil)

            // A new card with stock goes to BaseLinker, its levels below zero as 0.
            let store2 = try Store(path: harness.storePath)
            let added = try store2.write { tx in
                let card = try tx.insertProduct(ProductFields(name: "Kubek nowy", sku: "KUB-NEW", vatRate: .percent(8), grossPrice: Money(decimalString: "19.90")!))
                try tx.setStockLevel(productId: card.id, warehouseId: 1, to: 12, reason: .manual)
                try tx.setStockLevel(productId: card.id, warehouseId: 2, to: -3, reason: .manual)
                return card
            }
            try store2.close()
            let pushing = try await harness.sync(configuration, only: .products)
            #expect(pushing.products.pushed == 1)
            #expect(pushing.warnings.contains { $0.contains("is at -3 in bl_2: sent to BaseLinker as 0") })
            let sent = try #require(try harness.read { try $0.product(id: added.id)?.baselinkerProductId })
            let remote = try #require(await harness.sandbox.account.product(Int(sent)))
            #expect(remote.name == "Kubek nowy" && remote.sku == "KUB-NEW" && remote.taxRate == 8)
            #expect(remote.prices[101] == 19.9)
            #expect(remote.stock[1] == 12 && remote.stock[2] == 0)

            let after = await harness.sandbox.stats
            let again = try await harness.sync(configuration, only: .products)
            #expect(again.products.pushed == 0)
            #expect(await harness.requests(since: after)["addInventoryProduct"] == nil)
        }
    }

    @Test("the stock push sends the levels that moved, after the orders, 1000 products a call, below zero as 0")
    func stockPush() async throws {
        try await withSyncHarness(orders: 40, products: 30) { harness in
            let configuration = try harness.configuration(products: Self.firminoMode, warehouses: "push_stock = true")
            let start = await harness.sandbox.stats
            let first = try await harness.sync(configuration)
            #expect(first.stock.pushed > 0)
            #expect(await harness.requests(since: start)["updateInventoryProductsStock"] == 1)
            // The cards made from BaseLinker's products start at its levels: only what the
            // orders moved goes back.
            let sold = try harness.read { reader in
                Set(try reader.stockMovements().filter { $0.documentId != nil }.compactMap { movement -> Int64? in
                    try reader.product(id: movement.productId)?.baselinkerProductId == nil ? nil : movement.productId
                })
            }
            #expect(first.stock.pushed == sold.count)
            let levels = try harness.read { reader in
                try reader.stockLevels().compactMap { level -> (Int, Int, Int)? in
                    guard let card = try reader.product(id: level.productId), let link = card.baselinkerProductId else { return nil }
                    return (Int(card.baselinkerVariantId ?? link), Int(level.warehouseId), level.quantity)
                }
            }
            for (product, warehouse, quantity) in levels {
                let remote = await harness.sandbox.account.inventoryItem(product)?.stock[warehouse] ?? 0
                #expect(remote == max(0, quantity), "product \(product) in bl_\(warehouse)")
            }
            let before = await harness.sandbox.stats
            let second = try await harness.sync(configuration)
            #expect(second.stock.pushed == 0)
            let quiet = await harness.requests(since: before)
            #expect(quiet["updateInventoryProductsStock"] == nil)
            #expect(quiet["getInventories"] == 1, "the product push and the stock push share one look at the inventories")

            // A new card goes to BaseLinker with its levels: the stock push does not send them again.
            let store = try Store(path: harness.storePath)
            let added = try store.write { tx in
                let card = try tx.insertProduct(ProductFields(name: "Kubek nowy", sku: "KUB-NEW", vatRate: .percent(8), grossPrice: Money(decimalString: "19.90")!))
                try tx.setStockLevel(productId: card.id, warehouseId: 1, to: 7, reason: .manual)
                return card
            }
            try store.close()
            let adding = await harness.sandbox.stats
            let third = try await harness.sync(configuration)
            #expect(third.products.pushed == 1 && third.stock.pushed == 0)
            let sent = await harness.requests(since: adding)
            #expect(sent["addInventoryProduct"] == 1)
            #expect(sent["updateInventoryProductsStock"] == nil, "the card's levels went with it")
            let link = try #require(try harness.read { try $0.product(id: added.id)?.baselinkerProductId })
            #expect(await harness.sandbox.account.inventoryItem(Int(link))?.stock[1] == 7)
        }
    }

    @Test("mode manual: a sync leaves products alone; pull and push plan field by field, and a dry run writes nothing")
    func manualMode() async throws {
        try await withSyncHarness(orders: 0, products: 20) { harness in
            let configuration = try harness.configuration(products: #"mode = "manual""#)
            let before = await harness.sandbox.stats
            _ = try await harness.sync(configuration)
            #expect(await harness.requests(since: before)["getInventoryProductsList"] == nil)
            #expect(try harness.read { try $0.products() }.isEmpty)

            let plan = try await harness.session(configuration, dryRun: true) { try await $0.pullProducts() }
            let count = await Self.sellable(harness.sandbox.account).count
            #expect(plan.products.plan.count == count && plan.products.plan.allSatisfy { $0.action == "created" })
            #expect(plan.products.plan.allSatisfy { change in change.changes.contains { $0.hasPrefix("price_gross: ") } })
            #expect(try harness.read { try $0.products() }.isEmpty)

            let pulled = try await harness.session(configuration) { try await $0.pullProducts() }
            #expect(pulled.products.created == count)
            let card = try #require(try harness.read { try $0.products() }.first)
            let store = try Store(path: harness.storePath)
            var fields = card.fields
            fields.grossPrice = Money(decimalString: "1.23")!
            try store.write { _ = try $0.updateProduct(id: card.id, fields) }
            try store.close()
            let pushPlan = try await harness.session(configuration, dryRun: true) { try await $0.pushProducts() }
            let planned = try #require(pushPlan.products.plan.first { $0.productId == card.id })
            #expect(planned.action == "updated" && planned.changes.contains { $0.hasSuffix("→ 1.23") })
            #expect(pushPlan.products.plan.filter { $0.action != "unchanged" }.count == 1)
        }
    }

    @Test("a card added by a push whose answer was lost is linked by its SKU, not added twice")
    func lostAnswerIsNotDuplicated() async throws {
        try await withSyncHarness(orders: 0, products: 5) { harness in
            let configuration = try harness.configuration(products: Self.firminoMode)
            _ = try await harness.sync(configuration, only: .products)
            // BaseLinker already has the product (as after an add whose answer never came).
            let remote = await harness.sandbox.account.addProduct(SandboxProduct(sku: "LOST-1", name: "Zgubiony", prices: [101: 10]))
            let store = try Store(path: harness.storePath)
            let card = try store.write { try $0.insertProduct(ProductFields(name: "Zgubiony", sku: "LOST-1", grossPrice: Money(decimalString: "10")!)) }
            try store.close()
            let before = await harness.sandbox.stats
            let summary = try await harness.sync(configuration, only: .products)
            #expect(try harness.read { try $0.product(id: card.id)?.baselinkerProductId } == Int64(remote.id))
            #expect(summary.products.linked == 1)
            #expect(await harness.requests(since: before)["addInventoryProduct"] == nil)
            #expect(await harness.sandbox.account.products().filter { $0.sku == "LOST-1" }.count == 1)
        }
    }

    @Test("warehouses: map links a BaseLinker warehouse, import makes the unmapped ones in the country given")
    func warehousesMapAndImport() async throws {
        try await withSyncHarness(orders: 0, products: 1) { harness in
            var configuration = try harness.configuration(products: Self.baselinkerMode)
            configuration.warehouses.map = [:]
            configuration.warehouses.countries = [:]
            configuration.warehouses.importNew = false
            let store = try Store(path: harness.storePath)
            let own = try store.write { try $0.insertWarehouse(WarehouseFields(name: "Mój magazyn", country: "PL"), isDefault: true) }
            try store.close()
            let mapping = try await harness.session(configuration) { try await $0.mapWarehouse("bl_2", to: own.id) }
            #expect(mapping.warehouse.baselinkerWarehouse == "bl_2")
            await #expect(throws: SyncSession.WarehouseProblem.self) {
                try await harness.session(configuration) { try await $0.mapWarehouse("bl_99", to: own.id) }
            }
            let unmapped = try await harness.session(configuration) { try await $0.unmappedWarehouses() }
            #expect(unmapped.map(\.key) == ["bl_1", "bl_3"])
            await #expect(throws: SyncSession.WarehouseProblem.self) {
                try await harness.session(configuration) { try $0.importWarehouses(unmapped, countries: ["bl_1": "PL"]) }
            }
            let created = try await harness.session(configuration) { session in
                try session.importWarehouses(unmapped, countries: ["bl_1": "PL", "bl_3": "DE"])
            }
            #expect(created.map(\.baselinkerWarehouse) == ["bl_1", "bl_3"])
            #expect(created.map(\.country) == ["PL", "DE"])
            #expect(try await harness.session(configuration) { try await $0.unmappedWarehouses() }.isEmpty)
        }
    }
}
