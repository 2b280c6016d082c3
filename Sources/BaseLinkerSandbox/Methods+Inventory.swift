import BaseLinkerModels

/// Inventories, warehouses, price groups and reading products.
extension SandboxAccount {
    static let pageSize = 1000

    func getInventories() -> [String: JSONValue] {
        ["inventories": .array(state.inventories.map { inventory in
            .object([
                "inventory_id": .int(Int64(inventory.id)), "name": .string(inventory.name),
                "description": .string(inventory.description), "languages": .array(inventory.languages.map { .string($0) }),
                "default_language": .string(inventory.defaultLanguage),
                "price_groups": .array(inventory.priceGroups.map { .int(Int64($0)) }),
                "default_price_group": .int(Int64(inventory.defaultPriceGroup)),
                "warehouses": .array(inventory.warehouses.map { .string($0) }),
                "default_warehouse": .string(inventory.defaultWarehouse),
                "reservations": .bool(inventory.reservations), "is_default": .bool(inventory.isDefault),
            ])
        })]
    }

    func getInventoryWarehouses() -> [String: JSONValue] {
        ["warehouses": .array(state.warehouses.map { warehouse in
            .object([
                "warehouse_type": .string(warehouse.type), "warehouse_id": .int(Int64(warehouse.id)),
                "name": .string(warehouse.name), "description": .string(warehouse.description),
                "stock_edition": .bool(warehouse.stockEdition), "is_default": .bool(warehouse.isDefault),
            ])
        })]
    }

    /// Creates a `bl_` warehouse (added to the inventory), or updates one when `warehouse_id` is
    /// given. Warehouses kept for shops cannot be edited.
    func addInventoryWarehouse(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let name = try p.optionalString("name")
        let description = try p.optionalString("description")
        let stockEdition = p.has("stock_edition") ? try p.bool("stock_edition", default: true) : nil
        if let id = try p.optionalInt("warehouse_id"), id != 0 {
            guard let index = state.warehouses.firstIndex(where: { $0.type == "bl" && $0.id == id }) else {
                throw .warehouseNotFound("bl_\(id)")
            }
            if let name {
                guard !name.isEmpty else { throw .badParameters("Parameter 'name' must not be empty") }
                state.warehouses[index].name = name
            }
            if let description { state.warehouses[index].description = description }
            if let stockEdition { state.warehouses[index].stockEdition = stockEdition }
            return ["warehouse_id": .int(Int64(id))]
        }
        guard let name, !name.isEmpty else { throw .badParameters("Missing required parameter 'name'") }
        let warehouse = SandboxWarehouse(
            id: state.nextWarehouseId, name: name, description: description ?? "", stockEdition: stockEdition ?? true,
            country: "")
        state.nextWarehouseId += 1
        state.warehouses.append(warehouse)
        for index in state.inventories.indices { state.inventories[index].warehouses.append(warehouse.key) }
        return ["warehouse_id": .int(Int64(warehouse.id))]
    }

    func getInventoryPriceGroups() -> [String: JSONValue] {
        ["price_groups": .array(state.priceGroups.map { group in
            .object([
                "price_group_id": .int(Int64(group.id)), "name": .string(group.name),
                "description": .string(group.description), "currency": .string(group.currency),
                "is_default": .bool(group.isDefault),
            ])
        })]
    }

    func requireInventory(_ p: Parameters) throws(SandboxAPIError) -> SandboxInventory {
        let id = try p.int("inventory_id")
        guard let inventory = state.inventories.first(where: { $0.id == id }) else { throw .inventoryNotFound(id) }
        return inventory
    }

    /// Pages start at 1; a page past the end is empty.
    func page(_ p: Parameters) throws(SandboxAPIError) -> Int {
        let page = try p.optionalInt("page") ?? 1
        guard page >= 1 else { throw .badParameters("Parameter 'page' must be 1 or more, got \(page)") }
        return page
    }

    func pageOf<T>(_ items: [T], _ page: Int) -> ArraySlice<T> {
        let start = (page - 1) * Self.pageSize
        guard start < items.count else { return [] }
        return items[start..<min(start + Self.pageSize, items.count)]
    }

