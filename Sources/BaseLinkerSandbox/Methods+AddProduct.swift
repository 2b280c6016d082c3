import BaseLinkerModels

/// Adding, changing and deleting products and variants.
extension SandboxAccount {
    /// Creates a product; with `parent_id`, a variant of that product; with `product_id`,
    /// changes that product or variant (only the fields given). An unknown `product_id` or
    /// `parent_id` is an error. Prices in a price group the inventory lacks and stock in
    /// anything but an existing `bl_` warehouse are left out with a warning, as are fields a
    /// variant takes from its product (VAT rate, weight, description, …). `warnings` is an object
    /// keyed by field (`prices.104`, `stock.shop_1201`), `[]` when empty.
    func addInventoryProduct(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let inventory = try requireInventory(p)
        let text = Parameters(try p.optionalObject("text_fields") ?? [:])
        let productId = try p.optionalInt("product_id") ?? 0
        let parentId = try p.optionalInt("parent_id") ?? 0
        var warnings: [String: JSONValue] = [:]
        let id: Int
        if productId != 0, var product = state.products[productId] {
            if parentId != 0 { warnings["parent_id"] = "A product cannot become a variant; parent_id was left out" }
            try applyProductFields(p, text, to: &product)
            try applyOwnFields(p, text, to: &product, inventory: inventory, warnings: &warnings)
            state.put(product)
            id = productId
        } else if productId != 0, let found = state.variant(productId) {
            if parentId != 0, parentId != found.parent.id {
                warnings["parent_id"] = .string("A variant stays with its product \(found.parent.id); parent_id was left out")
            }
            var variant = found.variant
            try applyOwnFields(p, text, to: &variant, inventory: inventory, warnings: &warnings)
            warnAboutProductFields(p, text, &warnings)
            state.changeVariant(productId) { $0 = variant }
            id = productId
        } else if productId != 0 {
            throw .productNotFound(productId)
        } else if parentId != 0 {
            guard var parent = state.products[parentId] else {
                if let found = state.variant(parentId) {
                    throw .badParameters(
                        "Product \(parentId) is a variant of \(found.parent.id); a variant cannot have variants")
                }
                throw .productNotFound(parentId)
            }
            var variant = SandboxVariant(name: try requiredName(text))
            try applyOwnFields(p, text, to: &variant, inventory: inventory, warnings: &warnings)
            warnAboutProductFields(p, text, &warnings)
            variant.id = state.takeProductId()
            parent.variants.append(variant)
            state.put(parent)
            id = variant.id
        } else {
            var product = SandboxProduct(name: try requiredName(text), taxRate: 23)
            try applyProductFields(p, text, to: &product)
            try applyOwnFields(p, text, to: &product, inventory: inventory, warnings: &warnings)
            product.id = state.takeProductId()
            state.put(product)
            id = product.id
        }
        return ["product_id": .int(Int64(id)), "warnings": phpMap(warnings)]
    }

    /// Removes a product with its variants, or one variant.
    func deleteInventoryProduct(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let id = try p.int("product_id")
        guard state.removeProduct(id) else { throw .productNotFound(id) }
        return [:]
    }

    private func requiredName(_ text: Parameters) throws(SandboxAPIError) -> String {
        guard let name = try text.optionalString("name"), !name.isEmpty else {
            throw .badParameters("Missing required parameter 'text_fields.name'")
        }
        return name
    }

    /// What products and variants both have of their own: name, SKU, EAN, prices, stock.
    private func applyOwnFields(
        _ p: Parameters, _ text: Parameters, to item: inout some InventoryEntry, inventory: SandboxInventory,
        warnings: inout [String: JSONValue]
    ) throws(SandboxAPIError) {
        if let sku = try p.optionalString("sku") { item.sku = sku }
        if let ean = try p.optionalString("ean") { item.ean = ean }
        if let name = try text.optionalString("name"), !name.isEmpty { item.name = name }
        for (key, value) in (try p.optionalObject("prices") ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let group = Int(key), inventory.priceGroups.contains(group) else {
                warnings["prices.\(key)"] = .string("Price group \(key) not found")
                continue
            }
            item.prices[group] = try Parameters.double(value, "prices.\(key)")
        }
        for (key, value) in (try p.optionalObject("stock") ?? [:]).sorted(by: { $0.key < $1.key }) {
            switch stockLevel(key, value) {
            case .failure(let problem): warnings["stock.\(key)"] = .string(problem.message)
            case .success(let (warehouse, quantity)): item.stock[warehouse] = quantity
            }
        }
    }

    /// What only a product has; a variant takes it from its product.
    private func applyProductFields(_ p: Parameters, _ text: Parameters, to product: inout SandboxProduct) throws(SandboxAPIError) {
        if let rate = try p.optionalDouble("tax_rate") {
            guard (0...100).contains(rate) || [-1, -0.02, -0.03].contains(rate) else {
                throw .badParameters("Parameter 'tax_rate' must be 0-100, -1, -0.02 or -0.03, got \(Money.text(rate))")
            }
            product.taxRate = rate
        }
        if let weight = try p.optionalDouble("weight") { product.weight = weight }
        if let category = try p.optionalInt("category_id") { product.categoryId = category }
        if let manufacturer = try p.optionalInt("manufacturer_id") { product.manufacturerId = manufacturer }
        if p.has("tags") { product.tags = try p.array("tags").compactMap(\.stringValue) }
        if let description = try text.optionalString("description") { product.description = description }
    }

    private func warnAboutProductFields(_ p: Parameters, _ text: Parameters, _ warnings: inout [String: JSONValue]) {
        for key in ["tax_rate", "weight", "category_id", "manufacturer_id", "tags"] where p.has(key) {
            warnings[key] = .string("A variant takes \(key) from its product; it was left out")
        }
        if text.has("description") {
            warnings["text_fields.description"] = .string("A variant takes its description from its product; it was left out")
        }
    }
}

/// A product or a variant: what both have of their own.
protocol InventoryEntry {
    var name: String { get set }
    var sku: String { get set }
    var ean: String { get set }
    var prices: [Int: Double] { get set }
    var stock: [Int: Int] { get set }
}

extension SandboxProduct: InventoryEntry {}
extension SandboxVariant: InventoryEntry {}
