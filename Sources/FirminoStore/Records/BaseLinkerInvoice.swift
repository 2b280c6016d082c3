public import GRDB

/// An invoice BaseLinker holds for an order, whoever issued it (an earlier store, another
/// program, BaseLinker's own invoicing): a row of `baselinker_invoices`. A sync keeps the list
/// current, paging forward from the last invoice it saw, and issues no document for an order
/// that has one.
public struct BaseLinkerInvoice: Hashable, Sendable, Codable {
    public var invoiceId: Int64
    public var orderId: Int64
    /// BaseLinker's own number.
    public var number: String
    /// The number a program attached with the printout (`external_invoice_number`), or `""`.
    public var externalNumber: String

    public init(invoiceId: Int64, orderId: Int64, number: String, externalNumber: String = "") {
        self.invoiceId = invoiceId
        self.orderId = orderId
        self.number = number
        self.externalNumber = externalNumber
    }

    /// The number BaseLinker shows: the attached one when there is one, else its own.
    public var shownNumber: String { externalNumber.isEmpty ? number : externalNumber }

    /// The `baselinker_invoices` columns, which are also the coding keys.
    public enum Columns: String, CodingKey, ColumnExpression {
        case invoiceId = "invoice_id", orderId = "order_id", number, externalNumber = "external_number"
    }

    typealias CodingKeys = Columns
}

extension BaseLinkerInvoice: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "baselinker_invoices"
    /// An invoice seen again (its number attached since) replaces what was kept.
    public static let persistenceConflictPolicy = PersistenceConflictPolicy(insert: .replace)
}
