import GRDB

/// A row of `numbering_series`: the last number given to one document type in one month.
/// ``DocumentNumberer`` raises it; nothing else writes it.
struct NumberingSeries: Hashable, Codable {
    var type: DocumentType
    /// `YYYY-MM`.
    var period: String
    var lastNumber: Int64

    enum CodingKeys: String, CodingKey {
        case type, period
        case lastNumber = "last_number"
    }
}

extension NumberingSeries: FetchableRecord, TableRecord {
    static let databaseTableName = "numbering_series"

    enum Columns {
        static let type = Column(CodingKeys.type)
        static let period = Column(CodingKeys.period)
        static let lastNumber = Column(CodingKeys.lastNumber)
    }
}
