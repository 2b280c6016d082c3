import Foundation
import Testing

@testable import BaseLinker
@testable import BaseLinkerModels

@Suite("Decoding statuses, sources, invoices and the inventory")
struct CatalogDecodingTests {
    private func client(answering fields: [String: JSONValue]) -> BaseLinkerClient {
        makeClient(transport: FakeTransport(always: success(fields)))
    }

    @Test("order statuses, with and without colour")
    func statuses() async throws {
        let statuses = try await client(answering: ["statuses": json("""
            [{"id": 1001, "name": "Nowe", "name_for_customer": "Przyjęte", "color": "#3366FF"},
             {"id": "1002", "name": "Do wysłania", "name_for_customer": "W realizacji"}]
            """)]).getOrderStatusList()
        #expect(statuses == [
            OrderStatus(id: 1001, name: "Nowe", nameForCustomer: "Przyjęte", color: "#3366FF"),
            OrderStatus(id: 1002, name: "Do wysłania", nameForCustomer: "W realizacji"),
        ])
    }

    @Test("order sources keyed by type and id, an empty type as []")
    func sources() async throws {
        let sources = try await client(answering: ["sources": json("""
            {"personal": {"0": "Osobiście / telefonicznie", "1621": "Sklep stacjonarny"},
             "shop": {"2001": "sklep.example"}, "ebay": []}
            """)]).getOrderSources()
        #expect(sources == [
            OrderSource(type: "personal", id: 0, name: "Osobiście / telefonicznie"),
            OrderSource(type: "personal", id: 1621, name: "Sklep stacjonarny"),
            OrderSource(type: "shop", id: 2001, name: "sklep.example"),
        ])
    }

    @Test("numbering series with the id as a number or a string")
    func series() async throws {
        let series = try await client(answering: ["series": json("""
            [{"id": 15, "type": "INVOICE", "name": "Faktury", "format": "FV/%N/%M/%Y"},
             {"id": "16", "type": "RECEIPT", "name": "Paragony", "format": "PAR/%N"}]
            """)]).getSeries()
        #expect(series.map(\.id) == [15, 16])
        #expect(series[1].type == "RECEIPT")
        #expect(series[0].format == "FV/%N/%M/%Y")
    }

    @Test("invoices: exchange_rate as \"\" or a number, external_id as a string")
    func invoices() async throws {
        let invoices = try await client(answering: ["invoices": json("""
            [{"invoice_id": 901, "order_id": 5100231, "series_id": 15, "type": "normal",
              "number": "FV/1/11/2026", "date_add": 1793520700, "date_sell": 1793520600,
              "currency": "PLN", "total_price_brutto": 161.89, "total_price_netto": "131.62",
              "external_invoice_number": "", "external_id": "1818929", "exchange_rate": "",
              "invoice_fullname": "Jan Kowalski", "invoice_company": "Przykład sp. z o.o.",
              "invoice_nip": "5260001246", "invoice_country_code": "PL",
              "items": [{"name": "Kubek", "price_brutto": 24.6, "tax_rate": 23, "quantity": 4}]},
             {"invoice_id": "902", "order_id": "5100232", "currency": "EUR",
              "exchange_rate": 4.5789, "external_invoice_number": "FV/2/11/2026"}]
            """)]).getInvoices(InvoicesQuery(orderID: 5100231))
        #expect(invoices.count == 2)
        #expect(invoices[0].id == 901)
        #expect(invoices[0].number == "FV/1/11/2026")
        #expect(invoices[0].exchangeRate == nil)
        #expect(invoices[0].externalID == "1818929")
        #expect(invoices[0].totalPriceGross?.minorUnits() == 16189)
        #expect(invoices[0].totalPriceNet?.minorUnits() == 13162)
        #expect(invoices[0].buyer.company == "Przykład sp. z o.o.")
        #expect(invoices[0].raw["items"]?.arrayValue?.count == 1)
        #expect(invoices[1].id == 902)
        #expect(invoices[1].orderID == 5100232)
        #expect(invoices[1].exchangeRate?.text == "4.5789")
        #expect(invoices[1].externalInvoiceNumber == "FV/2/11/2026")
    }

    @Test("inventories with flags and price groups in mixed forms")
    func inventories() async throws {
        let inventories = try await client(answering: ["inventories": json("""
            [{"inventory_id": 307, "name": "Główny", "description": "", "languages": ["pl", "en"],
              "default_language": "pl", "price_groups": [105, "106"], "default_price_group": "105",
              "warehouses": ["bl_1", "shop_2334"], "default_warehouse": "bl_1",
              "reservations": false, "is_default": "1"}]
            """)]).getInventories()
        let inventory = try #require(inventories.first)
        #expect(inventory.id == 307)
        #expect(inventory.priceGroups == [105, 106])
        #expect(inventory.defaultPriceGroup == 105)
        #expect(inventory.warehouses == ["bl_1", "shop_2334"])
        #expect(inventory.isDefault)
        #expect(!inventory.reservations)
    }

    @Test("warehouses with their bl_/shop_ keys")
    func warehouses() async throws {
        let warehouses = try await client(answering: ["warehouses": json("""
            [{"warehouse_type": "bl", "warehouse_id": 1, "name": "Domyślny", "description": "",
              "stock_edition": false, "is_default": true},
             {"warehouse_type": "shop", "warehouse_id": "2334", "name": "sklep.example",
              "stock_edition": 0, "is_default": 0}]
            """)]).getInventoryWarehouses()
        #expect(warehouses.map(\.key) == ["bl_1", "shop_2334"])
        #expect(warehouses[0].isDefault)
        #expect(!warehouses[1].stockEdition)
    }

    @Test("the product list is a map keyed by id; empty prices and stock come as []")
    func productList() async throws {
        let products = try await client(answering: ["products": json("""
            {"12": {"id": 12, "sku": "KUB-300", "ean": "5901234123457", "name": "Kubek",
                    "prices": {"105": 24.6}, "stock": {"bl_1": 17, "bl_2": "3"}},
             "9": {"sku": "", "ean": "", "name": "Pocztówka", "prices": [], "stock": []},
             "100": {"id": "100", "name": "Zestaw", "prices": {"105": "99.00"}, "stock": ""}}
            """)]).getInventoryProductsList(inventoryID: 307)
        #expect(products.map(\.id) == [9, 12, 100], "in id order")
        #expect(products[0].prices.isEmpty && products[0].stock.isEmpty)
        #expect(products[1].stock == ["bl_1": 17, "bl_2": 3])
        #expect(products[1].prices["105"]?.minorUnits() == 2460)
        #expect(products[2].prices["105"]?.text == "99.00")
        #expect(products[2].stock.isEmpty)
    }

    @Test("an empty product page may come as [] instead of {}")
    func emptyProductPage() async throws {
        #expect(try await client(answering: ["products": []]).getInventoryProductsList(inventoryID: 1).isEmpty)
        #expect(try await client(answering: ["products": ""]).getInventoryProductsStock(inventoryID: 1).isEmpty)
    }

    @Test("product data: string ids, images as a list, text fields, variants")
    func productData() async throws {
        let products = try await client(answering: ["products": json("""
            {"3301": {"is_bundle": false, "sku": "KUB-300", "ean": "5901234123457", "tags": ["kuchnia"],
                      "tax_rate": 23, "weight": "0.35", "category_id": "3", "manufacturer_id": "7",
                      "average_cost": 0, "prices": {"105": 24.6}, "stock": {"bl_1": 17},
                      "locations": {"bl_1": "A-1-2"},
                      "text_fields": {"name": "Kubek ceramiczny", "name|en": "Ceramic mug",
                                      "features": {"Pojemność": "300 ml"}},
                      "images": ["https://example.invalid/1.jpg", "https://example.invalid/2.jpg"],
                      "links": {"shop_23": {"product_id": "77", "variant_id": 0}},
                      "variants": {"52124": {"name": "Kubek biały", "sku": "KUB-300-W", "ean": "",
                                             "prices": {"105": "26.00"}, "stock": {"bl_1": "5"}}}},
             "3302": {"sku": "", "text_fields": [], "images": {}, "variants": [], "category_id": 0}}
            """)]).getInventoryProductsData(inventoryID: 307, productIDs: [3301, 3302])
        let mug = try #require(products.first)
        #expect(mug.id == 3301)
        #expect(mug.name == "Kubek ceramiczny")
        #expect(mug.categoryID == 3)
        #expect(mug.manufacturerID == 7)
        #expect(mug.weight?.text == "0.35")
        #expect(mug.images == ["0": "https://example.invalid/1.jpg", "1": "https://example.invalid/2.jpg"])
        #expect(mug.textFields["features"]?["Pojemność"] == "300 ml")
        #expect(mug.locations == ["bl_1": "A-1-2"])
        #expect(mug.variants["52124"]?.id == 52124)
        #expect(mug.variants["52124"]?.stock == ["bl_1": 5])
        #expect(mug.variants["52124"]?.prices["105"]?.minorUnits() == 2600)
        #expect(mug.raw["links"]?["shop_23"]?["product_id"] == "77")
        let empty = products[1]
        #expect(empty.id == 3302 && empty.name == "" && empty.variants.isEmpty && empty.images.isEmpty)
    }

    @Test("stock with reservations and variants")
    func stock() async throws {
        let stock = try await client(answering: ["products": json("""
            {"2685": {"product_id": 2685, "stock": {"bl_206": 5, "bl_207": "7"},
                      "reservations": {"bl_206": 1}, "variants": {"2686": {"bl_206": 2}}},
             "2687": {"product_id": "2687", "stock": {"bl_206": 2.0}, "variants": []}}
            """)]).getInventoryProductsStock(inventoryID: 307)
        #expect(stock.map(\.productID) == [2685, 2687])
        #expect(stock[0].stock == ["bl_206": 5, "bl_207": 7])
        #expect(stock[0].reservations == ["bl_206": 1])
        #expect(stock[0].variants == ["2686": ["bl_206": 2]])
        #expect(stock[1].stock == ["bl_206": 2])
        #expect(stock[1].variants.isEmpty)
    }

    @Test("prices with variants")
    func prices() async throws {
        let prices = try await client(answering: ["products": json("""
            {"2685": {"prices": {"105": 20.99, "106": "18"}, "variants": {"2686": {"105": 21.5}}}}
            """)]).getInventoryProductsPrices(inventoryID: 307)
        #expect(prices.first?.productID == 2685)
        #expect(prices.first?.prices["105"]?.minorUnits() == 2099)
        #expect(prices.first?.variants["2686"]?["105"]?.text == "21.5")
    }

    @Test("stock update warnings as \"\", [] or a map")
    func stockWarnings() throws {
        #expect(try StockUpdateResult(response: ["counter": 2, "warnings": ""]) == StockUpdateResult(counter: 2))
        #expect(try StockUpdateResult(response: ["counter": "2", "warnings": []]) == StockUpdateResult(counter: 2))
        #expect(try StockUpdateResult(response: ["counter": 1, "warnings": ["2687": "Brak produktu"]])
            == StockUpdateResult(counter: 1, warnings: ["2687": "Brak produktu"]))
    }

    @Test("journal entries and an added product")
    func journalAndAddedProduct() async throws {
        let logs = try await client(answering: ["logs": json("""
            [{"id": 456, "order_id": 5100231, "log_type": 18, "object_id": 1002, "date": 1793520900},
             {"id": "457", "order_id": "5100232", "log_type": "1", "object_id": 0, "date": "1793521000"}]
            """)]).getJournalList(lastLogID: 455, logTypes: [1, 18])
        #expect(logs.map(\.id) == [456, 457])
        #expect(logs[0].type == 18 && logs[0].objectID == 1002)
        #expect(logs[1].orderID == 5100232)

        // An account whose journal is off gets an empty answer: an error that says so, not "no events".
        let off = await #expect(throws: BaseLinkerError.self) {
            try await client(answering: [:]).getJournalList(lastLogID: 0)
        }
        #expect(off?.kind == .unexpectedData)
        #expect(off?.method == "getJournalList")
        #expect(off?.message.contains("journal is not enabled") == true, "\(off?.message ?? "")")

        let transport = FakeTransport(always: success(["product_id": "3303", "warnings": ["images": "bad URL"]]))
        let added = try await makeClient(transport: transport).addInventoryProduct(
            InventoryProductDraft(
                inventoryID: 307, sku: "NEW-1", name: "Nowy", taxRate: 23, prices: [105: 19.99],
                stock: ["bl_1": 4]))
        #expect(added == AddedInventoryProduct(productID: 3303, warnings: ["images": "bad URL"]))
        let sent = try #require(transport.sent.first).parameters
        #expect(sent == [
            "inventory_id": 307, "sku": "NEW-1", "text_fields": ["name": "Nowy"], "tax_rate": 23,
            "prices": ["105": 19.99], "stock": ["bl_1": 4],
        ])
    }
}
