import GRDB

/// One all-or-nothing write, given by ``Store/write(_:)``: everything done through it commits
/// together or not at all. It reads like a ``StoreReader`` and sees its own writes.
///
/// ```swift
/// let inserted = try store.write { tx in
///     let buyer = try tx.insertContractor(ContractorFields(name: "Zażółć sp. z o.o."))
///     let mug = try tx.insertProduct(ProductFields(name: "Kubek 300 ml", grossPrice: Money(minorUnits: 2999)))
///     let result = try tx.insertDocument(DocumentDraft(...))   // number, totals, lines, stock
///     try tx.enqueueOutbox(kind: .attachInvoice, payload: ..., documentId: result.document.id)
///     return result
/// }
/// ```
public final class StoreTransaction: StoreReader {
    // MARK: Warehouses

    /// Adds a warehouse. The first one becomes the default, as does one added with
    /// `isDefault: true` (the previous default stops being one). `id` sets the id explicitly.
    @discardableResult
    public func insertWarehouse(_ fields: WarehouseFields, isDefault: Bool = false, id: Int64? = nil) throws -> Warehouse {
        let fields = try fields.validated()
        try checkFree(id, table: "warehouses", what: "warehouse")
        try checkWarehouseLink(fields.baselinkerWarehouse, except: nil)
        let becomesDefault = try isDefault || defaultWarehouse() == nil
        if becomesDefault {
            try db.execute(sql: "UPDATE warehouses SET is_default = 0 WHERE is_default = 1")
        }
        try db.execute(
            sql: "INSERT INTO warehouses (id, name, country, is_default, baselinker_warehouse) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, fields.name, fields.country, becomesDefault, fields.baselinkerWarehouse])
        return Warehouse(id: db.lastInsertedRowID, fields: fields, isDefault: becomesDefault)
    }

    /// Replaces a warehouse's fields (name, country, BaseLinker link).
    @discardableResult
    public func updateWarehouse(id: Int64, _ fields: WarehouseFields) throws -> Warehouse {
        guard let existing = try warehouse(id: id) else { throw StoreError.notFound("warehouse", id: id) }
        let fields = try fields.validated()
        try checkWarehouseLink(fields.baselinkerWarehouse, except: id)
        try db.execute(
            sql: "UPDATE warehouses SET name = ?, country = ?, baselinker_warehouse = ? WHERE id = ?",
            arguments: [fields.name, fields.country, fields.baselinkerWarehouse, id])
        return Warehouse(id: id, fields: fields, isDefault: existing.isDefault)
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
        try db.execute(sql: "UPDATE warehouses SET is_default = 0 WHERE is_default = 1 AND id <> ?", arguments: [id])
        try db.execute(sql: "UPDATE warehouses SET is_default = 1 WHERE id = ?", arguments: [id])
    }

    private func checkWarehouseLink(_ link: String?, except id: Int64?) throws {
        guard let link, let holder = try warehouseForBaseLinker(link), holder.id != id else { return }
        throw StoreError(
            .duplicateLink,
            "BaseLinker warehouse \(link) is already linked to warehouse \(holder.id) ('\(holder.name)')")
    }

    // MARK: Products

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

    // MARK: Contractors

    /// Adds a contractor. `id` sets the id explicitly.
    @discardableResult
    public func insertContractor(_ fields: ContractorFields, id: Int64? = nil) throws -> Contractor {
        let fields = try fields.validated()
        try checkFree(id, table: "contractors", what: "contractor")
        try db.execute(
            sql: """
                INSERT INTO contractors (id, name, name_normalized, tax_id, tax_id_normalized, address, postcode,
                                         city, country, email, phone)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, fields.name, Normalize.name(fields.name), fields.taxId, Normalize.taxId(fields.taxId),
                fields.address, fields.postcode, fields.city, fields.country, fields.email, fields.phone,
            ])
        return Contractor(
            id: db.lastInsertedRowID, fields: fields, normalizedName: Normalize.name(fields.name),
            normalizedTaxId: Normalize.taxId(fields.taxId))
    }

    /// Replaces a contractor's fields. Documents keep the buyer as it was when issued.
    @discardableResult
    public func updateContractor(id: Int64, _ fields: ContractorFields) throws -> Contractor {
        guard try contractor(id: id) != nil else { throw StoreError.notFound("contractor", id: id) }
        let fields = try fields.validated()
        try db.execute(
            sql: """
                UPDATE contractors SET name = ?, name_normalized = ?, tax_id = ?, tax_id_normalized = ?, address = ?,
                       postcode = ?, city = ?, country = ?, email = ?, phone = ?
                WHERE id = ?
                """,
            arguments: [
                fields.name, Normalize.name(fields.name), fields.taxId, Normalize.taxId(fields.taxId),
                fields.address, fields.postcode, fields.city, fields.country, fields.email, fields.phone, id,
            ])
        return Contractor(
            id: id, fields: fields, normalizedName: Normalize.name(fields.name),
            normalizedTaxId: Normalize.taxId(fields.taxId))
    }

    private func checkFree(_ id: Int64?, table: String, what: String) throws {
        guard let id else { return }
        guard id > 0 else { throw StoreError.invalid("a \(what) id must be positive, not \(id)") }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)", arguments: [id]) == true {
            throw StoreError.invalid("a \(what) with id \(id) already exists")
        }
    }
}
