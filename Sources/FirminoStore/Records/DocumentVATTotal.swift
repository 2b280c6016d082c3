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

    enum CodingKeys: String, CodingKey {
        case net, vat, gross
        case documentId = "document_id", rate = "vat_rate"
    }
}

extension DocumentVATTotal: FetchableRecord, PersistableRecord {
    static let databaseTableName = "document_vat_totals"

    enum Columns {
        static let documentId = Column(CodingKeys.documentId)
        static let rate = Column(CodingKeys.rate)
        static let net = Column(CodingKeys.net)
        static let vat = Column(CodingKeys.vat)
        static let gross = Column(CodingKeys.gross)
    }
}

extension DocumentVATTotal: KeptInsert {
    static let insertColumns: [String] = [CodingKeys.documentId, .rate, .net, .vat, .gross].map(\.stringValue)
    static let insertSQL = makeInsertSQL()

    var insertArguments: StatementArguments { [documentId, rate, net, vat, gross] }
}
