import GRDB

extension StoreReader {
    public func product(id: Int64) throws -> Product? {
        try fetchOne("SELECT * FROM products WHERE id = ?", [id])
    }

    /// Products whose normalised name equals the normalised `name`, lowest id first.
    public func productsByName(_ name: String) throws -> [Product] {
        try fetchAll("SELECT * FROM products WHERE name_normalized = ? ORDER BY id", [Normalize.name(name)])
    }

    /// The product with this SKU (trimmed, case-insensitive; lowest id if several), nil for an
    /// empty SKU.
    public func productBySKU(_ sku: String) throws -> Product? {
        let key = Normalize.sku(sku)
        guard !key.isEmpty else { return nil }
        return try fetchOne("SELECT * FROM products WHERE sku_normalized = ? ORDER BY id LIMIT 1", [key])
    }

    /// The product with this EAN (trimmed; lowest id if several), nil for an empty EAN.
    public func productByEAN(_ ean: String) throws -> Product? {
        let key = ean.trimmingSpaces
        guard !key.isEmpty else { return nil }
        return try fetchOne("SELECT * FROM products WHERE ean = ? ORDER BY id LIMIT 1", [key])
    }

    /// The product linked to a BaseLinker inventory product, or to one of its variants.
    public func productForBaseLinker(productId: Int64, variantId: Int64? = nil) throws -> Product? {
        try fetchOne(
            "SELECT * FROM products WHERE baselinker_product_id = ? AND baselinker_variant_id = ?", [productId, variantId ?? 0])
    }

    /// Every product linked to BaseLinker, by link.
    public func linkedProducts() throws -> [Product] {
        try Product.filter { $0.baselinkerProductId != nil }.order { $0.rowID }.fetchAll(db)
    }

    /// Every product, by id.
    public func products() throws -> [Product] {
        try Product.order { $0.rowID }.fetchAll(db)
    }

    /// Products created or changed after `revision`, oldest change first.
    public func products(changedAfterRevision revision: Int64) throws -> [Product] {
        try Product.filter { $0.revision > revision }.order { $0.revision }.fetchAll(db)
    }

    /// The latest product revision: a cursor for ``products(changedAfterRevision:)``.
    public func productRevision() throws -> Int64 {
        try fetchOne("SELECT value FROM counters WHERE name = 'product_revision'") ?? 0
    }
}
