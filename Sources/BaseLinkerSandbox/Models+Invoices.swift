/// A numbering series (`getSeries`): `INVOICE`, `RECEIPT` or `CORRECTION`.
package struct SandboxSeries: Sendable, Hashable {
    package var id: Int
    package var type: String
    package var name: String
    /// BaseLinker's pattern: `%N` the number in the month, `%M` the month, `%Y` the year.
    package var format: String
}

/// An invoice BaseLinker issued for an order (`addInvoice`), with the file attached to it.
package struct SandboxInvoice: Sendable, Hashable {
    package var id: Int
    package var orderId: Int
    package var seriesId: Int
    package var number: String
    package var subId: Int
    package var month: Int
    package var year: Int
    package var dateAdd: Int
    package var dateSell: Int
    package var currency: String
    package var totalGross: Double
    package var totalNet: Double
    /// The `vat_rate` asked for: `DEFAULT`, `ITEM`, `EXPT`, `NP`, `OO` or a number.
    package var vatRate: String
    /// Empty until `addOrderInvoiceFile` sets it.
    package var externalInvoiceNumber: String
    /// The decoded size of the attached file; 0 when none.
    package var fileBytes: Int
    /// How many times a file was attached (each replaces the last).
    package var fileUploads: Int
}

/// An event of `getJournalList`.
package struct SandboxJournalEntry: Sendable, Hashable {
    package var id: Int
    package var orderId: Int
    /// 1 order created, 7 invoice issued, 18 status changed, … (reference §2.18).
    package var type: Int
    /// For type 18 the new status id, for type 7 the invoice id.
    package var objectId: Int
    package var date: Int
}
