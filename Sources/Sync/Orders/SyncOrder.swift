package import BaseLinkerModels
import FirminoStore

/// A BaseLinker order made exact for deciding and issuing: money in minor units, VAT rates
/// named, countries upper-case, BaseLinker's warehouse as `bl_<id>`. Built once per order; the
/// hooks see it as the `order` table (see ``OrderTable``).
package struct SyncOrder: Sendable {
    var id: Int
    var statusId: Int?
    /// The status's name from `getOrderStatusList`, when known.
    var statusName: String?
    var source: String
    var currency: String
    var dateConfirmed: Int
    var wantInvoice: Bool
    var email: String
    var phone: String
    var paymentMethod: String
    var cashOnDelivery: Bool
    var deliveryMethod: String
    var deliveryPrice: Money
    /// The invoice data (`invoice_*`).
    var buyer: Party
    /// The delivery data (`delivery_*`).
    var delivery: Party
    var lines: [Line]
    var raw: JSONValue

    struct Party: Sendable {
        var name: String
        var company: String
        var taxId: String
        var address: String
        var postcode: String
        var city: String
        var countryCode: String
    }

    struct Line: Sendable {
        var name: String
        var sku: String
        var ean: String
        var quantity: Int
        var unitGross: Money
        var vatRate: VATRate
        /// `bl_<id>` when the line comes from a BaseLinker inventory warehouse.
        var baselinkerWarehouse: String?
        var baselinkerProductId: String?
        var baselinkerVariantId: String?
    }
}

extension SyncOrder {
    /// The order as the hooks and the store get it, or the reason it cannot be issued as sent:
    /// a field that could not be read, a currency that is not one, an amount that cannot be
    /// right (negative, or a VAT rate no document carries), a line without a name or quantity.
    /// Text is made printable (``Normalize/printable(_:limit:)``).
    package init(_ order: Order, statusNames: [Int: String] = [:]) throws(OrderFailure) {
        if let error = order.readError {
            throw OrderFailure(.orderData, orderId: order.id, "it cannot be read: \(error.message)")
        }
        id = order.id
        statusId = order.statusID
        statusName = order.statusID.flatMap { statusNames[$0] }
        source = Normalize.printable(order.source)
        currency = order.currency.isEmpty ? "PLN" : order.currency
        guard CurrencyCodes.isKnown(currency) else {
            throw OrderFailure(.orderData, orderId: order.id, "currency \"\(Normalize.printable(currency, limit: 20))\" is not an ISO 4217 code")
        }
        dateConfirmed = order.dateConfirmed ?? order.dateAdd ?? 0
        wantInvoice = order.wantInvoice
        email = Normalize.printable(order.email)
        phone = Normalize.printable(order.phone)
        paymentMethod = Normalize.printable(order.paymentMethod)
        cashOnDelivery = order.paymentMethodCOD
        deliveryMethod = Normalize.printable(order.deliveryMethod).trimmingSpaces
        deliveryPrice = try order.deliveryPrice.map { price throws(OrderFailure) in
            try Self.amount(price, "delivery_price", orderId: order.id)
        } ?? .zero
        buyer = Party(order.invoice)
        delivery = Party(order.delivery)
        raw = order.raw
        lines = []
        for (index, product) in order.products.enumerated() {
            lines.append(try Line(product, position: index + 1, orderId: order.id))
        }
    }

    /// An amount that can be issued: two decimals at most, finite, not negative.
    static func amount(_ price: DecimalAmount, _ what: String, orderId: Int) throws(OrderFailure) -> Money {
        guard let money = Money(decimalString: price.text) else {
            throw OrderFailure(.orderData, orderId: orderId, "\(what) \(price.text) is not an amount")
        }
        guard money >= .zero else {
            throw OrderFailure(.orderData, orderId: orderId, "\(what) \(price.text) is negative")
        }
        return money
    }
}

extension SyncOrder.Party {
    init(_ address: Order.Address) {
        func clean(_ text: String) -> String { Normalize.printable(text).trimmingSpaces }
        self.init(
            name: clean(address.fullName), company: clean(address.company), taxId: clean(address.taxID),
            address: clean(address.address), postcode: clean(address.postcode), city: clean(address.city),
            countryCode: clean(address.countryCode).uppercased())
    }
}

extension SyncOrder.Line {
    init(_ product: OrderProduct, position: Int, orderId: Int) throws(OrderFailure) {
        let name = Normalize.printable(product.name).trimmingSpaces
        let label = "line \(position) (\"\(name)\")"
        guard let price = product.priceGross else {
            throw OrderFailure(.orderData, orderId: orderId, "\(label) has no price_brutto")
        }
        let unitGross = try SyncOrder.amount(price, "\(label): price_brutto", orderId: orderId)
        guard let rate = product.taxRate else {
            throw OrderFailure(.orderData, orderId: orderId, "\(label) has no tax_rate")
        }
        guard let vatRate = VATRate(baselinker: rate.doubleValue) else {
            throw OrderFailure(
                .orderData, orderId: orderId,
                "\(label): tax_rate \(rate.text) is neither a percentage nor -1, -0.02 or -0.03")
        }
        guard vatRate.isDocumentRate, Self.hasAtMostTwoDecimals(rate.text) else {
            throw OrderFailure(
                .orderData, orderId: orderId,
                "\(label): tax_rate \(rate.text) is not a VAT rate a Polish or EU document carries")
        }
        guard product.quantity > 0 else {
            throw OrderFailure(.orderData, orderId: orderId, "\(label) has the quantity \(product.quantity); a line sells 1 or more")
        }
        guard !name.isEmpty else {
            throw OrderFailure(.orderData, orderId: orderId, "line \(position) has no name")
        }
        self.init(
            name: name, sku: Normalize.printable(product.sku).trimmingSpaces, ean: Normalize.printable(product.ean).trimmingSpaces,
            quantity: product.quantity, unitGross: unitGross, vatRate: vatRate,
            baselinkerWarehouse: product.warehouseID.flatMap { $0 > 0 ? "bl_\($0)" : nil },
            // A product id names a BaseLinker inventory product only for lines from the inventory
            // (`storage` "db"); a shop's or a wholesaler's own ids mean nothing to the store.
            baselinkerProductId: product.productID.isEmpty || !Self.fromInventory(product) ? nil : product.productID,
            baselinkerVariantId: product.variantID.isEmpty || product.variantID == "0" || !Self.fromInventory(product)
                ? nil : product.variantID)
    }

    private static func fromInventory(_ product: OrderProduct) -> Bool {
        product.storage.isEmpty || product.storage == "db"
    }

    /// `7.777` is no rate but a typo: more than two decimals are refused, not rounded.
    private static func hasAtMostTwoDecimals(_ text: String) -> Bool {
        guard let dot = text.firstIndex(of: ".") else { return true }
        let decimals = text[text.index(after: dot)...].reversed().drop { $0 == "0" }
        return decimals.count <= 2 && !text.lowercased().contains("e")
    }
}
