import GRDB

extension StoreReader {
    public func contractor(id: Int64) throws -> Contractor? {
        try fetchOne("SELECT * FROM contractors WHERE id = ?", [id])
    }

    /// Contractors whose normalised name equals the normalised `name`, lowest id first.
    public func contractorsByName(_ name: String) throws -> [Contractor] {
        try fetchAll("SELECT * FROM contractors WHERE name_normalized = ? ORDER BY id", [Normalize.name(name)])
    }

    /// The contractor with this normalised tax id (lowest id if several); nil for an empty one.
    public func contractorByTaxId(_ taxId: String) throws -> Contractor? {
        let key = Normalize.taxId(taxId)
        guard !key.isEmpty else { return nil }
        return try fetchOne("SELECT * FROM contractors WHERE tax_id_normalized = ? ORDER BY id LIMIT 1", [key])
    }

    /// Every contractor, by id.
    public func contractors() throws -> [Contractor] {
        try Contractor.order { $0.rowID }.fetchAll(db)
    }
}
