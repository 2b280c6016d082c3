public import BaseLinkerModels
/// A product to add with `addInventoryProduct`, or the changes to one (with ``productID``).
/// Unset fields are not sent; ``extra`` carries any other input field as is.
public struct InventoryProductDraft: Sendable, Hashable {
    public var inventoryID: Int
    /// The product to update; `nil` adds a new one.
    public var productID: Int?
    /// The parent product, when this is a variant.
    public var parentID: Int?
    public var sku: String?
    public var ean: String?
    /// `text_fields.name`.
    public var name: String?
    /// `text_fields.description`.
    public var description: String?
    /// 0–100, or -1 (exempt), -0.02 (not taxable), -0.03 (reverse charge).
    public var taxRate: DecimalAmount?
    public var weight: DecimalAmount?
    /// Price group id → gross price.
    public var prices: [Int: DecimalAmount]
    /// Warehouse key (`"bl_1"`, only BaseLinker's own warehouses) → quantity.
    public var stock: [String: Int]
    /// Other input fields (`tags`, `images`, `category_id`, …); they win over the fields above.
    public var extra: [String: JSONValue]

    public init(
        inventoryID: Int, productID: Int? = nil, parentID: Int? = nil, sku: String? = nil,
        ean: String? = nil, name: String? = nil, description: String? = nil,
        taxRate: DecimalAmount? = nil, weight: DecimalAmount? = nil,
        prices: [Int: DecimalAmount] = [:], stock: [String: Int] = [:],
        extra: [String: JSONValue] = [:]
    ) {
        self.inventoryID = inventoryID
        self.productID = productID
        self.parentID = parentID
        self.sku = sku
        self.ean = ean
        self.name = name
        self.description = description
        self.taxRate = taxRate
        self.weight = weight
        self.prices = prices
        self.stock = stock
        self.extra = extra
    }

    var parameters: JSONValue {
        var object: [String: JSONValue] = ["inventory_id": JSONValue(inventoryID)]
        object["product_id"] = productID.map(JSONValue.init)
        object["parent_id"] = parentID.map(JSONValue.init)
        object["sku"] = sku.map(JSONValue.string)
        object["ean"] = ean.map(JSONValue.string)
        object["tax_rate"] = taxRate?.json
        object["weight"] = weight?.json
        var textFields: [String: JSONValue] = [:]
        textFields["name"] = name.map(JSONValue.string)
        textFields["description"] = description.map(JSONValue.string)
        if !textFields.isEmpty { object["text_fields"] = .object(textFields) }
        if !prices.isEmpty {
            object["prices"] = .object(Dictionary(uniqueKeysWithValues: prices.map { (String($0.key), $0.value.json) }))
        }
        if !stock.isEmpty { object["stock"] = .object(stock.mapValues(JSONValue.init)) }
        object.merge(extra) { _, given in given }
        return .object(object)
    }
}

/// The answer of `addInventoryProduct`.
public struct AddedInventoryProduct: Sendable, Hashable {
    public var productID: Int
    /// Field or product → BaseLinker's message, for what it did not accept.
    public var warnings: [String: String]

    public init(productID: Int, warnings: [String: String] = [:]) {
        self.productID = productID
        self.warnings = warnings
    }
}

extension BaseLinkerClient {
    /// Adds a product to an inventory (or updates the one with `draft.productID`) and returns
    /// its id.
    public func addInventoryProduct(_ draft: InventoryProductDraft) async throws -> AddedInventoryProduct {
        try await call("addInventoryProduct", parameters: draft.parameters) { answer throws(BaseLinkerError) in
            let fields = try FieldReader(answer, context: "response")
            var warnings: [String: String] = [:]
            if case .string(let text)? = fields.object["warnings"] {
                if !text.isEmpty { warnings[""] = text }
            } else {
                for (key, value) in try fields.map("warnings") {
                    warnings[key] = value.lenientString ?? value.excerpt
                }
            }
            return AddedInventoryProduct(productID: try fields.requiredInt("product_id"), warnings: warnings)
        }
    }
}

extension DecimalAmount {
    /// The amount as a JSON number: an integer when the text is one, else a double.
    var json: JSONValue {
        if let int = Int64(text) { return .int(int) }
        return .double(doubleValue)
    }
}
