import GRDB

extension StoreReader {
    public func warehouse(id: Int64) throws -> Warehouse? {
        try fetchOne("SELECT * FROM warehouses WHERE id = ?", [id])
    }

    /// The warehouse linked to a BaseLinker warehouse, `"bl_1"` (or another spelling of it, `"BL_01"`).
    public func warehouseForBaseLinker(_ link: String) throws -> Warehouse? {
        guard let link = BaseLinkerWarehouseLink.canonical(link) else { return nil }
        return try fetchOne("SELECT * FROM warehouses WHERE baselinker_warehouse = ?", [link])
    }

    /// The default warehouse; nil only when there are no warehouses.
    public func defaultWarehouse() throws -> Warehouse? {
        try fetchOne("SELECT * FROM warehouses WHERE is_default = 1")
    }

    /// Every warehouse, by id. (A look-up the rules may call for every order, unlike the other
    /// listings: its statement is kept.)
    public func warehouses() throws -> [Warehouse] {
        try fetchAll("SELECT * FROM warehouses ORDER BY id")
    }
}
