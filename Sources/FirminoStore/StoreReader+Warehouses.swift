import GRDB

extension StoreReader {
    public func warehouse(id: Int64) throws -> Warehouse? {
        try row("SELECT \(Warehouse.columns) FROM warehouses WHERE id = ?", [id]).map(Warehouse.init(row:))
    }

    /// The warehouse linked to a BaseLinker warehouse, `"bl_1"` (or another spelling of it, `"BL_01"`).
    public func warehouseForBaseLinker(_ link: String) throws -> Warehouse? {
        guard let link = BaseLinkerWarehouseLink.canonical(link) else { return nil }
        return try row("SELECT \(Warehouse.columns) FROM warehouses WHERE baselinker_warehouse = ?", [link])
            .map(Warehouse.init(row:))
    }

    /// The default warehouse; nil only when there are no warehouses.
    public func defaultWarehouse() throws -> Warehouse? {
        try row("SELECT \(Warehouse.columns) FROM warehouses WHERE is_default = 1").map(Warehouse.init(row:))
    }

    /// Every warehouse, by id.
    public func warehouses() throws -> [Warehouse] {
        try rows("SELECT \(Warehouse.columns) FROM warehouses ORDER BY id").map(Warehouse.init(row:))
    }
}
