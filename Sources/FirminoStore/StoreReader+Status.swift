public import Foundation
import GRDB

/// What `firmlink status` reads at a glance: the outbox's backlog per kind and the size of the
/// store. (The runs and cursors are in `StoreReader+SyncState.swift`, the orders set aside in
/// `StoreReader+Orders.swift`.)
extension StoreReader {
    /// The outbox rows not yet sent, by kind (sorted by kind), each with the error of the row
    /// that failed last.
    public func outboxBacklog() throws -> [OutboxBacklog] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT kind, count(*) AS pending, sum(attempts > 0) AS tried, min(created_at) AS oldest,
                   (SELECT last_error FROM outbox AS failed
                     WHERE failed.kind = outbox.kind AND failed.done_at IS NULL AND failed.last_error IS NOT NULL
                     ORDER BY failed.id DESC LIMIT 1) AS last_error
            FROM outbox WHERE done_at IS NULL GROUP BY kind ORDER BY kind
            """)
        return rows.map { row in
            OutboxBacklog(
                kind: OutboxKind(rawValue: row["kind"]), pending: row["pending"], tried: row["tried"] ?? 0,
                oldest: row["oldest"], lastError: row["last_error"])
        }
    }

    /// How many documents the store holds.
    public func documentCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0
    }
}

/// The outbox rows of one kind still to send.
public struct OutboxBacklog: Hashable, Sendable {
    public var kind: OutboxKind
    public var pending: Int
    /// How many of them were tried at least once.
    public var tried: Int
    /// When the oldest of them was queued.
    public var oldest: Date
    /// The error of the latest of them that failed; nil when none did.
    public var lastError: String?
}
