import GRDB

extension StoreReader {
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
