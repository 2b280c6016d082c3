public import Foundation

/// An issued document with its lines and totals.
///
/// It is composed of three tables' rows: its ``DocumentHeader`` (the `documents` row), its
/// ``DocumentLine``s and its ``DocumentVATTotal``s. Reading documents takes one query per
/// table, however many documents are read (``StoreReader/documents(type:)``).
public struct Document: Identifiable, Hashable, Sendable {
    public let id: Int64
    public var type: DocumentType
    /// As formatted by ``NumberingFormats``: `FV/3/11/2026`.
    public var number: String
    /// The `{n}` of the number: gap-free within the type and ``period``.
    public var sequence: Int64
    /// The numbering series' month, `YYYY-MM` (the issue date's).
    public var period: String
    public var issueDate: BusinessDate
    public var saleDate: BusinessDate
    public var buyer: PartyDetails
    /// The seller as of issue; nil for a document issued without one (printed with the
    /// configuration's seller).
    public var seller: PartyDetails?
    public var contractorId: Int64?
    public var currency: String
    /// Net, VAT and gross per rate; `vat.net`, `vat.vat`, `vat.gross` are the totals.
    public var vat: VATSummary
    public var baselinkerOrderId: Int64?
    /// BaseLinker's id for the invoice once `addInvoice` created it.
    public var baselinkerInvoiceId: Int64?
    /// When the printout reached BaseLinker.
    public var sentAt: Date?
    public var createdAt: Date
    public var lines: [DocumentLine]

    public var totalNet: Money { vat.net }
    public var totalVAT: Money { vat.vat }
    public var totalGross: Money { vat.gross }
}

extension Document {
    /// The document of a `documents` row (read or inserted), with its lines in position order
    /// and its totals per rate.
    init(_ header: DocumentHeader, lines: [DocumentLine], vat: VATSummary) {
        guard let id = header.id else {
            preconditionFailure("document \(header.number) was used before it was inserted")
        }
        self.id = id
        type = header.type
        number = header.number
        sequence = header.sequence
        period = header.period
        issueDate = header.issueDate
        saleDate = header.saleDate
        buyer = header.buyer
        seller = header.seller
        contractorId = header.contractorId
        currency = header.currency
        self.vat = vat
        baselinkerOrderId = header.baselinkerOrderId
        baselinkerInvoiceId = header.baselinkerInvoiceId
        sentAt = header.sentAt
        createdAt = header.createdAt
        self.lines = lines
    }
}
