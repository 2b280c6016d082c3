/// A catalog from `getInventories`.
public struct Inventory: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var description: String
    public var languages: [String]
    public var defaultLanguage: String
    public var priceGroups: [Int]
    public var defaultPriceGroup: Int?
    /// Warehouse keys such as `"bl_205"`, `"shop_2334"`, `"warehouse_4556"`.
    public var warehouses: [String]
    public var defaultWarehouse: String
    public var reservations: Bool
    public var isDefault: Bool

    public init(json: JSONValue) throws(BaseLinkerError) {
        let fields: FieldReader
        (id, fields) = try FieldReader.record(json, "inventory", id: "inventory_id")
        name = try fields.string("name")
        description = try fields.string("description")
        languages = try fields.strings("languages")
        defaultLanguage = try fields.string("default_language")
        priceGroups = try fields.ints("price_groups")
        defaultPriceGroup = try fields.int("default_price_group")
        warehouses = try fields.strings("warehouses")
        defaultWarehouse = try fields.string("default_warehouse")
        reservations = try fields.flag("reservations")
        isDefault = try fields.flag("is_default")
    }
}

/// A warehouse from `getInventoryWarehouses`: BaseLinker's own (`bl`) or one kept
/// automatically for a shop or wholesaler (read-only stock).
public struct InventoryWarehouse: Sendable, Hashable {
    /// `"bl"`, `"shop"` or `"warehouse"`.
    public var type: String
    public var id: Int
    public var name: String
    public var description: String
    /// `false`: stock can be edited only through the API.
    public var stockEdition: Bool
    public var isDefault: Bool

    /// The key inventories and stock maps use: `"bl_205"`.
    public var key: String { "\(type)_\(id)" }

    public init(json: JSONValue) throws(BaseLinkerError) {
        var fields = try FieldReader(json, context: "warehouse")
        id = try fields.requiredInt("warehouse_id")
        type = try fields.string("warehouse_type")
        fields = FieldReader(object: fields.object, context: "warehouse \(type)_\(id)")
        name = try fields.string("name")
        description = try fields.string("description")
        stockEdition = try fields.flag("stock_edition")
        isDefault = try fields.flag("is_default")
    }
}

/// The answer of `updateInventoryProductsStock` (summed over batches).
public struct StockUpdateResult: Sendable, Hashable {
    /// How many products BaseLinker updated.
    public var counter: Int
    /// Product id → BaseLinker's message, for the products it did not update.
    public var warnings: [String: String]

    public init(counter: Int = 0, warnings: [String: String] = [:]) {
        self.counter = counter
        self.warnings = warnings
    }

    package init(response: JSONValue) throws(BaseLinkerError) {
        let fields = try FieldReader(response, context: "response")
        counter = try fields.int("counter") ?? 0
        if case .string(let text)? = fields.object["warnings"], !text.isEmpty {
            warnings = ["": text]
        } else {
            warnings = try fields.stringMap("warnings")
        }
    }
}
