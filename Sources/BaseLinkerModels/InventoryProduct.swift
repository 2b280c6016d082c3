/// A product from `getInventoryProductsList` (one page holds up to 1000).
public struct InventoryProductListItem: Sendable, Hashable {
    public var id: Int
    /// For a variant (listed with `include_variants`), its product; nil for a product.
    public var parentID: Int?
    public var sku: String
    public var ean: String
    public var asin: String
    public var name: String
    /// Price group id → gross price.
    public var prices: [String: DecimalAmount]
    /// Warehouse key (`"bl_123"`) → quantity.
    public var stock: [String: Int]

    /// Reads one entry of the `products` map; `key` is its id (the object may omit `id`).
    public init(key: String, json: JSONValue) throws(BaseLinkerError) {
        let fields = try FieldReader(json, context: "products[\"\(key)\"]")
        id = try fields.entryID("id", mapKey: key, of: "product")
        parentID = try fields.int("parent_id").flatMap { $0 > 0 ? $0 : nil }
        sku = try fields.string("sku")
        ean = try fields.string("ean")
        asin = try fields.string("asin")
        name = try fields.string("name")
        prices = try fields.decimalMap("prices")
        stock = try fields.intMap("stock")
    }
}

/// A product's details from `getInventoryProductsData`.
public struct InventoryProduct: Sendable, Hashable {
    public var id: Int
    public var isBundle: Bool
    public var sku: String
    public var ean: String
    public var asin: String
    /// `text_fields.name` (the default language).
    public var name: String
    public var tags: [String]
    public var taxRate: DecimalAmount?
    public var weight: DecimalAmount?
    public var categoryID: Int?
    public var manufacturerID: Int?
    public var averageCost: DecimalAmount?
    public var prices: [String: DecimalAmount]
    public var stock: [String: Int]
    public var locations: [String: String]
    /// `name`, `description`, `features`, `name|de`, … as sent.
    public var textFields: [String: JSONValue]
    /// Position (`"0"`…`"15"`) → image URL.
    public var images: [String: String]
    public var variants: [String: Variant]
    public var raw: JSONValue

    public struct Variant: Sendable, Hashable {
        public var id: Int
        public var name: String
        public var sku: String
        public var ean: String
        public var prices: [String: DecimalAmount]
        public var stock: [String: Int]
    }

    public init(key: String, json: JSONValue) throws(BaseLinkerError) {
        var fields = try FieldReader(json, context: "products[\"\(key)\"]")
        let id = try fields.entryID("id", "product_id", mapKey: key, of: "product")
        self.id = id
        fields = FieldReader(object: fields.object, context: "product \(id)")
        isBundle = try fields.flag("is_bundle")
        sku = try fields.string("sku")
        ean = try fields.string("ean")
        asin = try fields.string("asin")
        tags = try fields.strings("tags")
        taxRate = try fields.decimal("tax_rate")
        weight = try fields.decimal("weight")
        categoryID = try fields.int("category_id")
        manufacturerID = try fields.int("manufacturer_id")
        averageCost = try fields.decimal("average_cost")
        prices = try fields.decimalMap("prices")
        stock = try fields.intMap("stock")
        locations = try fields.stringMap("locations")
        textFields = try fields.map("text_fields")
        if let name = textFields["name"]?.lenientString {
            self.name = name
        } else {
            name = try fields.string("name")
        }
        images = try fields.stringMap("images")
        var variants: [String: Variant] = [:]
        for (variantKey, value) in try fields.map("variants") {
            let variant = try FieldReader(value, context: "product \(id): variants[\"\(variantKey)\"]")
            variants[variantKey] = Variant(
                id: try variant.entryID("variant_id", mapKey: variantKey, of: "variant"),
                name: try variant.string("name"), sku: try variant.string("sku"), ean: try variant.string("ean"),
                prices: try variant.decimalMap("prices"), stock: try variant.intMap("stock"))
        }
        self.variants = variants
        raw = json
    }
}

/// Stock of one product from `getInventoryProductsStock`.
public struct InventoryProductStock: Sendable, Hashable {
    public var productID: Int
    /// Warehouse key (`"bl_206"`) → quantity.
    public var stock: [String: Int]
    /// Warehouse key → reserved quantity (only for inventories with reservations).
    public var reservations: [String: Int]
    /// Variant id → warehouse key → quantity.
    public var variants: [String: [String: Int]]

    public init(key: String, json: JSONValue) throws(BaseLinkerError) {
        let fields = try FieldReader(json, context: "products[\"\(key)\"]")
        let id = try fields.entryID("product_id", mapKey: key, of: "product")
        productID = id
        stock = try fields.intMap("stock")
        reservations = try fields.intMap("reservations")
        var variants: [String: [String: Int]] = [:]
        for (variantKey, value) in try fields.map("variants") {
            let context = "product \(id): variants[\"\(variantKey)\"]"
            guard let levels = value.lenientObject else {
                throw FieldReader.error("\(context): expected an object, got \(value.excerpt)")
            }
            variants[variantKey] = try FieldReader.intMap(levels, context: context)
        }
        self.variants = variants
    }
}

/// Prices of one product from `getInventoryProductsPrices`.
public struct InventoryProductPrices: Sendable, Hashable {
    public var productID: Int
    /// Price group id → gross price.
    public var prices: [String: DecimalAmount]
    /// Variant id → price group id → gross price.
    public var variants: [String: [String: DecimalAmount]]

    public init(key: String, json: JSONValue) throws(BaseLinkerError) {
        let fields = try FieldReader(json, context: "products[\"\(key)\"]")
        let id = try fields.entryID("product_id", mapKey: key, of: "product")
        productID = id
        prices = try fields.decimalMap("prices")
        var variants: [String: [String: DecimalAmount]] = [:]
        for (variantKey, value) in try fields.map("variants") {
            let variant = FieldReader(
                object: ["prices": value], context: "product \(id): variants[\"\(variantKey)\"]")
            variants[variantKey] = try variant.decimalMap("prices")
        }
        self.variants = variants
    }
}
