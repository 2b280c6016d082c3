import Foundation

/// Builds a realistic Polish shop's account from a seed: the same seed and sizes give a
/// byte-identical account (`SandboxAccount.snapshot()`), a different seed a different one.
struct AccountGenerator {
    let seed: UInt64
    let orderCount: Int
    let productCount: Int
    /// The earliest `date_confirmed`; orders follow it.
    let start: Date

    static let inventoryId = 501
    static let priceGroupRetail = 101
    static let priceGroupEuro = 102
    static let priceGroupWholesale = 103
    static let mainWarehouse = 1
    static let secondWarehouse = 2
    static let germanWarehouse = 3
    static let shopSourceId = 1201
    static let invoiceSeries = 11
    static let receiptSeries = 12
    /// PLN per unit of the order currency, for pricing orders paid abroad.
    static let exchangeRates: [String: Double] = ["PLN": 1, "EUR": 4.3, "GBP": 5.0]

    func generate() -> AccountState {
        var state = AccountState()
        Self.addFixedParts(to: &state)
        var random = SeededRandom(seed: seed, stream: "products")
        let catalogue = catalogue(random: &random)
        var firstName: String?
        for index in 0..<productCount {
            let product = makeProduct(index: index, catalogue: catalogue, firstName: firstName, random: &random)
            firstName = firstName ?? product.name
            state.products[product.id] = product
        }
        state.nextProductId = AccountState().nextProductId + productCount
        addVariants(to: &state, catalogue: catalogue)
        var orders = OrderGenerator(seed: seed, start: start, products: state.sortedProducts)
        for index in 0..<orderCount {
            state.insert(orders.makeOrder(index: index, of: orderCount))
        }
        var margins = SeededRandom(seed: seed, stream: "order-stock")
        state.stockUp(for: state.sortedOrders, margins: &margins)
        return state
    }

    static func addFixedParts(to state: inout AccountState) {
        state.statuses = [
            .init(id: 1001, name: "Nowe zamówienia", nameForCustomer: "Zamówienie przyjęte", color: "#3D85C6"),
            .init(id: 1002, name: "Do wysłania", nameForCustomer: "Przygotowujemy wysyłkę", color: "#F1C232"),
            .init(id: 1003, name: "W realizacji", nameForCustomer: "W realizacji", color: "#E69138"),
            .init(id: 1004, name: "Wysłane", nameForCustomer: "Wysłane", color: "#6AA84F"),
            .init(id: 1005, name: "Anulowane", nameForCustomer: "Anulowane", color: "#CC0000"),
            .init(id: 1006, name: "Dokument wystawiony", nameForCustomer: "W realizacji", color: "#674EA7"),
            .init(id: 1007, name: "Problem z zamówieniem", nameForCustomer: "W realizacji", color: "#999999"),
        ]
        state.sources = [
            .init(type: "personal", id: 0, name: "Osobiście / telefonicznie"),
            .init(type: "shop", id: shopSourceId, name: "sklep-przyklad.pl"),
            .init(type: "allegro", id: 2301, name: "Allegro – konto główne"),
            .init(type: "amazon", id: 3401, name: "Amazon.de"),
            .init(type: "ebay", id: 4501, name: "eBay.co.uk"),
        ]
        state.warehouses = [
            .init(id: mainWarehouse, name: "Magazyn główny", description: "Łódź, ul. Przędzalniana 8",
                  isDefault: true, country: "PL"),
            .init(id: secondWarehouse, name: "Magazyn Poznań", description: "Poznań, ul. Składowa 4", country: "PL"),
            .init(id: germanWarehouse, name: "Lager Berlin", description: "Berlin, Lagerstraße 12 (DE)", country: "DE"),
            .init(type: "shop", id: shopSourceId, name: "sklep-przyklad.pl", description: "Stany sklepu internetowego",
                  stockEdition: false, country: "PL"),
        ]
        state.nextWarehouseId = germanWarehouse + 1
        state.priceGroups = [
            .init(id: priceGroupRetail, name: "Detal PLN", description: "Ceny detaliczne brutto", currency: "PLN", isDefault: true),
            .init(id: priceGroupEuro, name: "Detal EUR", description: "Sprzedaż zagraniczna", currency: "EUR", isDefault: false),
            .init(id: priceGroupWholesale, name: "Hurt PLN", description: "Odbiorcy hurtowi", currency: "PLN", isDefault: false),
        ]
        state.inventories = [
            .init(id: inventoryId, name: "Katalog główny", description: "Produkty sklepu", languages: ["pl", "de", "en"],
                  defaultLanguage: "pl", priceGroups: [priceGroupRetail, priceGroupEuro, priceGroupWholesale],
                  defaultPriceGroup: priceGroupRetail, warehouses: ["bl_1", "bl_2", "bl_3", "shop_\(shopSourceId)"],
                  defaultWarehouse: "bl_1", reservations: false, isDefault: true),
        ]
        state.series = [
            .init(id: invoiceSeries, type: "INVOICE", name: "Faktury VAT", format: "FV %N/%M/%Y"),
            .init(id: receiptSeries, type: "RECEIPT", name: "Paragony", format: "PAR %N/%M/%Y"),
            .init(id: 13, type: "CORRECTION", name: "Korekty", format: "KOR %N/%M/%Y"),
            .init(id: 14, type: "INVOICE", name: "Faktury eksportowe", format: "FEX %N/%M/%Y"),
        ]
    }

