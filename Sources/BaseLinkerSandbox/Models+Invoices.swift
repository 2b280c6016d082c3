/// A numbering series (`getSeries`): `INVOICE`, `RECEIPT` or `CORRECTION`.
public struct SandboxSeries: Sendable, Hashable {
    public var id: Int
    public var type: String
    public var name: String
    /// BaseLinker's pattern: `%N` the number in the month, `%M` the month, `%Y` the year.
    public var format: String
}

/// An invoice BaseLinker issued for an order (`addInvoice`), with the file attached to it.
public struct SandboxInvoice: Sendable, Hashable {
    public var id: Int
    public var orderId: Int
    public var seriesId: Int
    public var number: String
    public var subId: Int
    public var month: Int
    public var year: Int
    public var dateAdd: Int
    public var dateSell: Int
    public var currency: String
    public var totalGross: Double
    public var totalNet: Double
    /// The `vat_rate` asked for: `DEFAULT`, `ITEM`, `EXPT`, `NP`, `OO` or a number.
    public var vatRate: String
    /// Empty until `addOrderInvoiceFile` sets it.
    public var externalInvoiceNumber: String
    /// The decoded size of the attached file; 0 when none.
    public var fileBytes: Int
    /// How many times a file was attached (each replaces the last).
    public var fileUploads: Int
}

/// An event of `getJournalList`.
public struct SandboxJournalEntry: Sendable, Hashable {
    public var id: Int
    public var orderId: Int
    /// 1 order created, 7 invoice issued, 18 status changed, … (reference §2.18).
    public var type: Int
    /// For type 18 the new status id, for type 7 the invoice id.
    public var objectId: Int
    public var date: Int
}
