import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

@Suite("Writing products, variants and stock")
struct ProductWriteTests {
    @Test("addInventoryProduct with parent_id adds a variant whose id comes from the products' id space")
    func addVariant() async throws {
        try await withClient(SandboxConfiguration(orders: 5, products: 40, requestsPerMinute: 0)) { (server, client) async throws in
            let account = server.account
            let parent = try #require(await account.products().first { $0.variants.isEmpty })
            let added = try await client.addInventoryProduct(InventoryProductDraft(
                inventoryID: 501, parentID: parent.id, sku: "\(parent.sku)-XL", ean: "5901234123457",
                name: "\(parent.name), rozmiar XL", prices: [101: 59.99, 102: 13.99], stock: ["bl_1": 4, "bl_3": 1]))
            #expect(added.warnings.isEmpty)
            let variant = try #require(await account.variant(added.productID))
            #expect(variant.sku == "\(parent.sku)-XL" && variant.prices == [101: 59.99, 102: 13.99] && variant.stock == [1: 4, 3: 1])
            #expect(await account.product(parent.id)?.variants.map(\.id) == [added.productID])
            let next = try await client.addInventoryProduct(InventoryProductDraft(inventoryID: 501, name: "Nowy kubek"))
            #expect(next.productID == added.productID + 1, "products and variants share one sequence")
            let detail = try #require(try await client.getInventoryProductsData(inventoryID: 501, productIDs: [parent.id]).first)
            #expect(detail.variants[String(added.productID)]?.name == "\(parent.name), rozmiar XL")
        }
        try await withSandbox { (server, client) async throws in
            let (parent, variant) = try await server.account.firstVariant()
            let unknown = try await client.call("addInventoryProduct", [
                "inventory_id": 501, "parent_id": 99_999, "text_fields": ["name": "Wariant"],
            ])
            #expect(unknown.errorCode == "ERROR_PRODUCT_NOT_FOUND")
            let nested = try await client.call("addInventoryProduct", [
                "inventory_id": 501, "parent_id": .int(Int64(variant.id)), "text_fields": ["name": "Wariant"],
            ])
            #expect(nested.errorCode == "ERROR_BAD_PARAMETERS")
            #expect(nested.errorMessage?.contains("cannot have variants") == true)
            let nameless = try await client.call("addInventoryProduct", ["inventory_id": 501, "parent_id": .int(Int64(parent.id))])
            #expect(nameless.errorMessage == "Missing required parameter 'text_fields.name'")
        }
    }

    @Test("addInventoryProduct answers {product_id, warnings}: warnings keyed by field for a price group or warehouse it lacks")
    func addWarnings() async throws {
        try await withSandbox { (server, client) async throws in
            let reply = try await client.call("addInventoryProduct", [
                "inventory_id": 501, "sku": "DZB-1", "text_fields": ["name": "Dzbanek"], "prices": ["101": 49, "999": 10],
                "stock": ["bl_1": 5, "shop_1201": 3, "warehouse_7": 1, "bl_9": 2, "bl_2": -4],
            ])
            let body = try #require(reply.json?.objectValue)
            #expect(body.keys.sorted() == ["product_id", "status", "warnings"])
            let id = try #require(body["product_id"]?.int)
            let warnings = try #require(body["warnings"]?.objectValue)
            #expect(warnings.keys.sorted() == ["prices.999", "stock.bl_2", "stock.bl_9", "stock.shop_1201", "stock.warehouse_7"])
            #expect(warnings.values.allSatisfy { !($0.stringValue ?? "").isEmpty })
            let item = try #require(await server.account.inventoryItem(id))
            #expect(item.prices == [101: 49] && item.stock == [1: 5])
        }
    }

