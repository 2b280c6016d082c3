import GRDB

/// A record whose `id` SQLite gives on insert. Until then the `id` column, ``rowID``, is nil;
/// every record the store hands out was read or inserted, so callers read the non-optional
/// ``id`` (GRDB's "hide intimate database details" practice). A draft type inserted with
/// `insertAndFetch(_:as:)` would avoid the optional, but read every row back after writing it.
protocol RowIDRecord: MutablePersistableRecord, Identifiable {
    /// The `id` column.
    var rowID: Int64? { get set }
}

extension RowIDRecord {
    /// The row's id.
    public var id: Int64 {
        guard let rowID else { preconditionFailure("a \(Self.self) was used before it was inserted") }
        return rowID
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        rowID = inserted.rowID
    }
}
