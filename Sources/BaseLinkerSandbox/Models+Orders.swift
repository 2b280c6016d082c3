package import BaseLinkerModels
/// An order status of the account (`getOrderStatusList`).
package struct SandboxStatus: Sendable, Hashable {
    package var id: Int
    package var name: String
    package var nameForCustomer: String
    package var color: String
}

/// Where orders come from (`getOrderSources`): a type such as `shop` or `allegro` and an id.
package struct SandboxOrderSource: Sendable, Hashable {
    package var type: String
    package var id: Int
    package var name: String
}

/// A name-and-address block of an order, for delivery or for the invoice.
package struct SandboxAddress: Sendable, Hashable {
    package var fullname: String = ""
    package var company: String = ""
    package var address: String = ""
    package var postcode: String = ""
    package var city: String = ""
    package var state: String = ""
    /// The country's name as the panel shows it (in Polish).
    package var country: String = ""
    /// ISO 3166 code as BaseLinker sends it; may be empty.
    package var countryCode: String = ""
}

/// One line (`products[]`) of an order.
package struct SandboxOrderLine: Sendable, Hashable {
    /// `db` for the BaseLinker inventory, `shop` for a shop's own storage.
    package var storage: String = "db"
    package var storageId: Int = 0
    package var orderProductId: Int = 0
    /// The inventory product id as text; empty when the product is unknown.
    package var productId: String = ""
    package var variantId: Int = 0
    package var name: String
    package var sku: String = ""
    package var ean: String = ""
    package var location: String = ""
    /// The numeric id of a `bl_` warehouse; 0 for lines outside the inventory.
    package var warehouseId: Int = 0
    package var auctionId: String = ""
    package var attributes: String = ""
    /// Gross price of one item in the order's currency.
    package var priceGross: Double
    /// 0–100, or BaseLinker's −1 (exempt), −0.02 (not taxable), −0.03 (reverse charge).
    package var taxRate: Double = 23
    package var quantity: Int = 1
    package var weight: Double = 0
    /// Fields sent as given, over what the line renders.
    package var fieldOverrides: [String: JSONValue] = [:]
}

/// How an order's JSON departs from the documented types, the way real BaseLinker orders do
/// (reference §2.99). Chosen per order by the generator, so the same seed gives the same JSON.
package struct OrderQuirks: OptionSet, Sendable, Hashable {
    package let rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `"order_id": "6200012"` and `"shop_order_id": "2824"`.
    package static let idsAsStrings = OrderQuirks(rawValue: 1 << 0)
    /// `want_invoice`, `payment_method_cod` as `1`/`0` instead of `"1"`/`"0"`.
    package static let flagsAsInts = OrderQuirks(rawValue: 1 << 1)
    /// `want_invoice`, `payment_method_cod` as `true`/`false`.
    package static let flagsAsBools = OrderQuirks(rawValue: 1 << 2)
    /// `"payment_done": "149.99"`.
    package static let paymentDoneAsString = OrderQuirks(rawValue: 1 << 3)
    /// No `invoice_country_code` key at all (the buyer country falls back to delivery).
    package static let missingInvoiceCountryCode = OrderQuirks(rawValue: 1 << 4)
    /// `"invoice_country_code": ""`.
    package static let emptyInvoiceCountryCode = OrderQuirks(rawValue: 1 << 5)
    /// `variant_id` as the number `0` rather than the usual `"0"`.
    package static let variantIdAsInt = OrderQuirks(rawValue: 1 << 6)
    /// Line `product_id` as a number rather than text.
    package static let productIdAsInt = OrderQuirks(rawValue: 1 << 7)
    /// `pick_status`/`pack_status` as `"1"`/`"0"` (the official sample) instead of
    /// `pick_state`/`pack_state` ints.
    package static let pickPackStatusStrings = OrderQuirks(rawValue: 1 << 8)
    /// Country codes in lower case (`"de"`).
    package static let lowercaseCountryCodes = OrderQuirks(rawValue: 1 << 9)
    /// `"delivery_price": "13.99"`, line `warehouse_id` and `storage_id` as text.
    package static let numbersAsStrings = OrderQuirks(rawValue: 1 << 10)
    /// No `confirmed` key (as in the official sample).
    package static let missingConfirmed = OrderQuirks(rawValue: 1 << 11)
}

