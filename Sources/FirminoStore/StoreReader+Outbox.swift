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
        // Four kept statements at most: one per combination of the options.
        var sql = "SELECT * FROM outbox WHERE done_at IS NULL"
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
        return try fetchAll(sql, arguments)
    }

    public func outboxItem(id: Int64) throws -> OutboxItem? {
        try fetchOne("SELECT * FROM outbox WHERE id = ?", [id])
    }

    /// A document's rows, done or not, oldest first.
    public func outboxItems(documentId: Int64) throws -> [OutboxItem] {
        try OutboxItem.filter { $0.documentId == documentId }.order { $0.id }.fetchAll(db)
    }
}
