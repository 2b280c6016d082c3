import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

@Suite("Products with variants")
struct VariantTests {
    static func isValidEAN(_ ean: String) -> Bool {
        let digits = ean.compactMap(\.wholeNumberValue)
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return digits.count == 13 && sum % 10 == 0
    }

    @Test("about one product in five has 2-4 variants with their own ids, names, SKUs, EANs, prices and stock")
    func generatedVariants() async {
        let products = await SandboxAccount(seed: 1, orders: 0, products: 500).products()
        let withVariants = products.filter { !$0.variants.isEmpty }
        #expect((60...140).contains(withVariants.count), "\(withVariants.count) of 500")
        let variants = withVariants.flatMap(\.variants)
        #expect(variants.map(\.id) == Array(20_501..<(20_501 + variants.count)), "ids follow the last product's")
        for product in withVariants {
            #expect((2...4).contains(product.variants.count), "product \(product.id)")
            for (number, variant) in product.variants.enumerated() {
                #expect(variant.name.hasPrefix(product.name + ", "), "\(variant.name)")
                #expect(variant.sku == (product.sku.isEmpty ? "" : "\(product.sku)-\(number + 1)"))
                #expect(variant.ean.isEmpty || Self.isValidEAN(variant.ean), "EAN \(variant.ean)")
                #expect(Set(variant.prices.keys) == [101, 102, 103] && variant.prices.values.allSatisfy { $0 > 0 })
                #expect(Set(variant.stock.keys) == [1, 2, 3])
            }
        }
        #expect(variants.contains { $0.name.contains { "ąćęłńóśźż„”".contains($0) } })
        #expect(withVariants.contains { product in product.variants.contains { $0.prices[101] != product.prices[101] } },
                "some variants cost more or less than their product")
        #expect(variants.filter { !$0.ean.isEmpty }.count > variants.count * 3 / 4)
    }

    @Test("the seeded default of `firmlink sandbox --products 80` has variants, and so do other seeds")
    func defaultAccountHasVariants() async throws {
        let server = SandboxServer(SandboxConfiguration(products: 80))
        let products = await server.account.products()
        #expect(products.count == 80)
        #expect(products.filter { !$0.variants.isEmpty }.count >= 8)
        for seed in UInt64(2)...12 {
            let other = await SandboxAccount(seed: seed, orders: 0, products: 80).products()
            #expect(other.contains { !$0.variants.isEmpty }, "seed \(seed)")
        }
    }

    @Test("the first products get the same variants in an account of any size")
    func variantsDoNotDependOnTheCatalogueSize() async {
        let small = await SandboxAccount(seed: 3, orders: 0, products: 50).products()
        let large = await SandboxAccount(seed: 3, orders: 0, products: 400).products().prefix(50)
        let strip = { (product: SandboxProduct) in
            product.variants.map { variant in
                var variant = variant
                variant.id = 0
                return variant
            }
        }
        #expect(small.map(strip) == large.map(strip))
        #expect(small.contains { !$0.variants.isEmpty })
    }

    @Test("getInventoryProductsData lists a product's variants by variant id and answers a variant's own id")
    func productDataWithVariants() async throws {
        try await withSandbox { (server, client) async throws in
            let (parent, variant) = try await server.account.firstVariant()
            let reply = try await client.call("getInventoryProductsData", [
                "inventory_id": 501, "products": [.int(Int64(parent.id)), .int(Int64(variant.id))],
            ])
            let data = try #require(reply.json?["products"])
            let variants = try #require(data[String(parent.id)]?["variants"]?.objectValue)
            #expect(variants.keys.sorted() == parent.variants.map { String($0.id) }.sorted())
            let listed = try #require(variants[String(variant.id)])
            #expect(Set(listed.objectValue?.keys.sorted() ?? []) == ["name", "sku", "ean", "prices", "stock", "locations"])
            #expect(listed["name"]?.stringValue == variant.name && listed["sku"]?.stringValue == variant.sku)
            #expect(listed["stock"]?["bl_2"]?.int == variant.stock[2])
            #expect(listed["prices"]?["103"]?.number == variant.prices[103])
            let own = try #require(data[String(variant.id)])
            #expect(own["parent_id"]?.int == parent.id)
            #expect(own["text_fields"]?["name"]?.stringValue == variant.name)
            #expect(own["tax_rate"]?.number == parent.taxRate)
            #expect(own["variants"] == [])
            #expect(data[String(parent.id)]?["parent_id"] == 0)
        }
    }

    @Test("the client reads products, variants, stock and prices as the sandbox holds them")
    func clientReadsVariants() async throws {
        try await withClient(SandboxConfiguration(orders: 5, products: 60, requestsPerMinute: 0)) { (server, client) async throws in
            let products = await server.account.products()
            let parents = products.filter { !$0.variants.isEmpty }
            let details = try await client.getInventoryProductsData(inventoryID: 501, productIDs: parents.map(\.id))
            #expect(details.map(\.id) == parents.map(\.id))
            for (product, detail) in zip(parents, details) {
                #expect(detail.variants.values.map(\.id).sorted() == product.variants.map(\.id))
                for variant in product.variants {
                    let read = try #require(detail.variants[String(variant.id)])
                    #expect(read.name == variant.name && read.sku == variant.sku && read.ean == variant.ean)
                    #expect(read.stock == ["bl_1": variant.stock[1] ?? -1, "bl_2": variant.stock[2] ?? -1,
                                           "bl_3": variant.stock[3] ?? -1])
                    #expect(read.prices["101"]?.doubleValue == variant.prices[101])
                }
            }
            var stock: [Int: [String: [String: Int]]] = [:]
            for try await item in client.inventoryStockPages(inventoryID: 501).items { stock[item.productID] = item.variants }
            var prices: [Int: [String: [String: DecimalAmount]]] = [:]
            for try await item in client.inventoryPricePages(inventoryID: 501).items { prices[item.productID] = item.variants }
            #expect(stock.count == products.count && prices.count == products.count)
            for product in products {
                #expect(stock[product.id]?.keys.sorted() == product.variants.map { String($0.id) }.sorted())
                for variant in product.variants {
                    #expect(stock[product.id]?[String(variant.id)]?["bl_1"] == variant.stock[1])
                    #expect(prices[product.id]?[String(variant.id)]?["102"]?.doubleValue == variant.prices[102])
                }
            }
        }
    }

    @Test("every product and variant has a gross price in each price group; 101 is the default")
    func priceGroups() async throws {
        try await withSandbox { (server, client) async throws in
            let groups = try #require(try await client.call("getInventoryPriceGroups").json?["price_groups"]?.arrayValue)
            #expect(groups.map { $0["price_group_id"]?.int } == [101, 102, 103])
            #expect(groups.map { $0["currency"]?.stringValue } == ["PLN", "EUR", "PLN"])
            #expect(groups.map { $0["is_default"]?.flag } == [true, false, false])
            let inventory = try #require(try await client.call("getInventories").json?["inventories"]?.arrayValue?.first)
            #expect(inventory["default_price_group"] == 101)
            for product in await server.account.products() {
                #expect(Set(product.prices.keys) == [101, 102, 103])
                #expect(product.variants.allSatisfy { Set($0.prices.keys) == [101, 102, 103] })
            }
        }
    }

    @Test("the account's own orders and orders added later sell variants with variant_id")
    func ordersForVariants() async throws {
        try await withSandbox { (server, client) async throws in
            let account = server.account
            let own = await account.orders().flatMap(\.lines)
            #expect(own.contains { $0.variantId != 0 })
            let added = await account.addGeneratedOrders(120, seed: 5)
            let lines = added.flatMap(\.lines).filter { $0.variantId != 0 }
            #expect(!lines.isEmpty)
            for line in lines {
                let variant = try #require(await account.variant(line.variantId))
                let parent = try #require(await account.inventoryItem(line.variantId)?.parentId)
                #expect(line.productId == String(parent))
                #expect(line.sku == variant.sku && line.ean == variant.ean)
            }
            let parentIds = Set(await account.products().filter { !$0.variants.isEmpty }.map { String($0.id) })
            #expect(added.flatMap(\.lines).allSatisfy { !parentIds.contains($0.productId) || $0.variantId != 0 })
            let order = try #require(added.first { $0.lines.contains { $0.variantId != 0 } })
            let reply = try await client.call("getOrders", ["order_id": .int(Int64(order.id))])
            let sent = try #require(reply.json?["orders"]?.arrayValue?.first?["products"]?.arrayValue)
            #expect(sent.contains { ($0["variant_id"]?.int ?? 0) != 0 })
        }
    }

    @Test("an order line for a variant carries the product's id, the variant's id and the variant's own data")
    func orderLineForVariant() async throws {
        let account = SandboxAccount(seed: 1, orders: 0, products: 40)
        let parent = try #require(await account.products().first { !$0.variants.isEmpty })
        let variant = parent.variants[1]
        let line = try #require(await account.orderLine(for: variant.id, quantity: 2, warehouseId: 2))
        #expect(line.productId == String(parent.id) && line.variantId == variant.id)
        #expect(line.name == variant.name && line.sku == variant.sku && line.priceGross == variant.prices[101])
        #expect(line.quantity == 2 && line.warehouseId == 2 && line.taxRate == parent.taxRate)
        let plain = try #require(await account.orderLine(for: parent.id))
        #expect(plain.variantId == 0 && plain.productId == String(parent.id) && plain.name == parent.name)
        #expect(await account.orderLine(for: 1) == nil)
    }
}
