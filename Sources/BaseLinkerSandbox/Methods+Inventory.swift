import BaseLinkerModels

/// Inventories, warehouses, price groups, and the paging the product methods share.
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
}
