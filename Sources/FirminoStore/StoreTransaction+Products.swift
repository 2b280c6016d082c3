import GRDB

extension StoreTransaction {
    /// Adds a product card with a new revision. `id` sets the id explicitly.
    @discardableResult
    public func insertProduct(_ fields: ProductFields, id: Int64? = nil) throws -> Product {
        let fields = try fields.validated()
        try checkFree(id, table: "products", what: "product")
        try checkProductLink(fields, except: nil)
        var product = Product(fields, id: id, revision: try nextProductRevision(), updatedAt: context.now())
        try insert(&product)
        return product
    }

    /// Replaces a product's fields. The revision rises only when something changed.
    @discardableResult
    public func updateProduct(id: Int64, _ fields: ProductFields) throws -> Product {
        guard var product = try product(id: id) else { throw StoreError.notFound("product", id: id) }
        let fields = try fields.validated()
        guard fields != product.fields else { return product }
        try checkProductLink(fields, except: id)
        product.fields = fields
        product.revision = try nextProductRevision()
        product.updatedAt = context.now()
        try product.update(db)
        return product
    }

    /// Links a product to a BaseLinker inventory product (and variant), or unlinks it with nil.
    @discardableResult
    public func linkProduct(id: Int64, baselinkerProductId: Int64?, variantId: Int64? = nil) throws -> Product {
        guard var fields = try product(id: id)?.fields else { throw StoreError.notFound("product", id: id) }
        fields.baselinkerProductId = baselinkerProductId
        fields.baselinkerVariantId = baselinkerProductId == nil ? nil : variantId
        return try updateProduct(id: id, fields)
    }

    /// Keeps what the products sync pulled of the linked BaseLinker product. Not a change of the
    /// card: the revision stays.
    public func setBaseLinkerFingerprint(productId: Int64, _ fingerprint: String?) throws {
        try execute("UPDATE products SET baselinker_fingerprint = ? WHERE id = ?", [fingerprint, productId])
    }

    private func checkProductLink(_ fields: ProductFields, except id: Int64?) throws {
        guard let link = fields.baselinkerProductId,
              let holder = try productForBaseLinker(productId: link, variantId: fields.baselinkerVariantId), holder.id != id
        else { return }
        let what = fields.baselinkerVariantId.map { "variant \($0) of BaseLinker product \(link)" } ?? "BaseLinker product \(link)"
        throw StoreError(.duplicateLink, "\(what) is already linked to product \(holder.id) ('\(holder.name)')")
    }

    /// Raises the store-wide product revision and returns it: one statement, so the counter
    /// needs no record.
    private func nextProductRevision() throws -> Int64 {
        guard let revision: Int64 = try fetchOne(
            "UPDATE counters SET value = value + 1 WHERE name = 'product_revision' RETURNING value")
        else { throw StoreError(.database, "the store has lost its product revision counter") }
        return revision
    }
}
