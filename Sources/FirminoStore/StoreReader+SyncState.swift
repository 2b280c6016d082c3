import GRDB

/// Named cursors (`orders.date_confirmed`, `journal.last_log_id`, `stock.movement`…) and the
/// history of runs.
extension StoreReader {
    /// The value of a cursor; nil when never set.
    public func cursor(_ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = ?", arguments: [key])
    }

    /// Every cursor.
    public func cursors() throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try rows("SELECT key, value FROM sync_state") {
            result[row["key"]] = row["value"]
        }
        return result
    }

    /// The latest runs, newest first.
    public func runs(limit: Int = 20) throws -> [RunRecord] {
        try rows("SELECT \(RunRecord.columns) FROM runs ORDER BY id DESC LIMIT ?", [limit]).map(RunRecord.init(row:))
    }
}
