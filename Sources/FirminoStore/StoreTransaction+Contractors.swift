import GRDB

extension StoreTransaction {
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
}