    /// Every product line and variant once, in a seeded order, with one product of every VAT
    /// rate first so that even a small catalogue has them all. Past the end the list repeats
    /// as a new series ("(seria 2)").
    private func catalogue(random: inout SeededRandom) -> [(ProductTemplate, String)] {
        var combos: [(ProductTemplate, String)] = []
        for template in CatalogData.templates {
            for variant in template.variants { combos.append((template, variant)) }
        }
        for index in stride(from: combos.count - 1, to: 0, by: -1) {
            combos.swapAt(index, random.int(0...index))
        }
        var firsts: [(ProductTemplate, String)] = []
        for rate in [23.0, 5, 8, 0, -1] {
            if let position = combos.firstIndex(where: { $0.0.taxRate == rate }) {
                firsts.append(combos.remove(at: position))
            }
        }
        return firsts + combos
    }

    /// Product 18 (when there are that many) repeats the first product's name under another
    /// SKU, as real catalogues do.
    private func makeProduct(
        index: Int, catalogue: [(ProductTemplate, String)], firstName: String?, random: inout SeededRandom
    ) -> SandboxProduct {
        let (template, variant) = catalogue[index % catalogue.count]
        let id = AccountState().nextProductId + index
        let series = index / catalogue.count
        var name = "\(template.base) – \(variant)" + (series > 0 ? " (seria \(series + 1))" : "")
        if index == 17, let firstName { name = firstName }
        let retail = template.priceCents.lowerBound == template.priceCents.upperBound
            ? template.priceCents.lowerBound : Self.roundedPrice(random.int(template.priceCents))
        let stock = Self.stock(&random, main: (0.1, 250), second: (0.3, 60), german: (0.5, 40))
        return SandboxProduct(
            id: id,
            sku: random.chance(0.04) ? "" : "\(template.skuPrefix)-\(String(format: "%04d", index + 1))",
            ean: random.chance(0.08) ? "" : CatalogData.ean(&random),
            name: name,
            description: random.pick(CatalogData.descriptions),
            taxRate: template.taxRate,
            weight: template.weight,
            categoryId: template.categoryId,
            manufacturerId: template.manufacturerId,
            prices: Self.groupPrices(retailCents: retail),
            stock: stock,
            locations: [Self.mainWarehouse: "A-\(random.int(1...12))-\(random.int(1...30))"],
            tags: template.taxRate == -1 ? ["usługa"] : []
        )
    }

    /// Levels in the main, second and German warehouses, drawn in that order: each warehouse is
    /// empty with its chance, else holds 1 to its most.
    static func stock(
        _ random: inout SeededRandom, main: (empty: Double, most: Int), second: (empty: Double, most: Int),
        german: (empty: Double, most: Int)
    ) -> [Int: Int] {
        var stock: [Int: Int] = [:]
        for (warehouse, level) in [(mainWarehouse, main), (secondWarehouse, second), (germanWarehouse, german)] {
            stock[warehouse] = random.chance(level.empty) ? 0 : random.int(1...level.most)
        }
        return stock
    }

    /// Shop prices end in ,99 or ,00.
    static func roundedPrice(_ cents: Int) -> Int {
        let whole = max(cents / 100, 1)
        return whole * 100 + (whole % 5 == 0 ? 0 : 99)
    }
}
