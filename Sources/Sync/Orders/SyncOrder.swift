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
    package init(_ order: Order, statusNames: [Int: String] = [:]) throws(OrderFailure) {
        id = order.id
        statusId = order.statusID
        statusName = order.statusID.flatMap { statusNames[$0] }
        source = order.source
        currency = order.currency.isEmpty ? "PLN" : order.currency
        dateConfirmed = order.dateConfirmed ?? order.dateAdd ?? 0
        wantInvoice = order.wantInvoice
        email = order.email
        phone = order.phone
        paymentMethod = order.paymentMethod
        cashOnDelivery = order.paymentMethodCOD
        deliveryMethod = order.deliveryMethod
        if let price = order.deliveryPrice {
            guard let money = Money(decimalString: price.text) else {
                throw OrderFailure(.orderData, orderId: order.id, "delivery_price \(price.text) is not an amount")
            }
            deliveryPrice = money
        } else {
            deliveryPrice = .zero
        }
        buyer = Party(order.invoice)
        delivery = Party(order.delivery)
        raw = order.raw
        lines = []
        for (index, product) in order.products.enumerated() {
            lines.append(try Line(product, position: index + 1, orderId: order.id))
        }
    }
}

extension SyncOrder.Party {
    init(_ address: Order.Address) {
        self.init(
            name: address.fullName.trimmingSpaces, company: address.company.trimmingSpaces,
            taxId: address.taxID.trimmingSpaces, address: address.address.trimmingSpaces,
            postcode: address.postcode.trimmingSpaces, city: address.city.trimmingSpaces,
            countryCode: address.countryCode.trimmingSpaces.uppercased())
    }
}

extension SyncOrder.Line {
    init(_ product: OrderProduct, position: Int, orderId: Int) throws(OrderFailure) {
        let label = "line \(position) (\"\(product.name)\")"
        guard let price = product.priceGross else {
            throw OrderFailure(.orderData, orderId: orderId, "\(label) has no price_brutto")
        }
        guard let unitGross = Money(decimalString: price.text) else {
            throw OrderFailure(.orderData, orderId: orderId, "\(label): price_brutto \(price.text) is not an amount")
        }
        guard let rate = product.taxRate else {
            throw OrderFailure(.orderData, orderId: orderId, "\(label) has no tax_rate")
        }
        guard let vatRate = VATRate(baselinker: rate.doubleValue) else {
            throw OrderFailure(
                .orderData, orderId: orderId,
                "\(label): tax_rate \(rate.text) is neither a percentage nor -1, -0.02 or -0.03")
        }
        guard product.quantity >= 0 else {
            throw OrderFailure(.orderData, orderId: orderId, "\(label) has a negative quantity \(product.quantity)")
        }
        let name = product.name.trimmingSpaces
        guard !name.isEmpty else {
            throw OrderFailure(.orderData, orderId: orderId, "line \(position) has no name")
        }
        self.init(
            name: name, sku: product.sku.trimmingSpaces, ean: product.ean.trimmingSpaces,
            quantity: product.quantity, unitGross: unitGross, vatRate: vatRate,
            baselinkerWarehouse: product.warehouseID.flatMap { $0 > 0 ? "bl_\($0)" : nil },
            baselinkerProductId: product.productID.isEmpty ? nil : product.productID,
            baselinkerVariantId: product.variantID.isEmpty || product.variantID == "0" ? nil : product.variantID)
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
