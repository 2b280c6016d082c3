import GRDB

extension StoreReader {
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
}
