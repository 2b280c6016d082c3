import GRDB

extension StoreTransaction {
    /// Adds a product card with a new revision. `id` sets the id explicitly.
    @discardableResult
    public func insertProduct(_ fields: ProductFields, id: Int64? = nil) throws -> Product {
        let fields = try fields.validated()
        try checkFree(id, table: "products", what: "product")
        try checkProductLink(fields.baselinkerProductId, except: nil)
        let revision = try nextProductRevision()
        let now = context.now()
        try db.execute(
            sql: """
                INSERT INTO products (id, name, name_normalized, sku, sku_normalized, ean, unit, vat_rate,
                                      price_gross, baselinker_product_id, revision, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, fields.name, Normalize.name(fields.name), fields.sku, fields.sku.map(Normalize.sku),
                fields.ean, fields.unit, fields.vatRate.name, fields.grossPrice.minorUnits,
                fields.baselinkerProductId, revision, now,
            ])
        return Product(
            id: db.lastInsertedRowID, fields: fields, normalizedName: Normalize.name(fields.name),
            revision: revision, updatedAt: now)
    }

    /// Replaces a product's fields. The revision rises only when something changed.
    @discardableResult
    public func updateProduct(id: Int64, _ fields: ProductFields) throws -> Product {
        guard let existing = try product(id: id) else { throw StoreError.notFound("product", id: id) }
        let fields = try fields.validated()
        guard fields != existing.fields else { return existing }
        try checkProductLink(fields.baselinkerProductId, except: id)
        let revision = try nextProductRevision()
        let now = context.now()
        try db.execute(
            sql: """
                UPDATE products SET name = ?, name_normalized = ?, sku = ?, sku_normalized = ?, ean = ?, unit = ?,
                       vat_rate = ?, price_gross = ?, baselinker_product_id = ?, revision = ?, updated_at = ?
                WHERE id = ?
                """,
            arguments: [
                fields.name, Normalize.name(fields.name), fields.sku, fields.sku.map(Normalize.sku), fields.ean,
                fields.unit, fields.vatRate.name, fields.grossPrice.minorUnits, fields.baselinkerProductId,
                revision, now, id,
            ])
        return Product(
            id: id, fields: fields, normalizedName: Normalize.name(fields.name), revision: revision, updatedAt: now)
    }

    /// Links a product to a BaseLinker inventory product, or unlinks it with nil.
    @discardableResult
    public func linkProduct(id: Int64, baselinkerProductId: Int64?) throws -> Product {
        guard var fields = try product(id: id)?.fields else { throw StoreError.notFound("product", id: id) }
        fields.baselinkerProductId = baselinkerProductId
        return try updateProduct(id: id, fields)
    }

    private func checkProductLink(_ link: Int64?, except id: Int64?) throws {
        guard let link, let holder = try productForBaseLinker(productId: link), holder.id != id else { return }
        throw StoreError(
            .duplicateLink,
            "BaseLinker product \(link) is already linked to product \(holder.id) ('\(holder.name)')")
    }

    private func nextProductRevision() throws -> Int64 {
        try Int64.fetchOne(
            db, sql: "UPDATE counters SET value = value + 1 WHERE name = 'product_revision' RETURNING value")!
    }
}
