import GRDB

/// Read access to the store within one consistent snapshot: the look-ups the rule hooks get
/// as `ctx.store`, and the listings the command line prints.
///
/// A reader (and a ``StoreTransaction``, which is one) is valid only inside the closure given
/// to ``Store/read(_:)`` or ``Store/write(_:)``. Look-ups by name, SKU and tax id normalise
/// what they are given, and return the lowest id first when several rows match.
public class StoreReader {
    let db: Database
    let context: StoreContext

    init(_ db: Database, _ context: StoreContext) {
        self.db = db
        self.context = context
    }

    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(db, sql: sql, arguments: arguments)
    }

    func row(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(db, sql: sql, arguments: arguments)
    }

    // MARK: Warehouses

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

    // MARK: Products

    public func product(id: Int64) throws -> Product? {
        try row("SELECT \(Product.columns) FROM products WHERE id = ?", [id]).map(Product.init(row:))
    }

    /// Products whose normalised name equals the normalised `name`, lowest id first.
    public func productsByName(_ name: String) throws -> [Product] {
        try rows(
            "SELECT \(Product.columns) FROM products WHERE name_normalized = ? ORDER BY id",
            [Normalize.name(name)]
        ).map(Product.init(row:))
    }

    /// The product with this SKU (trimmed, case-insensitive; lowest id if several), nil for an
    /// empty SKU.
    public func productBySKU(_ sku: String) throws -> Product? {
        let key = Normalize.sku(sku)
        guard !key.isEmpty else { return nil }
        return try row(
            "SELECT \(Product.columns) FROM products WHERE sku_normalized = ? ORDER BY id LIMIT 1", [key]
        ).map(Product.init(row:))
    }

    /// The product with this EAN (trimmed; lowest id if several), nil for an empty EAN.
    public func productByEAN(_ ean: String) throws -> Product? {
        let key = ean.trimmingSpaces
        guard !key.isEmpty else { return nil }
        return try row(
            "SELECT \(Product.columns) FROM products WHERE ean = ? ORDER BY id LIMIT 1", [key]
        ).map(Product.init(row:))
    }

    /// The product linked to a BaseLinker inventory product.
    public func productForBaseLinker(productId: Int64) throws -> Product? {
        try row("SELECT \(Product.columns) FROM products WHERE baselinker_product_id = ?", [productId])
            .map(Product.init(row:))
    }

    /// Every product, by id.
    public func products() throws -> [Product] {
        try rows("SELECT \(Product.columns) FROM products ORDER BY id").map(Product.init(row:))
    }

    /// Products created or changed after `revision`, oldest change first.
    public func products(changedAfterRevision revision: Int64) throws -> [Product] {
        try rows(
            "SELECT \(Product.columns) FROM products WHERE revision > ? ORDER BY revision", [revision]
        ).map(Product.init(row:))
    }

    /// The latest product revision: a cursor for ``products(changedAfterRevision:)``.
    public func productRevision() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM counters WHERE name = 'product_revision'") ?? 0
    }

    // MARK: Contractors

    public func contractor(id: Int64) throws -> Contractor? {
        try row("SELECT \(Contractor.columns) FROM contractors WHERE id = ?", [id]).map(Contractor.init(row:))
    }

    /// Contractors whose normalised name equals the normalised `name`, lowest id first.
    public func contractorsByName(_ name: String) throws -> [Contractor] {
        try rows(
            "SELECT \(Contractor.columns) FROM contractors WHERE name_normalized = ? ORDER BY id",
            [Normalize.name(name)]
        ).map(Contractor.init(row:))
    }

    /// The contractor with this normalised tax id (lowest id if several); nil for an empty one.
    public func contractorByTaxId(_ taxId: String) throws -> Contractor? {
        let key = Normalize.taxId(taxId)
        guard !key.isEmpty else { return nil }
        return try row(
            "SELECT \(Contractor.columns) FROM contractors WHERE tax_id_normalized = ? ORDER BY id LIMIT 1",
            [key]
        ).map(Contractor.init(row:))
    }

    /// Every contractor, by id.
    public func contractors() throws -> [Contractor] {
        try rows("SELECT \(Contractor.columns) FROM contractors ORDER BY id").map(Contractor.init(row:))
    }
}
