import Foundation
import GRDB

/// A row of `sync_state`: a named cursor (`orders.date_confirmed`, `journal.last_log_id`…)
/// and when it was last set.
struct SyncCursor: Hashable, Codable {
    var key: String
    var value: String
    var updatedAt: Date

    /// The `sync_state` columns, which are also the coding keys.
    enum Columns: String, CodingKey, ColumnExpression {
        case key, value
        case updatedAt = "updated_at"
    }

    typealias CodingKeys = Columns
}

extension SyncCursor: FetchableRecord, PersistableRecord {
    static let databaseTableName = "sync_state"

    /// One row per key: setting a cursor replaces its row. (GRDB's `upsert` would not do for
    /// this `WITHOUT ROWID` table: it reads the rowid back.)
    static let persistenceConflictPolicy = PersistenceConflictPolicy(insert: .replace)
}
