import BaseLinker
import BaseLinkerModels
@testable import BaseLinkerSandbox
import Foundation
import Testing

@Suite("getInventoryProductsList")
struct ProductListTests {
    static let large = SandboxConfiguration(orders: 0, products: 2600, requestsPerMinute: 0)

    /// The `products` map of one call.
    func list(_ client: RawClient, _ parameters: [String: JSONValue] = [:]) async throws -> [String: JSONValue] {
        var parameters = parameters
        parameters["inventory_id"] = parameters["inventory_id"] ?? 501
        let reply = try await client.call("getInventoryProductsList", .object(parameters))
        return try #require(reply.json?["products"], "\(reply.errorMessage ?? "no products")").map
    }

    @Test("a page holds exactly 1000 products: 1000 products fill page 1 and leave page 2 empty, one more starts it")
    func pagesOfExactlyAThousand() async throws {
        try await withSandbox(SandboxConfiguration(orders: 0, products: 1000, requestsPerMinute: 0)) { (server, client) async throws in
            #expect(try await list(client).count == 1000)
            #expect(try await list(client, ["page": 1]).count == 1000)
            #expect(try await list(client, ["page": 2]).isEmpty)
            let added = await server.account.addProduct(SandboxProduct(name: "Kubek tysiąc pierwszy", prices: [101: 10]))
            #expect(try await list(client, ["page": 2]).keys.sorted() == [String(added.id)])
            #expect(try await client.call("getInventoryProductsList", ["inventory_id": 501, "page": 0]).errorCode
                == "ERROR_BAD_PARAMETERS")
        }
    }

    @Test("with include_variants every product and variant is listed once, 1000 a page, variants with their parent's id")
    func includeVariantsPages() async throws {
        try await withClient(Self.large) { (server, client) async throws in
            let products = await server.account.products()
            let variants = products.flatMap { product in product.variants.map { ($0.id, product.id) } }
            #expect(variants.count > 300)
            var listed: [Int] = []
            for try await item in client.inventoryProductPages(inventoryID: 501, filters: ["include_variants": true]).items {
                listed.append(item.id)
            }
            #expect(listed.count == products.count + variants.count)
            #expect(Set(listed) == Set(products.map(\.id) + variants.map(\.0)))
            let pages = await server.stats.requests["getInventoryProductsList"]
            #expect(pages == (products.count + variants.count) / 1000 + 1)
            var plain = 0
            for try await _ in client.inventoryProductPages(inventoryID: 501).items { plain += 1 }
            #expect(plain == products.count, "without include_variants only products")
        }
        try await withSandbox { (server, client) async throws in
            let (parent, _) = try await server.account.firstVariant()
            let page = try await list(client, ["include_variants": true])
            for variant in parent.variants {
                let entry = try #require(page[String(variant.id)])
                #expect(entry["parent_id"]?.int == parent.id)
                #expect(entry["name"]?.stringValue == variant.name && entry["sku"]?.stringValue == variant.sku)
                #expect(entry["stock"]?["bl_1"]?.int == variant.stock[1] && entry["prices"]?["101"]?.number == variant.prices[101])
            }
            #expect(page[String(parent.id)]?["parent_id"] == 0)
            #expect(try await list(client)[String(parent.id)]?["parent_id"] == nil)
        }
    }

    @Test("filters by id, SKU, EAN, name substring, price and stock, each entry on its own fields")
    func filters() async throws {
        try await withSandbox { (server, client) async throws in
            let account = server.account
            let products = await account.products()
            let parent = try #require(products.first { !$0.variants.isEmpty && !$0.sku.isEmpty })
            let variant = parent.variants[0]
            let plain = try #require(products.first { $0.variants.isEmpty && !$0.sku.isEmpty && !$0.ean.isEmpty })
            #expect(try await list(client, ["filter_id": .int(Int64(plain.id))]).keys.sorted() == [String(plain.id)])
            #expect(try await list(client, ["filter_sku": .string(plain.sku.lowercased())]).keys.sorted() == [String(plain.id)])
            #expect(try await list(client, ["filter_ean": .string(plain.ean)]).keys.sorted() == [String(plain.id)])
            #expect(try await list(client, ["filter_sku": .string(variant.sku)]).isEmpty, "variants only when asked")
            #expect(try await list(client, ["filter_sku": .string(variant.sku), "include_variants": true]).keys.sorted()
                == [String(variant.id)])
            #expect(try await list(client, ["filter_id": .int(Int64(variant.id)), "include_variants": "1"]).keys.sorted()
                == [String(variant.id)])

            try await account.rename(plain.id, to: "Dzbanek Żurawinowy XL")
            try await account.rename(variant.id, to: "Dzbanek żurawinowy S")
            let named = try await list(client, ["filter_name": "ŻURAWINOWY", "include_variants": true])
            #expect(named.keys.sorted() == [String(plain.id), String(variant.id)].sorted())

            try await account.setPrice(plain.id, priceGroup: 101, gross: 1234.5)
            try await account.setPrice(variant.id, priceGroup: 101, gross: 1234.75)
            let priced = try await list(client, ["filter_price_from": 1234.5, "filter_price_to": "1234.6", "include_variants": true])
            #expect(priced.keys.sorted() == [String(plain.id)])

            for warehouse in [1, 2, 3] {
                try await account.setStock(productId: plain.id, warehouseId: warehouse, quantity: 3000)
                try await account.setStock(productId: variant.id, warehouseId: warehouse, quantity: 4000)
            }
            let stocked = try await list(client, ["filter_stock_from": 9000, "include_variants": true])
            #expect(stocked.keys.sorted() == [String(plain.id), String(variant.id)].sorted())
            #expect(try await list(client, ["filter_stock_from": 9000, "filter_stock_to": 10_000]).keys.sorted()
                == [String(plain.id)])
        }
    }

    @Test("filter_sort orders by id, name, SKU, price or quantity, ascending or descending, before paging")
    func sorting() async throws {
        try await withSandbox(Self.large) { (server, client) async throws in
            let products = await server.account.products()
            let ids = products.map(\.id)
            #expect(try await list(client, ["filter_sort": "id DESC"]).keys.map { Int($0)! }.sorted()
                == Array(ids.suffix(1000)))
            #expect(try await list(client, ["filter_sort": "id asc"]).keys.map { Int($0)! }.sorted()
                == Array(ids.prefix(1000)))
            let byId = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0) })
            func field(_ page: [String: JSONValue], _ read: (SandboxProduct) -> Double) -> [Double] {
                page.keys.compactMap { byId[Int($0)!] }.map(read)
            }
            let price = { (product: SandboxProduct) in product.prices[101] ?? 0 }
            let cheap = field(try await list(client, ["filter_sort": "price ASC"]), price)
            let dear = field(try await list(client, ["filter_sort": "price ASC", "page": 3]), price)
            #expect(cheap.count == 1000 && dear.count == 600 && cheap.max()! <= dear.min()!)
            let quantity = { (product: SandboxProduct) in Double(product.stock.values.reduce(0, +)) }
            let most = field(try await list(client, ["filter_sort": "quantity DESC"]), quantity)
            let least = field(try await list(client, ["filter_sort": "quantity DESC", "page": 2]), quantity)
            #expect(most.min()! >= least.max()!)
            let names = { (page: [String: JSONValue]) in page.values.compactMap { $0["name"]?.stringValue?.lowercased() } }
            let first = names(try await list(client, ["filter_sort": "name DESC"]))
            let second = names(try await list(client, ["filter_sort": "name DESC", "page": 2]))
            #expect(first.min()! >= second.max()!)
            let skus = try await list(client, ["filter_sort": "sku"]).values.compactMap { $0["sku"]?.stringValue }
            #expect(skus.filter(\.isEmpty).count == products.filter(\.sku.isEmpty).count, "empty SKUs sort first")
            let wrong = try await client.call("getInventoryProductsList", ["inventory_id": 501, "filter_sort": "colour DESC"])
            #expect(wrong.errorCode == "ERROR_BAD_PARAMETERS")
            #expect(wrong.errorMessage?.contains("id, sku, ean, name, price, quantity") == true)
        }
    }
}
