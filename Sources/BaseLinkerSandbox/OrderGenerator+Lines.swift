import Foundation

extension OrderGenerator {
    /// One to four lines (none for a no-lines scenario): inventory products shipped from the
    /// scenario's warehouse, some under a marketplace title that does not match the product's
    /// name. About one line in a hundred, and every line of the coverage order that asks for
    /// them, is sold outside the inventory (storage `shop`: a gift wrap, a card, a COD fee):
    /// realistic, but each makes a store card with no stock, so they stay rare.
    mutating func makeLines(_ scenario: Scenario, currency: String, source: String) -> [SandboxOrderLine] {
        if scenario.noLines || products.isEmpty { return [] }
        var count = random.weighted([(1, 50.0), (2, 30), (3, 14), (4, 6)])
        if scenario.mixedWarehouses { count = max(count, 2) }
        var lines: [SandboxOrderLine] = []
        for index in 0..<count {
            var warehouse = scenario.firstWarehouse
            if scenario.mixedWarehouses, index > 0 {
                let others = [1, 2, 3].filter { $0 != scenario.firstWarehouse }
                warehouse = index == 1 ? others[0] : random.pick(others)
            }
            let mustBeInventory = index == 0 && scenario.firstWarehouse != AccountGenerator.mainWarehouse
            if scenario.linesOutsideInventory || (!mustBeInventory && random.chance(Self.outsideInventoryShare)) {
                lines.append(outsideLine(currency: currency))
            } else {
                lines.append(inventoryLine(warehouse: warehouse, scenario: scenario, currency: currency, source: source))
            }
        }
        return lines
    }

    /// The share of lines (other than a first line that must ship from a warehouse) sold
    /// outside the inventory.
    static let outsideInventoryShare = 0.01

    private mutating func inventoryLine(
        warehouse: Int, scenario: Scenario, currency: String, source: String
    ) -> SandboxOrderLine {
        let product = random.pick(products)
        let variant = soldVariant(of: product)
        let title = variant?.name ?? product.name
        var name = title
        let marketplace = ["allegro", "amazon", "ebay"].contains(source)
        let roll = random.unit()
        if marketplace, roll < 0.15 {
            name = random.pick(["\(title) – idealny na prezent", "\(title.uppercased()) NOWOŚĆ", "Prezent: \(title)"])
        } else if roll > 0.92 {
            name = random.chance(0.5) ? title.lowercased() : title.replacingOccurrences(of: " ", with: "  ")
        }
        var taxRate = product.taxRate
        if warehouse == AccountGenerator.germanWarehouse, scenario.country == "DE", random.chance(0.5) {
            taxRate = product.taxRate == 23 ? 19 : product.taxRate > 0 ? 7 : product.taxRate
        }
        let prices = variant?.prices ?? product.prices
        var cents = Money.cents(prices[AccountGenerator.priceGroupRetail] ?? 10)
        if source == "allegro", random.chance(0.2) { cents = cents * 95 / 100 }
        let locations = variant?.locations ?? product.locations
        return SandboxOrderLine(
            storage: "db", storageId: AccountGenerator.inventoryId, productId: String(product.id),
            variantId: variant?.id ?? 0, name: name, sku: variant?.sku ?? product.sku, ean: variant?.ean ?? product.ean,
            location: locations[warehouse] ?? "", warehouseId: warehouse, auctionId: auctionId(source), attributes: "",
            priceGross: converted(cents, to: currency), taxRate: taxRate, quantity: quantity(),
            weight: product.weight)
    }

    /// The variant a line for `product` sells: BaseLinker's orders sell one of a product's
    /// variants, never a product that has them; nil for a product without variants.
    private mutating func soldVariant(of product: SandboxProduct) -> SandboxVariant? {
        product.variants.isEmpty ? nil : variantRandom.pick(product.variants)
    }

