public import Foundation
import GRDB

extension StoreTransaction {
    /// Adds a row with a JSON payload (`Data` that must be valid JSON).
    @discardableResult
    public func enqueueOutbox(kind: OutboxKind, payload: Data, documentId: Int64? = nil) throws -> OutboxItem {
        guard (try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed])) != nil,
              String(data: payload, encoding: .utf8) != nil
        else {
            throw StoreError.invalid("the outbox payload for \(kind.rawValue) is not valid JSON")
        }
        var item = OutboxItem(kind: kind, payload: payload, documentId: documentId, createdAt: context.now())
        try insert(&item)
        return item
    }

    /// Adds a row whose payload is `payload` encoded as JSON (keys sorted).
    @discardableResult
    public func enqueueOutbox(kind: OutboxKind, payload: some Encodable, documentId: Int64? = nil) throws -> OutboxItem {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try enqueueOutbox(kind: kind, payload: try encoder.encode(payload), documentId: documentId)
    }

    /// Counts a try that is about to be sent, before it is sent. A try begun earlier and never
    /// finished (the process stopped) stays counted.
    public func beginOutboxAttempt(id: Int64) throws {
        let changed = try execute(
            "UPDATE outbox SET attempts = attempts + 1, attempt_open = 1 WHERE id = ? AND done_at IS NULL", [id])
        if changed == 0, try outboxItem(id: id) == nil {
            throw StoreError.notFound("outbox row", id: id)
        }
    }

    /// Records a failed try (counting it unless it was begun) and keeps its error.
    public func recordOutboxFailure(id: Int64, error: String) throws {
        let changed = try execute(
            "UPDATE outbox SET attempts = attempts + 1 - attempt_open, attempt_open = 0, last_error = ? WHERE id = ?",
            [error, id])
        guard changed == 1 else { throw StoreError.notFound("outbox row", id: id) }
    }

    /// Records the successful try (counting it unless it was begun) and marks the row done.
    /// Marking a done row again changes nothing.
    public func markOutboxDone(id: Int64) throws {
        let changed = try execute(
            """
            UPDATE outbox SET attempts = attempts + 1 - attempt_open, attempt_open = 0, done_at = ?
            WHERE id = ? AND done_at IS NULL
            """,
            [StoredDate.value(context.now()), id])
        if changed == 0, try outboxItem(id: id) == nil {
            throw StoreError.notFound("outbox row", id: id)
        }
    }

    /// Closes a row that can never be sent (its order is gone from BaseLinker), keeping why.
    public func closeOutboxRow(id: Int64, reason: String) throws {
        let changed = try execute(
            "UPDATE outbox SET attempt_open = 0, last_error = ?, done_at = ? WHERE id = ? AND done_at IS NULL",
            [reason, StoredDate.value(context.now()), id])
        if changed == 0, try outboxItem(id: id) == nil {
            throw StoreError.notFound("outbox row", id: id)
        }
    }
}
