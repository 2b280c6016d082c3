import GRDB

/// A row of `numbering_series`: the last number given to one document type in one month.
/// ``DocumentNumberer`` raises it; nothing else writes it.
struct NumberingSeries: Hashable, Codable {
    var type: DocumentType
    /// `YYYY-MM`.
    var period: String
    var lastNumber: Int64

    /// The `numbering_series` columns, which are also the coding keys.
    enum Columns: String, CodingKey, ColumnExpression {
        case type, period
        case lastNumber = "last_number"
    }

    typealias CodingKeys = Columns
}

extension NumberingSeries: FetchableRecord, TableRecord {
    static let databaseTableName = "numbering_series"
}