    private mutating func outsideLine(currency: String) -> SandboxOrderLine {
        let item = random.pick(CatalogData.outsideInventory)
        return SandboxOrderLine(
            storage: "shop", storageId: AccountGenerator.shopSourceId,
            productId: random.chance(0.6) ? "" : String(random.int(8000...8999)), variantId: 0, name: item.name,
            sku: random.chance(0.5) ? "" : "SKLEP-\(random.int(100...999))", warehouseId: 0,
            priceGross: converted(item.cents.lowerBound == item.cents.upperBound
                ? item.cents.lowerBound : random.int(item.cents), to: currency),
            taxRate: item.taxRate, quantity: item.taxRate < 0 ? 1 : quantity())
    }

    private mutating func quantity() -> Int {
        random.weighted([(1, 70.0), (2, 20), (3, 6), (5, 4)])
    }

    private mutating func auctionId(_ source: String) -> String {
        switch source {
        case "allegro": return String(random.int(10_000_000_000...17_999_999_999))
        case "ebay": return String(random.int(100_000_000_000...399_999_999_999))
        default: return ""
        }
    }

    /// A PLN price in the order's currency, ending in ,99 abroad.
    func converted(_ plnCents: Int, to currency: String) -> Double {
        let rate = AccountGenerator.exchangeRates[currency] ?? 1
        if rate == 1 { return Money.amount(plnCents) }
        let whole = max(Int(Double(plnCents) / rate / 100), 1)
        return Money.amount(whole * 100 + 99)
    }

    mutating func assignDelivery(_ order: inout SandboxOrder, scenario: Scenario) {
        if order.source == "personal" {
            order.deliveryMethod = PolandData.pickup.method
            order.deliveryPrice = 0
            return
        }
        if scenario.country == "PL" {
            let options = order.source == "allegro" ? PolandData.allegroDelivery : PolandData.shopDelivery
            let option = random.pick(options)
            order.deliveryMethod = option.method
            order.deliveryPackageModule = option.module
            order.deliveryPrice = Money.amount(random.pick(option.pricesCents))
            order.deliveryMethodId = (options.firstIndex { $0.method == option.method } ?? 0) + (order.source == "allegro" ? 21 : 11)
            if option.parcelPoint {
                let point = random.pick(PolandData.parcelPoints)
                order.deliveryPointId = point.0
                order.deliveryPoint = SandboxAddress(
                    fullname: point.1, address: point.2, postcode: order.delivery.postcode, city: order.delivery.city)
            }
        } else {
            let option = random.pick(AbroadData.delivery)
            order.deliveryMethod = option.method
            order.deliveryPackageModule = option.module
            let cents = random.pick(option.pricesCents)
            order.deliveryPrice = cents == 0 ? 0 : converted(cents, to: order.currency)
            order.deliveryMethodId = 31 + (AbroadData.delivery.firstIndex { $0.method == option.method } ?? 0)
        }
    }

    /// Cash on delivery for a quarter of Polish orders outside the counter; otherwise paid up
    /// front, except bank transfers that have not arrived yet.
    mutating func assignPayment(_ order: inout SandboxOrder, scenario: Scenario) {
        let total = order.total
        if order.source == "personal" {
            order.paymentMethod = "Gotówka"
            order.paymentDone = total
            return
        }
        if scenario.country == "PL", random.chance(0.25) {
            order.paymentMethod = "Za pobraniem"
            order.cashOnDelivery = true
            order.paymentDone = 0
            return
        }
        switch order.source {
        case "allegro": order.paymentMethod = random.pick(["Płatności Allegro", "Allegro Pay", "BLIK"])
        case "amazon": order.paymentMethod = "Amazon Pay"
        case "ebay": order.paymentMethod = "PayPal"
        default:
            order.paymentMethod = scenario.country == "PL"
                ? random.pick(PolandData.prepaidMethods) : random.pick(AbroadData.prepaidMethods)
        }
        let awaiting = order.paymentMethod.hasPrefix("Przelew") && random.chance(0.3)
        order.paymentDone = awaiting ? 0 : total
    }
}
