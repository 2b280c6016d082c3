import GRDB

extension StoreTransaction {
    /// Adds a warehouse. The first one becomes the default, as does one added with
    /// `isDefault: true` (the previous default stops being one). `id` sets the id explicitly.
    @discardableResult
    public func insertWarehouse(_ fields: WarehouseFields, isDefault: Bool = false, id: Int64? = nil) throws -> Warehouse {
        let fields = try fields.validated()
        try checkFree(id, table: "warehouses", what: "warehouse")
        try checkWarehouseLink(fields.baselinkerWarehouse, except: nil)
        let becomesDefault = try isDefault || defaultWarehouse() == nil
        if becomesDefault {
            try Warehouse.filter { $0.isDefault }.updateAll(db) { $0.isDefault.set(to: false) }
        }
        var warehouse = Warehouse(fields, isDefault: becomesDefault, id: id)
        try warehouse.insert(db)
        return warehouse
    }

    /// Replaces a warehouse's fields (name, country, BaseLinker link).
    @discardableResult
    public func updateWarehouse(id: Int64, _ fields: WarehouseFields) throws -> Warehouse {
        guard var warehouse = try warehouse(id: id) else { throw StoreError.notFound("warehouse", id: id) }
        let fields = try fields.validated()
        try checkWarehouseLink(fields.baselinkerWarehouse, except: id)
        warehouse.fields = fields
        try warehouse.update(db)
        return warehouse
    }

    /// Links a warehouse to a BaseLinker warehouse (`"bl_2"`), or unlinks it with nil.
    @discardableResult
    public func linkWarehouse(id: Int64, baselinker link: String?) throws -> Warehouse {
        guard var fields = try warehouse(id: id)?.fields else { throw StoreError.notFound("warehouse", id: id) }
        fields.baselinkerWarehouse = link
        return try updateWarehouse(id: id, fields)
    }

    /// Makes a warehouse the default one.
    public func setDefaultWarehouse(id: Int64) throws {
        guard try warehouse(id: id) != nil else { throw StoreError.notFound("warehouse", id: id) }
        try Warehouse.filter { $0.isDefault && $0.rowID != id }.updateAll(db) { $0.isDefault.set(to: false) }
        try Warehouse.filter { $0.rowID == id }.updateAll(db) { $0.isDefault.set(to: true) }
    }

    private func checkWarehouseLink(_ link: String?, except id: Int64?) throws {
        guard let link, let holder = try warehouseForBaseLinker(link), holder.id != id else { return }
        throw StoreError(
            .duplicateLink,
            "BaseLinker warehouse \(link) is already linked to warehouse \(holder.id) ('\(holder.name)')")
    }
}