    @Test("addInventoryProduct updates a variant's own fields, warns about its product's, and errs on an unknown product_id")
    func updateVariant() async throws {
        try await withSandbox { (server, client) async throws in
            let (parent, variant) = try await server.account.firstVariant()
            let reply = try await client.call("addInventoryProduct", [
                "inventory_id": 501, "product_id": .string(String(variant.id)), "sku": "NOWY-SKU", "tax_rate": 8,
                "text_fields": ["name": "Nowa nazwa wariantu", "description": "opis"], "prices": ["102": 9.99],
            ])
            #expect(reply.json?["product_id"]?.int == variant.id)
            #expect(reply.json?["warnings"]?.objectValue?.keys.sorted() == ["tax_rate", "text_fields.description"])
            let changed = try #require(await server.account.variant(variant.id))
            #expect(changed.sku == "NOWY-SKU" && changed.name == "Nowa nazwa wariantu")
            #expect(changed.prices[102] == 9.99 && changed.prices[101] == variant.prices[101] && changed.stock == variant.stock)
            #expect(await server.account.product(parent.id)?.taxRate == parent.taxRate)
            let renamed = try await client.call("addInventoryProduct", [
                "inventory_id": 501, "product_id": .int(Int64(parent.id)), "text_fields": ["name": "Kubek odnowiony"],
            ])
            #expect(renamed.json?["warnings"] == [])
            #expect(await server.account.product(parent.id)?.name == "Kubek odnowiony")
            #expect(await server.account.product(parent.id)?.variants.count == parent.variants.count)
            let unknown = try await client.call("addInventoryProduct", ["inventory_id": 501, "product_id": 19_999])
            #expect(unknown.errorCode == "ERROR_PRODUCT_NOT_FOUND")
        }
    }

    @Test("updateInventoryProductsStock takes variant ids as product ids and answers {counter, warnings: \"\"}")
    func stockOfVariants() async throws {
        try await withClient(SandboxConfiguration(orders: 5, products: 40, requestsPerMinute: 0)) { (server, client) async throws in
            let account = server.account
            let parent = try #require(await account.products().first { $0.variants.count >= 2 })
            let (a, b) = (parent.variants[0], parent.variants[1])
            let result = try await client.updateInventoryProductsStock(
                inventoryID: 501, stock: [a.id: ["bl_1": 11, "bl_3": 0], b.id: ["bl_2": 7], parent.id: ["bl_1": 1]])
            #expect(result == StockUpdateResult(counter: 3))
            #expect(await account.variant(a.id)?.stock == [1: 11, 2: a.stock[2] ?? -1, 3: 0])
            #expect(await account.variant(b.id)?.stock[2] == 7)
            #expect(await account.product(parent.id)?.stock[1] == 1)
            let page = try await client.getInventoryProductsStock(inventoryID: 501)
            #expect(page.first { $0.productID == parent.id }?.variants[String(a.id)]?["bl_1"] == 11)
        }
        try await withSandbox { (_, client) async throws in
            let raw = try await client.call("updateInventoryProductsStock", ["inventory_id": 501, "products": ["20001": ["bl_1": 3]]])
            #expect(raw.json?.objectValue?.keys.sorted() == ["counter", "status", "warnings"])
            #expect(raw.json?["counter"] == 1 && raw.json?["warnings"] == "")
        }
    }

    @Test("updateInventoryProductsStock warns per product about unknown ids, other warehouses, negative and fractional quantities")
    func stockWarnings() async throws {
        try await withSandbox { (server, client) async throws in
            let (parent, variant) = try await server.account.firstVariant()
            let reply = try await client.call("updateInventoryProductsStock", [
                "inventory_id": 501,
                "products": .object([
                    String(variant.id): ["bl_1": -1, "bl_2": 2.5, "bl_3": 4, "warehouse_7": 1, "shop_1201": 2],
                    "99999": ["bl_1": 1],
                    String(parent.id): ["bl_1": "x"],
                ]),
            ])
            #expect(reply.json?["counter"] == 1)
            let warnings = try #require(reply.json?["warnings"]?.objectValue)
            #expect(warnings.keys.sorted() == [String(parent.id), String(variant.id), "99999"].sorted())
            let message = try #require(warnings[String(variant.id)]?.stringValue)
            for part in ["bl_1", "negative", "bl_2", "whole number", "warehouse_7", "shop_1201"] {
                #expect(message.contains(part), "\(message)")
            }
            #expect(warnings["99999"] == "Product 99999 not found")
            let after = try #require(await server.account.variant(variant.id))
            #expect(after.stock == [1: variant.stock[1] ?? -1, 2: variant.stock[2] ?? -1, 3: 4])
            #expect(await server.account.product(parent.id)?.stock == parent.stock)
        }
    }

