import GRDB

/// The outbox holds BaseLinker writes decided in a store transaction and sent after it is
/// durable. Each row is tried until marked done; failures keep the count and the last error.
///
/// A sender that must know whether an interrupted try may have gone out calls
/// ``StoreTransaction/beginOutboxAttempt(id:)`` (committed) before sending: the try is counted
/// then, and ``OutboxItem/unfinishedAttempt`` stays true until its outcome is recorded.
extension StoreReader {
    /// Every row not yet done, oldest first.
    public func pendingOutbox() throws -> [OutboxItem] {
        try fetchAll("SELECT * FROM outbox WHERE done_at IS NULL ORDER BY id")
    }

    /// Rows of one kind not yet done, oldest first, after the row `afterId`, at most `limit`:
    /// a page of them, for a sender that must not hold a long backlog in memory at once.
    public func pendingOutbox(kind: OutboxKind, after afterId: Int64 = 0, limit: Int? = nil) throws -> [OutboxItem] {
        try fetchAll(
            "SELECT * FROM outbox WHERE done_at IS NULL AND kind = ? AND id > ? ORDER BY id LIMIT ?",
            [kind, afterId, limit ?? -1])
    }

    /// How many rows are not yet done.
    public func pendingOutboxCount() throws -> Int {
        try fetchOne("SELECT count(*) FROM outbox WHERE done_at IS NULL") ?? 0
    }

    public func outboxItem(id: Int64) throws -> OutboxItem? {
        try fetchOne("SELECT * FROM outbox WHERE id = ?", [id])
    }

    /// A document's rows, done or not, oldest first.
    public func outboxItems(documentId: Int64) throws -> [OutboxItem] {
        try OutboxItem.filter { $0.documentId == documentId }.order { $0.rowID }.fetchAll(db)
    }
}
