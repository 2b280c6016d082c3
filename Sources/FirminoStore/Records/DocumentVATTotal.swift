import GRDB

/// A row of `document_vat_totals`: one rate's net, VAT and gross in a document, as
/// ``VATSummary`` computed them when it was issued. A document's rows make its ``Document/vat``.
struct DocumentVATTotal: Hashable, Codable {
    var documentId: Int64
    var rate: VATRate
    var net: Money
    var vat: Money
    var gross: Money

    init(documentId: Int64, _ row: VATSummary.Row) {
        self.documentId = documentId
        rate = row.rate
        net = row.net
        vat = row.vat
        gross = row.gross
    }

    var row: VATSummary.Row { VATSummary.Row(rate: rate, net: net, vat: vat, gross: gross) }

    /// The `document_vat_totals` columns, which are also the coding keys.
    enum Columns: String, CodingKey, ColumnExpression, CaseIterable {
        case net, vat, gross
        case documentId = "document_id", rate = "vat_rate"
    }

    typealias CodingKeys = Columns
}

extension DocumentVATTotal: FetchableRecord, PersistableRecord, KeptInsert {
    static let databaseTableName = "document_vat_totals"
    static let insertSQL = makeInsertSQL()
}
