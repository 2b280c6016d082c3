import Foundation
import Testing
import FirminoStore

/// The JSON of `documents list`, `stock`, `products list` and `warehouses list` (docs/json.md).
struct ListingTests {
    static func object(_ data: Data) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test("documents: the documented keys, money as decimal strings, absent links as explicit nulls")
    func documents() throws {
        let documents = try TestStore.withCatalog { tx, catalog throws in
            _ = try tx.insertDocument(receiptDraft(orderId: 7001, lines: [
                DocumentLineDraft(name: "Kubek 300 ml", quantity: 2, unitGross: money("29.99"), vatRate: .standard,
                                  productId: catalog.mug.id, warehouseId: catalog.warehouse.id),
                DocumentLineDraft(name: "Dostawa", quantity: 1, unitGross: money("9.99"), vatRate: .exempt),
            ]))
            return try tx.documents()
        }
        let data = try Listings.json(documents.map(Listings.Document.init))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""number":"PAR/1/11/2026""#))
        #expect(text.contains(#""contractor_id":null"#))
        #expect(text.contains(#""product_id":null"#))
        let json = try Self.object(data)
        let document = try #require(json.first)
        #expect(Set(document.keys) == [
            "id", "number", "type", "baselinker_order_id", "contractor_id", "issue_date", "currency", "total_net",
            "total_vat", "total_gross", "lines",
        ])
        #expect(document["type"] as? String == "receipt")
        #expect(document["baselinker_order_id"] as? Int == 7001)
        #expect(document["issue_date"] as? String == "2026-11-05")
        #expect(document["total_gross"] as? String == "69.97")
        #expect(document["total_net"] as? String == "58.75")
        #expect(document["total_vat"] as? String == "11.22")
        #expect(document["contractor_id"] is NSNull)
        let lines = try #require(document["lines"] as? [[String: Any]])
        #expect(Set(lines[0].keys) == ["name", "product_id", "warehouse_id", "quantity", "price_gross", "vat_rate"])
        #expect(lines[0]["price_gross"] as? String == "29.99")
        #expect(lines[0]["vat_rate"] as? String == "23")
        #expect(lines[0]["quantity"] as? Int == 2)
        #expect(lines[1]["vat_rate"] as? String == "zw")
        #expect(lines[1]["warehouse_id"] is NSNull)
        let decoded = try JSONDecoder().decode([Listings.Document].self, from: data)
        #expect(decoded == documents.map(Listings.Document.init))
    }

    @Test("stock, products and warehouses")
    func catalog() throws {
        let (levels, products, warehouses) = try TestStore.withCatalog { tx, catalog throws in
            try tx.setStockLevel(productId: catalog.mug.id, warehouseId: catalog.warehouse.id, to: -4)
            _ = try tx.linkProduct(id: catalog.plate.id, baselinkerProductId: 555)
            return (try tx.stockLevels(), try tx.products(), try tx.warehouses())
        }
        let stock = try Self.object(try Listings.json(levels.map(Listings.Stock.init)))
        #expect(stock.count == 1)
        #expect(stock[0]["product_id"] as? Int == 1 && stock[0]["warehouse_id"] as? Int == 1 && stock[0]["quantity"] as? Int == -4)

        let productJSON = try Self.object(try Listings.json(products.map(Listings.Product.init)))
        #expect(Set(productJSON[0].keys) == ["id", "name", "sku", "ean", "unit", "vat_rate", "price_gross", "baselinker_product_id", "baselinker_variant_id", "revision"])
        #expect(productJSON[0]["baselinker_product_id"] is NSNull)
        #expect(productJSON[1]["baselinker_product_id"] as? Int == 555)
        #expect(productJSON[1]["ean"] is NSNull)
        #expect(productJSON[1]["price_gross"] as? String == "15.50")
        #expect(productJSON[1]["vat_rate"] as? String == "8")

        let warehouseJSON = try Self.object(try Listings.json(warehouses.map(Listings.Warehouse.init)))
        #expect(warehouseJSON[0]["default"] as? Bool == true)
        #expect(warehouseJSON[0]["baselinker_warehouse"] as? String == "bl_1")
        #expect(warehouseJSON[0]["name"] as? String == "Główny")
    }

    @Test("each listing prints exactly these bytes: keys sorted, slashes as they are, absent values as null")
    func bytes() throws {
        let (documents, levels, products, warehouses) = try TestStore.withCatalog { tx, catalog throws in
            try tx.setStockLevel(productId: catalog.mug.id, warehouseId: catalog.warehouse.id, to: -4)
            _ = try tx.insertDocument(receiptDraft(orderId: 7001, lines: [
                DocumentLineDraft(name: "Kubek 300 ml", quantity: 2, unitGross: money("29.99"), vatRate: .standard,
                                  productId: catalog.mug.id, warehouseId: catalog.warehouse.id),
                DocumentLineDraft(name: "Dostawa", quantity: 1, unitGross: money("9.99"), vatRate: .exempt),
            ]))
            return (try tx.documents(), try tx.stockLevels(), try tx.products(), try tx.warehouses())
        }
        func text(_ value: some Encodable) throws -> String { String(decoding: try Listings.json(value), as: UTF8.self) }
        #expect(try text(documents.map(Listings.Document.init)) == """
            [{"baselinker_order_id":7001,"contractor_id":null,"currency":"PLN","id":1,"issue_date":"2026-11-05",\
            "lines":[{"name":"Kubek 300 ml","price_gross":"29.99","product_id":1,"quantity":2,"vat_rate":"23",\
            "warehouse_id":1},{"name":"Dostawa","price_gross":"9.99","product_id":null,"quantity":1,"vat_rate":"zw",\
            "warehouse_id":null}],"number":"PAR/1/11/2026","total_gross":"69.97","total_net":"58.75",\
            "total_vat":"11.22","type":"receipt"}]
            """)
        #expect(try text(levels.map(Listings.Stock.init)) == #"[{"product_id":1,"quantity":-6,"warehouse_id":1}]"#)
        #expect(try text(products.map(Listings.Product.init)) == """
            [{"baselinker_product_id":null,"baselinker_variant_id":null,"ean":"5901234123457","id":1,"name":"Kubek 300 ml",\
            "price_gross":"29.99","revision":1,"sku":"KUB-300","unit":"szt","vat_rate":"23"},{"baselinker_product_id":null,\
            "baselinker_variant_id":null,"ean":null,"id":2,"name":"Talerz płytki","price_gross":"15.50","revision":2,\
            "sku":"TAL-1","unit":"szt","vat_rate":"8"}]
            """)
        #expect(try text(warehouses.map(Listings.Warehouse.init)) == """
            [{"baselinker_warehouse":"bl_1","country":"PL","default":true,"id":1,"name":"Główny"}]
            """)
    }
}
