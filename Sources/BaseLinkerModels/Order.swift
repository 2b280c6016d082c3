/// An order from `getOrders`, with the fields the sync rules use read leniently and the whole
/// object kept in ``raw`` exactly as received.
///
/// Text fields read as `""` when absent; numbers and flags accept every form BaseLinker uses
/// (`5`, `"5"`, `5.0`; `"1"`, `1`, `true`). Unknown fields are ignored here and kept in `raw`.
/// Dates are unix seconds. Amounts keep their decimal text (see ``DecimalAmount``).
public struct Order: Sendable, Hashable {
    public var id: Int
    public var statusID: Int?
    public var dateAdd: Int?
    public var dateConfirmed: Int?
    /// `confirmed`, when sent (the official sample omits it).
    public var confirmed: Bool?
    public var currency: String
    /// `"shop"`, `"personal"`, `"order_return"` or a marketplace code such as `"allegro"`.
    public var source: String
    public var sourceID: Int?
    public var shopOrderID: Int?
    public var externalOrderID: String
    public var paymentMethod: String
    public var paymentMethodCOD: Bool
    public var paymentDone: DecimalAmount?
    public var deliveryMethod: String
    public var deliveryPrice: DecimalAmount?
    public var wantInvoice: Bool
    public var email: String
    public var phone: String
    public var userLogin: String
    public var delivery: Address
    public var invoice: Address
    public var products: [OrderProduct]
    /// The order object as BaseLinker sent it.
    public var raw: JSONValue
    /// Set when a field could not be read: the order is kept (its id and `date_confirmed`, for
    /// paging, and ``raw``) so that it alone is set aside, with the field named, and the other
    /// orders of its page go on.
    public var readError: BaseLinkerError?

    /// A delivery or invoice address: the `delivery_*` or `invoice_*` fields.
    public struct Address: Sendable, Hashable {
        public var fullName: String
        public var company: String
        /// `invoice_nip`, the buyer's tax id as typed; always `""` for the delivery address.
        public var taxID: String
        public var address: String
        public var postcode: String
        public var city: String
        public var state: String
        public var country: String
        /// Upper-cased; `""` when not sent.
        public var countryCode: String

        static let empty = Address(
            fullName: "", company: "", taxID: "", address: "", postcode: "", city: "", state: "", country: "",
            countryCode: "")

        private init(
            fullName: String, company: String, taxID: String, address: String, postcode: String, city: String,
            state: String, country: String, countryCode: String
        ) {
            (self.fullName, self.company, self.taxID, self.address) = (fullName, company, taxID, address)
            (self.postcode, self.city, self.state, self.country, self.countryCode) = (postcode, city, state, country, countryCode)
        }

        init(_ fields: FieldReader, prefix: String) throws(BaseLinkerError) {
            fullName = try fields.string(prefix + "fullname")
            company = try fields.string(prefix + "company")
            taxID = try fields.string(prefix + "nip")
            address = try fields.string(prefix + "address")
            postcode = try fields.string(prefix + "postcode")
            city = try fields.string(prefix + "city")
            state = try fields.string(prefix + "state")
            country = try fields.string(prefix + "country")
            countryCode = try fields.string(prefix + "country_code").uppercased()
        }
    }

    /// Reads an order object as `getOrders` sends it, keeping one whose fields cannot all be
    /// read as an order with a ``readError``. Throws only when not even its id can be read.
    public static func reading(_ json: JSONValue) throws(BaseLinkerError) -> Order {
        do {
            return try Order(json: json)
        } catch {
            let fields = try FieldReader(json, context: "order")
            let id = try fields.requiredInt("order_id")
            return Order(unreadable: json, id: id, dateConfirmed: try? fields.int("date_confirmed"), error: error)
        }
    }

    private init(unreadable json: JSONValue, id: Int, dateConfirmed: Int?, error: BaseLinkerError) {
        self.id = id
        self.dateConfirmed = dateConfirmed
        currency = ""
        source = ""
        externalOrderID = ""
        paymentMethod = ""
        paymentMethodCOD = false
        deliveryMethod = ""
        wantInvoice = false
        email = ""
        phone = ""
        userLogin = ""
        delivery = Address.empty
        invoice = Address.empty
        products = []
        raw = json
        readError = error
    }

    /// Reads an order object as `getOrders` sends it.
    public init(json: JSONValue) throws(BaseLinkerError) {
        let fields: FieldReader
        (id, fields) = try FieldReader.record(json, "order", id: "order_id")
        statusID = try fields.int("order_status_id")
        dateAdd = try fields.int("date_add")
        dateConfirmed = try fields.int("date_confirmed")
        confirmed = try fields.optionalFlag("confirmed")
        currency = try fields.string("currency").uppercased()
        source = try fields.string("order_source")
        sourceID = try fields.int("order_source_id")
        shopOrderID = try fields.int("shop_order_id")
        externalOrderID = try fields.string("external_order_id")
        paymentMethod = try fields.string("payment_method")
        paymentMethodCOD = try fields.flag("payment_method_cod")
        paymentDone = try fields.decimal("payment_done")
        deliveryMethod = try fields.string("delivery_method")
        deliveryPrice = try fields.decimal("delivery_price")
        wantInvoice = try fields.flag("want_invoice")
        email = try fields.string("email")
        phone = try fields.string("phone")
        userLogin = try fields.string("user_login")
        delivery = try Address(fields, prefix: "delivery_")
        invoice = try Address(fields, prefix: "invoice_")
        var products: [OrderProduct] = []
        for (index, product) in try fields.array("products").enumerated() {
            products.append(try OrderProduct(json: product, context: "order \(id): products[\(index)]"))
        }
        self.products = products
        raw = json
    }
}

/// One line of an order (`products[]` of `getOrders`).
public struct OrderProduct: Sendable, Hashable {
    /// `"db"` (BaseLinker inventory), `"shop"` or `"warehouse"`.
    public var storage: String
    public var storageID: Int?
    public var orderProductID: Int?
    /// The product id in its storage; `""` when unknown. Text, as shops use their own ids.
    public var productID: String
    /// `""` or `"0"` when the line is not a variant.
    public var variantID: String
    public var name: String
    public var sku: String
    public var ean: String
    public var location: String
    public var attributes: String
    /// The numeric id of the BaseLinker warehouse (`bl_<id>`), for inventory products only.
    public var warehouseID: Int?
    /// Gross price of one item.
    public var priceGross: DecimalAmount?
    /// 0–100, or BaseLinker's codes -1 (exempt, ZW), -0.02 (not taxable, NP),
    /// -0.03 (reverse charge, OO).
    public var taxRate: DecimalAmount?
    public var quantity: Int
    public var weight: DecimalAmount?
    public var bundleID: Int?
    /// The line object as BaseLinker sent it.
    public var raw: JSONValue

    public init(json: JSONValue, context: String = "order product") throws(BaseLinkerError) {
        let fields = try FieldReader(json, context: context)
        storage = try fields.string("storage")
        storageID = try fields.int("storage_id")
        orderProductID = try fields.int("order_product_id")
        productID = try fields.string("product_id")
        variantID = try fields.string("variant_id")
        name = try fields.string("name")
        sku = try fields.string("sku")
        ean = try fields.string("ean")
        location = try fields.string("location")
        attributes = try fields.string("attributes")
        warehouseID = try fields.int("warehouse_id")
        priceGross = try fields.decimal("price_brutto")
        taxRate = try fields.decimal("tax_rate")
        quantity = try fields.count("quantity") ?? 0
        weight = try fields.decimal("weight")
        bundleID = try fields.int("bundle_id")
        raw = json
    }
}