    func getInventoryProductsList(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let inventory = try requireInventory(p)
        let page = try page(p)
        let id = try p.optionalInt("filter_id")
        let category = try p.optionalInt("filter_category_id")
        let sku = try p.optionalString("filter_sku")?.lowercased()
        let ean = try p.optionalString("filter_ean")
        let name = try p.optionalString("filter_name")?.lowercased()
        let priceFrom = try p.optionalDouble("filter_price_from")
        let priceTo = try p.optionalDouble("filter_price_to")
        let stockFrom = try p.optionalInt("filter_stock_from")
        let stockTo = try p.optionalInt("filter_stock_to")
        let sort = (try p.optionalString("filter_sort") ?? "id ASC").uppercased()
        guard ["ID ASC", "ID DESC", "ID", ""].contains(sort) else {
            throw .badParameters("Parameter 'filter_sort' must be 'id ASC' or 'id DESC', got '\(sort)'")
        }
        var products = state.sortedProducts.filter { product in
            let price = product.prices[inventory.defaultPriceGroup] ?? 0
            let stock = product.stock.values.reduce(0, +)
            return (id == nil || product.id == id) && (category == nil || product.categoryId == category)
                && (sku == nil || sku == "" || product.sku.lowercased() == sku)
                && (ean == nil || ean == "" || product.ean == ean)
                && (name == nil || name == "" || product.name.lowercased().contains(name ?? ""))
                && price >= (priceFrom ?? -.infinity) && price <= (priceTo ?? .infinity)
                && stock >= (stockFrom ?? .min) && stock <= (stockTo ?? .max)
        }
        if sort == "ID DESC" { products.reverse() }
        var result: [String: JSONValue] = [:]
        for product in pageOf(products, page) {
            result[String(product.id)] = .object([
                "id": .int(Int64(product.id)), "sku": .string(product.sku), "ean": .string(product.ean), "asin": "",
                "name": .string(product.name), "prices": pricesJSON(product), "stock": stockJSON(product),
            ])
        }
        return ["products": phpMap(result)]
    }

    /// Full data of the products asked for; unknown ids are left out.
    func getInventoryProductsData(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        _ = try requireInventory(p)
        var result: [String: JSONValue] = [:]
        for value in try p.array("products") {
            let id = try Parameters.int(value, "products")
            guard let product = state.products[id] else { continue }
            var locations: [String: JSONValue] = [:]
            for (warehouse, location) in product.locations { locations["bl_\(warehouse)"] = .string(location) }
            result[String(id)] = .object([
                "is_bundle": false, "sku": .string(product.sku), "ean": .string(product.ean), "ean_additional": [],
                "asin": "", "tags": .array(product.tags.map { .string($0) }), "tax_rate": .double(product.taxRate),
                "weight": .double(product.weight), "height": 0, "width": 0, "length": 0, "star": 0,
                "category_id": .int(Int64(product.categoryId)), "manufacturer_id": .int(Int64(product.manufacturerId)),
                "prices": pricesJSON(product), "stock": stockJSON(product), "locations": phpMap(locations),
                "text_fields": .object([
                    "name": .string(product.name), "description": .string(product.description), "features": [],
                ]),
                "average_cost": 0, "average_landed_cost": 0, "images": [], "links": [], "variants": [],
            ])
        }
        return ["products": phpMap(result)]
    }

    func pricesJSON(_ product: SandboxProduct) -> JSONValue {
        var prices: [String: JSONValue] = [:]
        for (group, price) in product.prices { prices[String(group)] = .double(price) }
        return phpMap(prices)
    }

    func stockJSON(_ product: SandboxProduct) -> JSONValue {
        var stock: [String: JSONValue] = [:]
        for (warehouse, quantity) in product.stock { stock["bl_\(warehouse)"] = .int(Int64(quantity)) }
        return phpMap(stock)
    }
}

/// PHP sends an empty associative array as `[]`.
func phpMap(_ object: [String: JSONValue]) -> JSONValue {
    object.isEmpty ? .array([]) : .object(object)
}