/// A BaseLinker order as the sandbox keeps it; `getOrders` renders it with its ``quirks``.
package struct SandboxOrder: Sendable, Hashable {
    /// Assigned by the account when the order is added.
    package var id: Int
    package var shopOrderId: Int = 0
    package var externalOrderId: String = ""
    /// `shop`, `personal`, `allegro`, `amazon`, `ebay`.
    package var source: String
    package var sourceId: Int
    package var statusId: Int
    /// Unix seconds.
    package var dateAdd: Int
    /// Unix seconds; 0 while the order is unconfirmed.
    package var dateConfirmed: Int
    package var dateInStatus: Int
    package var confirmed: Bool = true
    package var userLogin: String = ""
    package var currency: String
    package var paymentMethod: String = "Przelewy24"
    package var cashOnDelivery: Bool = false
    package var paymentDone: Double = 0
    package var userComments: String = ""
    package var adminComments: String = ""
    package var email: String = ""
    package var phone: String = ""
    package var deliveryMethodId: Int = 0
    package var deliveryMethod: String
    package var deliveryPrice: Double
    package var deliveryPackageModule: String = ""
    package var deliveryPackageNumber: String = ""
    package var delivery: SandboxAddress
    /// A parcel locker or pick-up point; all fields empty when none.
    package var deliveryPoint = SandboxAddress()
    package var deliveryPointId: String = ""
    package var invoice: SandboxAddress
    package var invoiceNip: String
    package var wantInvoice: Bool
    package var lines: [SandboxOrderLine]
    package var quirks: OrderQuirks
    /// Fields sent as given, over what the order renders: what an odd answer looks like.
    package var fieldOverrides: [String: JSONValue] = [:]

    /// A confirmed, prepaid order; change what a test needs. With `dateConfirmed` 0 the account
    /// dates it one second after its latest order when it is added.
    package init(
        id: Int = 0, statusId: Int, dateConfirmed: Int = 0, currency: String = "PLN",
        delivery: SandboxAddress, invoice: SandboxAddress? = nil, invoiceNip: String = "",
        wantInvoice: Bool = false, lines: [SandboxOrderLine], deliveryMethod: String = "Kurier DPD",
        deliveryPrice: Double = 0, source: String = "shop", sourceId: Int = 0, quirks: OrderQuirks = []
    ) {
        self.id = id
        self.source = source
        self.sourceId = sourceId
        self.statusId = statusId
        self.dateAdd = dateConfirmed
        self.dateConfirmed = dateConfirmed
        self.dateInStatus = dateConfirmed
        self.currency = currency
        self.deliveryMethod = deliveryMethod
        self.deliveryPrice = deliveryPrice
        self.delivery = delivery
        self.invoice = invoice ?? delivery
        self.invoiceNip = invoiceNip
        self.wantInvoice = wantInvoice
        self.lines = lines
        self.quirks = quirks
        self.paymentDone = total
    }

    /// Lines plus delivery, gross, in the order's currency.
    package var total: Double {
        let cents = lines.reduce(0) { $0 + Money.cents($1.priceGross) * $1.quantity } + Money.cents(deliveryPrice)
        return Money.amount(cents)
    }
}

/// Money kept as a `Double` the way BaseLinker sends it, computed in whole grosze.
enum Money {
    static func cents(_ amount: Double) -> Int { Int((amount * 100).rounded()) }
    static func amount(_ cents: Int) -> Double { Double(cents) / 100 }
}
