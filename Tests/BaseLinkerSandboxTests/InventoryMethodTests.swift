import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

@Suite("Inventory methods")
struct InventoryMethodTests {
    @Test("getInventories and getInventoryWarehouses describe the catalogue and its warehouses")
    func inventoriesAndWarehouses() async throws {
        try await withSandbox { (_, client) async throws in
            let inventory = try #require(try await client.call("getInventories").json?["inventories"]?.arrayValue?.first)
            #expect(inventory["inventory_id"] == 501)
            #expect(inventory["price_groups"] == [101, 102, 103])
            #expect(inventory["warehouses"] == ["bl_1", "bl_2", "bl_3", "shop_1201"])
            let warehouses = try #require(try await client.call("getInventoryWarehouses").json?["warehouses"]?.arrayValue)
            #expect(warehouses.map { "\($0["warehouse_type"]?.stringValue ?? "")_\($0["warehouse_id"]?.int ?? 0)" }
                == ["bl_1", "bl_2", "bl_3", "shop_1201"])
            #expect(warehouses.first?["is_default"] == true)
        }
    }

    @Test("addInventoryWarehouse creates a bl_ warehouse and updates it when given its id")
    func addWarehouse() async throws {
        try await withSandbox { (server, client) async throws in
            let created = try await client.call("addInventoryWarehouse", ["name": "Magazyn Gdańsk", "stock_edition": true])
            let id = try #require(created.json?["warehouse_id"]?.int)
            #expect(id == 4)
            let updated = try await client.call("addInventoryWarehouse", ["warehouse_id": 4, "name": "Magazyn Gdynia"])
            #expect(updated.json?["warehouse_id"] == 4)
            #expect(await server.account.warehouses.first { $0.key == "bl_4" }?.name == "Magazyn Gdynia")
            let shop = try await client.call("addInventoryWarehouse", ["warehouse_id": 1201, "name": "x"])
            #expect(shop.errorCode == "ERROR_WAREHOUSE_NOT_FOUND")
            #expect(try await client.call("addInventoryWarehouse", ["description": "bez nazwy"]).errorCode == "ERROR_BAD_PARAMETERS")
        }
    }

    @Test("products list, stock and prices come 1000 per page from page 1, keyed by product id")
    func paging() async throws {
        let configuration = SandboxConfiguration(orders: 5, products: 2345, requestsPerMinute: 0)
        try await withSandbox(configuration) { (server, client) async throws in
            for method in ["getInventoryProductsList", "getInventoryProductsStock", "getInventoryProductsPrices"] {
                var ids: [String] = []
                for page in 1...4 {
                    let reply = try await client.call(method, ["inventory_id": 501, "page": .int(Int64(page))])
                    let products = try #require(reply.json?["products"], "\(method) page \(page)")
                    ids += products.map.keys
                    #expect(products.map.count == [1000, 1000, 345, 0][page - 1], "\(method) page \(page)")
                }
                #expect(Set(ids).count == 2345)
            }
            let list = try await client.call("getInventoryProductsList", ["inventory_id": 501, "filter_id": 20_001])
            let first = try #require(await server.account.product(20_001))
            let entry = try #require(list.json?["products"]?["20001"])
            #expect(entry["name"]?.stringValue == first.name)
            #expect(entry["stock"]?["bl_1"]?.int == first.stock[1])
            #expect(entry["prices"]?["101"]?.number == first.prices[101])
            #expect(try await client.call("getInventoryProductsList", ["page": 1]).errorMessage
                == "Missing required parameter 'inventory_id'")
            #expect(try await client.call("getInventoryProductsStock", ["inventory_id": 9]).errorCode == "ERROR_INVENTORY_NOT_FOUND")
        }
    }

    @Test("getInventoryProductsData returns text fields, SKU, EAN, VAT rate, prices and stock by id")
    func productData() async throws {
        try await withSandbox { (server, client) async throws in
            let products = await server.account.products().filter(\.variants.isEmpty)
            let reply = try await client.call("getInventoryProductsData", [
                "inventory_id": "501", "products": [.int(Int64(products[0].id)), .string(String(products[1].id)), 999],
            ])
            let data = try #require(reply.json?["products"]?.objectValue)
            #expect(data.keys.sorted() == [String(products[0].id), String(products[1].id)])
            let first = try #require(data[String(products[0].id)])
            #expect(first["text_fields"]?["name"]?.stringValue == products[0].name)
            #expect(first["sku"]?.stringValue == products[0].sku)
            #expect(first["ean"]?.stringValue == products[0].ean)
            #expect(first["tax_rate"]?.number == products[0].taxRate)
            #expect(first["variants"] == [])
        }
    }

    @Test("updateInventoryProductsStock applies bl_ stock, warns about the rest, and refuses over 1000")
    func stockUpdates() async throws {
        try await withSandbox { (server, client) async throws in
            let products = await server.account.products()
            let a = String(products[0].id), b = String(products[1].id)
            let clean = try await client.call("updateInventoryProductsStock", [
                "inventory_id": 501, "products": .object([a: ["bl_1": 7, "bl_3": "2"], b: ["bl_2": 0]]),
            ])
            #expect(clean.json?["counter"] == 2)
            #expect(clean.json?["warnings"] == "")
            #expect(await server.account.product(products[0].id)?.stock == [1: 7, 2: products[0].stock[2] ?? 0, 3: 2])
            let mixed = try await client.call("updateInventoryProductsStock", [
                "inventory_id": 501,
                "products": .object([a: ["shop_1201": 5, "bl_1": 9], "77": ["bl_1": 1], b: ["bl_42": 3]]),
            ])
            #expect(mixed.json?["counter"] == 1)
            let warnings = try #require(mixed.json?["warnings"]?.objectValue)
            #expect(warnings.keys.sorted() == [b, "77", a].sorted())
            #expect(warnings[a]?.stringValue?.contains("shop_1201") == true)
            #expect(await server.account.product(products[0].id)?.stock[1] == 9)
            var many: [String: JSONValue] = [:]
            for id in 1...1001 { many[String(id)] = ["bl_1": 1] }
            let tooMany = try await client.call("updateInventoryProductsStock", ["inventory_id": 501, "products": .object(many)])
            #expect(tooMany.errorCode == "ERROR_TOO_MANY_PRODUCTS")
        }
    }

    @Test("addInventoryProduct creates a product and updates only the fields given")
    func addProduct() async throws {
        try await withSandbox { (server, client) async throws in
            let created = try await client.call("addInventoryProduct", [
                "inventory_id": 501, "sku": "NOWY-1", "ean": "5901234123457", "tax_rate": 8,
                "prices": ["101": 19.99], "stock": ["bl_1": 12, "shop_1201": 3],
                "text_fields": ["name": "Kubek świąteczny „Gwiazdka”"],
            ])
            let id = try #require(created.json?["product_id"]?.int)
            #expect(created.json?["warnings"]?.objectValue?.keys.sorted() == ["stock.shop_1201"])
            let updated = try await client.call("addInventoryProduct", [
                "inventory_id": 501, "product_id": .string(String(id)), "text_fields": ["name": "Kubek zimowy"],
            ])
            #expect(updated.json?["product_id"]?.int == id)
            #expect(updated.json?["warnings"] == [])
            let product = try #require(await server.account.product(id))
            #expect(product.name == "Kubek zimowy")
            #expect(product.sku == "NOWY-1" && product.taxRate == 8 && product.prices[101] == 19.99 && product.stock[1] == 12)
            #expect(try await client.call("addInventoryProduct", ["inventory_id": 501, "sku": "X"]).errorMessage
                == "Missing required parameter 'text_fields.name'")
            #expect(try await client.call("addInventoryProduct", ["inventory_id": 501, "product_id": 5]).errorCode
                == "ERROR_PRODUCT_NOT_FOUND")
        }
    }
}
