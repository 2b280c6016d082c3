public import Foundation
import GRDB

extension StoreTransaction {
    public func setCursor(_ key: String, to value: String) throws {
        try db.execute(
            sql: """
                INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """,
            arguments: [key, value, context.now()])
    }

    public func removeCursor(_ key: String) throws {
        try db.execute(sql: "DELETE FROM sync_state WHERE key = ?", arguments: [key])
    }

    /// Records the start of a run; returns its id for ``finishRun(id:summary:)``.
    public func startRun() throws -> Int64 {
        try db.execute(sql: "INSERT INTO runs (started_at) VALUES (?)", arguments: [context.now()])
        return db.lastInsertedRowID
    }

    /// Records the end of a run with its JSON summary.
    public func finishRun(id: Int64, summary: Data) throws {
        guard (try? JSONSerialization.jsonObject(with: summary, options: [.fragmentsAllowed])) != nil,
              let text = String(data: summary, encoding: .utf8)
        else { throw StoreError.invalid("the summary of run \(id) is not valid JSON") }
        try db.execute(
            sql: "UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?", arguments: [context.now(), text, id])
        guard db.changesCount == 1 else { throw StoreError.notFound("run", id: id) }
    }
}
