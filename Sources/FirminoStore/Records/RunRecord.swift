public import Foundation
public import GRDB

/// One run of a sync: when it started and finished and its JSON summary. A row of `runs`.
public struct RunRecord: Identifiable, Hashable, Sendable, Codable {
    /// The `id` column: nil only for a run built to be inserted, until the insert gives it
    /// (``didInsert(_:)``). None leaves the store without one, hence ``id``.
    private var rowID: Int64?
    public var startedAt: Date
    public var finishedAt: Date?
    /// JSON (kept as text: the schema checks that it is valid JSON).
    public var summary: Data?

    /// The run's id. Every run the store hands out was read or inserted, so it has one.
    public var id: Int64 {
        guard let rowID else { preconditionFailure("a run was used before it was inserted") }
        return rowID
    }

    /// A run that starts now.
    init(startedAt: Date) {
        self.startedAt = startedAt
    }

    enum CodingKeys: String, CodingKey {
        case rowID = "id", summary
        case startedAt = "started_at", finishedAt = "finished_at"
    }
}

extension RunRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "runs"

    /// The columns, for the query interface. Public only because GRDB's `TableRecord` names
    /// the type; the store alone queries its tables.
    public enum Columns {
        static let id = Column(CodingKeys.rowID)
        static let startedAt = Column(CodingKeys.startedAt)
        static let finishedAt = Column(CodingKeys.finishedAt)
        static let summary = Column(CodingKeys.summary)
    }

    /// The summary is JSON text, not a blob: `json_valid` checks it, and people read it.
    public static func databaseDataEncodingStrategy(for column: String) -> DatabaseDataEncodingStrategy {
        .text
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        rowID = inserted.rowID
    }
}
