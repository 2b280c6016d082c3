import BaseLinker
import BaseLinkerModels
@testable import BaseLinkerSandbox
import Foundation
import Testing

@Suite("Products in the sandbox's own views and package API")
struct ProductViewTests {
    @Test("GET /sandbox/products/<id> shows a product or a variant as the sandbox holds it; 404 JSON for an unknown id")
    func productView() async throws {
        try await withSandbox { (server, client) async throws in
            let (parent, variant) = try await server.account.firstVariant()
            let product = try await client.get("sandbox/products/\(parent.id)")
            #expect(product.status == 200)
            let json = try #require(product.json)
            #expect(json.objectValue?.keys.sorted()
                == ["ean", "id", "name", "parent_id", "prices", "sku", "stock", "tax_rate", "variants"])
            #expect(json["id"] == .int(Int64(parent.id)) && json["parent_id"] == 0 && json["name"]?.stringValue == parent.name)
            #expect(json["sku"]?.stringValue == parent.sku && json["ean"]?.stringValue == parent.ean)
            #expect(json["tax_rate"]?.number == parent.taxRate)
            #expect(json["prices"]?["101"]?.number == parent.prices[101] && json["prices"]?.map.count == 3)
            #expect(json["stock"] == .object(["bl_1": .int(Int64(parent.stock[1] ?? 0)), "bl_2": .int(Int64(parent.stock[2] ?? 0)),
                                               "bl_3": .int(Int64(parent.stock[3] ?? 0))]))
            #expect(json["variants"] == .array(parent.variants.map { .int(Int64($0.id)) }))

            let own = try #require(try await client.get("sandbox/products/\(variant.id)").json)
            #expect(own["id"] == .int(Int64(variant.id)) && own["parent_id"] == .int(Int64(parent.id)))
            #expect(own["name"]?.stringValue == variant.name && own["sku"]?.stringValue == variant.sku)
            #expect(own["stock"]?["bl_1"]?.int == variant.stock[1] && own["variants"] == [])

            for missing in ["99999", "kubek"] {
                let reply = try await client.get("sandbox/products/\(missing)")
                #expect(reply.status == 404)
                #expect(reply.json == ["error": .string("Product \(missing) not found")])
            }
        }
    }

    @Test("GET /sandbox/stats counts the inventory methods like every other")
    func statsCountInventoryMethods() async throws {
        try await withSandbox { (server, client) async throws in
            let methods: [(String, JSONValue)] = [
                ("getInventoryPriceGroups", [:]),
                ("getInventoryProductsList", ["inventory_id": 501, "include_variants": true]),
                ("getInventoryProductsData", ["inventory_id": 501, "products": [20001]]),
                ("getInventoryProductsStock", ["inventory_id": 501]),
                ("getInventoryProductsPrices", ["inventory_id": 501]),
                ("addInventoryProduct", ["inventory_id": 501, "text_fields": ["name": "Kubek"]]),
                ("updateInventoryProductsStock", ["inventory_id": 501, "products": ["20001": ["bl_1": 1]]]),
                ("deleteInventoryProduct", ["product_id": 20002]),
            ]
            for (method, parameters) in methods {
                #expect(try await client.call(method, parameters).isSuccess, "\(method)")
            }
            _ = try await client.call("getInventoryProductsList", ["inventory_id": 501, "filter_sort": "nonsense"])
            let stats = try #require(try await client.get("sandbox/stats").json?["requests"])
            for (method, _) in methods where method != "getInventoryProductsList" {
                #expect(stats[method] == 1, "\(method)")
            }
            #expect(stats["getInventoryProductsList"] == 2, "errors count too")
            #expect(await server.stats.requests["addInventoryProduct"] == 1)
        }
    }

    @Test("a seller's edits through the package API show in the API: a product with variants, names, prices, stock")
    func sellerEdits() async throws {
        try await withClient(SandboxConfiguration(orders: 5, products: 20, requestsPerMinute: 0)) { (server, client) async throws in
            let account = server.account
            let mug = await account.addProduct(SandboxProduct(
                sku: "KUB-NOWY", name: "Kubek termiczny 450 ml", taxRate: 23, prices: [101: 79, 102: 18.99, 103: 63.2],
                stock: [1: 0, 2: 0, 3: 0],
                variants: [
                    SandboxVariant(name: "Kubek termiczny 450 ml, czarny", sku: "KUB-NOWY-CZ", prices: [101: 79], stock: [1: 12]),
                    SandboxVariant(name: "Kubek termiczny 450 ml, stalowy", sku: "KUB-NOWY-ST", prices: [101: 84], stock: [1: 3]),
                ]))
            #expect(mug.variants.map(\.id) == [mug.id + 1, mug.id + 2])
            let extra = try await account.addVariant(SandboxVariant(name: "Kubek termiczny 450 ml, różowy", prices: [101: 84]), to: mug.id)
            #expect(extra.id == mug.id + 3)
            try await account.rename(mug.variants[0].id, to: "Kubek termiczny 450 ml, grafitowy")
            try await account.setPrice(mug.variants[1].id, priceGroup: 103, gross: 70)
            try await account.setPrice(mug.id, priceGroup: 101, gross: 74.99)
            try await account.setStock(productId: extra.id, warehouseId: 2, quantity: 9)

            let detail = try #require(try await client.getInventoryProductsData(inventoryID: 501, productIDs: [mug.id]).first)
            #expect(detail.name == "Kubek termiczny 450 ml" && detail.prices["101"]?.doubleValue == 74.99)
            #expect(detail.variants.keys.sorted() == [mug.id + 1, mug.id + 2, mug.id + 3].map(String.init))
            #expect(detail.variants[String(mug.variants[0].id)]?.name == "Kubek termiczny 450 ml, grafitowy")
            #expect(detail.variants[String(mug.variants[1].id)]?.prices["103"]?.doubleValue == 70)
            #expect(detail.variants[String(extra.id)]?.stock == ["bl_2": 9])
            let item = try #require(await account.inventoryItem(extra.id))
            #expect(item.isVariant && item.parentId == mug.id && item.taxRate == 23 && item.stock == [2: 9])

            await #expect(throws: SandboxAPIError.self) { try await account.rename(1, to: "x") }
            await #expect(throws: SandboxAPIError.self) { try await account.setPrice(mug.id, priceGroup: 999, gross: 1) }
            await #expect(throws: SandboxAPIError.self) { try await account.setStock(productId: mug.id, warehouseId: 1201, quantity: 1) }
            await #expect(throws: SandboxAPIError.self) { try await account.addVariant(SandboxVariant(name: "x"), to: extra.id) }
        }
    }
}
