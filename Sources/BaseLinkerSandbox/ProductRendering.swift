import BaseLinkerModels

/// Products and variants as the inventory methods and `/sandbox/products/<id>` send them.
enum ProductJSON {
    /// `{"101": 49.99}`: price group id → gross price.
    static func prices(_ prices: [Int: Double]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (group, price) in prices { object[String(group)] = .double(price) }
        return phpMap(object)
    }

    /// `{"bl_1": 12}`: `bl_` warehouse → quantity.
    static func stock(_ stock: [Int: Int]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (warehouse, quantity) in stock { object["bl_\(warehouse)"] = .int(Int64(quantity)) }
        return phpMap(object)
    }

    static func locations(_ locations: [Int: String]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (warehouse, location) in locations { object["bl_\(warehouse)"] = .string(location) }
        return phpMap(object)
    }

    /// A product's entry of `getInventoryProductsData`, its variants keyed by variant id.
    static func data(_ product: SandboxProduct) -> JSONValue {
        var variants: [String: JSONValue] = [:]
        for variant in product.variants {
            variants[String(variant.id)] = .object([
                "name": .string(variant.name), "sku": .string(variant.sku), "ean": .string(variant.ean),
                "prices": prices(variant.prices), "stock": stock(variant.stock), "locations": locations(variant.locations),
            ])
        }
        return data(
            product, parentId: 0, name: product.name, sku: product.sku, ean: product.ean, prices: product.prices,
            stock: product.stock, locations: product.locations, variants: phpMap(variants))
    }

    /// A variant asked for by its own id: the product's shape with the variant's name, codes,
    /// prices and stock, and its parent's id.
    static func data(_ variant: SandboxVariant, of parent: SandboxProduct) -> JSONValue {
        data(
            parent, parentId: parent.id, name: variant.name, sku: variant.sku, ean: variant.ean,
            prices: variant.prices, stock: variant.stock, locations: variant.locations, variants: [])
    }

    private static func data(
        _ product: SandboxProduct, parentId: Int, name: String, sku: String, ean: String, prices: [Int: Double],
        stock: [Int: Int], locations: [Int: String], variants: JSONValue
    ) -> JSONValue {
        .object([
            "is_bundle": false, "parent_id": .int(Int64(parentId)), "sku": .string(sku), "ean": .string(ean),
            "ean_additional": [], "asin": "", "tags": .array(product.tags.map { .string($0) }),
            "tax_rate": .double(product.taxRate), "weight": .double(product.weight), "height": 0, "width": 0,
            "length": 0, "star": 0, "category_id": .int(Int64(product.categoryId)),
            "manufacturer_id": .int(Int64(product.manufacturerId)), "prices": self.prices(prices),
            "stock": self.stock(stock), "locations": self.locations(locations),
            "text_fields": .object([
                "name": .string(name), "description": .string(product.description), "features": [],
            ]),
            "average_cost": 0, "average_landed_cost": 0, "images": [], "links": [], "variants": variants,
        ])
    }
}

extension SandboxInventoryItem {
    /// What `GET /sandbox/products/<id>` sends: plain objects, never PHP's `[]`.
    var json: JSONValue {
        var prices: [String: JSONValue] = [:]
        for (group, price) in self.prices { prices[String(group)] = .double(price) }
        var stock: [String: JSONValue] = [:]
        for (warehouse, quantity) in self.stock { stock["bl_\(warehouse)"] = .int(Int64(quantity)) }
        return .object([
            "id": .int(Int64(id)), "parent_id": .int(Int64(parentId)), "sku": .string(sku), "ean": .string(ean),
            "name": .string(name), "tax_rate": .double(taxRate), "prices": .object(prices), "stock": .object(stock),
            "variants": .array(variantIds.map { .int(Int64($0)) }),
        ])
    }
}

/// PHP sends an empty associative array as `[]`.
func phpMap(_ object: [String: JSONValue]) -> JSONValue {
    object.isEmpty ? .array([]) : .object(object)
}
