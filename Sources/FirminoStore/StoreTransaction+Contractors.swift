import GRDB

extension StoreTransaction {
    /// Adds a contractor. `id` sets the id explicitly.
    @discardableResult
    public func insertContractor(_ fields: ContractorFields, id: Int64? = nil) throws -> Contractor {
        let fields = try fields.validated()
        try checkFree(id, table: "contractors", what: "contractor")
        var contractor = Contractor(fields, id: id)
        try insert(&contractor)
        return contractor
    }

    /// Replaces a contractor's fields. Documents keep the buyer as it was when issued.
    @discardableResult
    public func updateContractor(id: Int64, _ fields: ContractorFields) throws -> Contractor {
        guard var contractor = try contractor(id: id) else { throw StoreError.notFound("contractor", id: id) }
        contractor.fields = try fields.validated()
        try contractor.update(db)
        return contractor
    }
}