    @Test("at most 1000 products per stock update and 1000 ids per getInventoryProductsData")
    func thousandLimits() async throws {
        try await withSandbox(SandboxConfiguration(orders: 0, products: 1001, requestsPerMinute: 0)) { (server, client) async throws in
            let ids = await server.account.products().map(\.id)
            let thousand = Array(ids.prefix(1000))
            var levels: [String: JSONValue] = [:]
            for id in thousand { levels[String(id)] = ["bl_2": 5] }
            let updated = try await client.call("updateInventoryProductsStock", ["inventory_id": 501, "products": .object(levels)])
            #expect(updated.json?["counter"] == 1000 && updated.json?["warnings"] == "")
            levels = [:]
            for id in ids { levels[String(id)] = ["bl_2": 6] }
            let refused = try await client.call("updateInventoryProductsStock", ["inventory_id": 501, "products": .object(levels)])
            #expect(refused.errorCode == "ERROR_TOO_MANY_PRODUCTS")
            #expect(await server.account.product(ids[0])?.stock[2] == 5, "a refused call changes nothing")

            let data = try await client.call("getInventoryProductsData", [
                "inventory_id": 501, "products": .array(thousand.map { .int(Int64($0)) }),
            ])
            #expect(data.json?["products"]?.map.count == 1000)
            let tooMany = try await client.call("getInventoryProductsData", [
                "inventory_id": 501, "products": .array(ids.map { .int(Int64($0)) }),
            ])
            #expect(tooMany.errorCode == "ERROR_TOO_MANY_PRODUCTS")
            #expect(tooMany.errorMessage == "At most 1000 products at a time, got 1001")
        }
    }

    @Test("empty warnings come as [] from addInventoryProduct and \"\" from stock updates, either way under type variance")
    func warningsShapes() async throws {
        var configuration = SandboxConfiguration(orders: 5, products: 20, requestsPerMinute: 0)
        configuration.faults = SandboxFaults(types: 1)
        try await withSandbox(configuration) { (_, client) async throws in
            var added: Set<String> = [], updated: Set<String> = []
            for round in 0..<24 {
                let add = try await client.call("addInventoryProduct", [
                    "inventory_id": 501, "text_fields": .object(["name": .string("Kubek \(round)")]),
                ])
                added.insert(String(decoding: try add.json?["warnings"]?.serialized() ?? Data(), as: UTF8.self))
                let update = try await client.call("updateInventoryProductsStock", ["inventory_id": 501, "products": ["20001": ["bl_1": 2]]])
                updated.insert(String(decoding: try update.json?["warnings"]?.serialized() ?? Data(), as: UTF8.self))
            }
            #expect(added == ["\"\"", "[]"])
            #expect(updated == ["\"\"", "[]"])
        }
        try await withClient(configuration) { (_, client) async throws in
            for round in 0..<12 {
                let added = try await client.addInventoryProduct(InventoryProductDraft(inventoryID: 501, name: "Kubek \(round)"))
                #expect(added.warnings.isEmpty)
                let updated = try await client.updateInventoryProductsStock(inventoryID: 501, stock: [added.productID: ["bl_1": 1]])
                #expect(updated == StockUpdateResult(counter: 1))
            }
        }
    }

    @Test("deleteInventoryProduct removes a product with its variants, or just one variant")
    func deleteProducts() async throws {
        try await withSandbox { (server, client) async throws in
            let parents = await server.account.products().filter { $0.variants.count >= 2 }
            let (whole, partly) = (try #require(parents.first), try #require(parents.dropFirst().first))
            let removed = partly.variants[0].id
            #expect(try await client.call("deleteInventoryProduct", ["product_id": .int(Int64(removed))]).isSuccess)
            #expect(await server.account.product(partly.id)?.variants.map(\.id) == partly.variants.dropFirst().map(\.id))
            #expect(try await client.call("deleteInventoryProduct", ["product_id": .int(Int64(whole.id))]).isSuccess)
            for id in [whole.id, removed] + whole.variants.map(\.id) {
                #expect(await server.account.inventoryItem(id) == nil, "\(id)")
            }
            let data = try await client.call("getInventoryProductsData", [
                "inventory_id": 501, "products": .array(([whole.id, removed] + whole.variants.map(\.id)).map { .int(Int64($0)) }),
            ])
            #expect(data.json?["products"] == [])
            let stock = try await client.call("updateInventoryProductsStock", [
                "inventory_id": 501, "products": .object([String(removed): ["bl_1": 1]]),
            ])
            #expect(stock.json?["counter"] == 0 && stock.json?["warnings"]?[String(removed)] != nil)
            #expect(try await client.call("deleteInventoryProduct", ["product_id": .int(Int64(whole.id))]).errorCode
                == "ERROR_PRODUCT_NOT_FOUND")
        }
    }
}
