import GRDB

/// The outbox holds BaseLinker writes decided in a store transaction and sent after it is
/// durable. Each row is tried until marked done; failures keep the count and the last error.
///
/// A sender that must know whether an interrupted try may have gone out calls
/// ``StoreTransaction/beginOutboxAttempt(id:)`` (committed) before sending: the try is counted
/// then, and ``OutboxItem/unfinishedAttempt`` stays true until its outcome is recorded.
extension StoreReader {
    /// Rows not yet done, oldest first; `maxAttempts` leaves out rows tried that often already.
    public func pendingOutbox(limit: Int? = nil, maxAttempts: Int? = nil) throws -> [OutboxItem] {
        var sql = "SELECT \(OutboxItem.columns) FROM outbox WHERE done_at IS NULL"
        var arguments: StatementArguments = []
        if let maxAttempts {
            sql += " AND attempts < ?"
            arguments += [maxAttempts]
        }
        sql += " ORDER BY id"
        if let limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        return try rows(sql, arguments).map(OutboxItem.init(row:))
    }

    public func outboxItem(id: Int64) throws -> OutboxItem? {
        try row("SELECT \(OutboxItem.columns) FROM outbox WHERE id = ?", [id]).map(OutboxItem.init(row:))
    }

    /// A document's rows, done or not, oldest first.
    public func outboxItems(documentId: Int64) throws -> [OutboxItem] {
        try rows("SELECT \(OutboxItem.columns) FROM outbox WHERE document_id = ? ORDER BY id", [documentId])
            .map(OutboxItem.init(row:))
    }
}
