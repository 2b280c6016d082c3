import GRDB

/// Named cursors (`orders.date_confirmed`, `journal.last_log_id`, `stock.movement`…) and the
/// history of runs.
extension StoreReader {
    /// The value of a cursor; nil when never set.
    public func cursor(_ key: String) throws -> String? {
        try SyncCursor.fetchOne(db, key: key)?.value
    }

    /// Every cursor.
    public func cursors() throws -> [String: String] {
        var result: [String: String] = [:]
        for cursor in try SyncCursor.fetchAll(db) {
            result[cursor.key] = cursor.value
        }
        return result
    }

    /// The latest runs, newest first.
    public func runs(limit: Int = 20) throws -> [RunRecord] {
        try RunRecord.order { $0.rowID.desc }.limit(limit).fetchAll(db)
    }
}
