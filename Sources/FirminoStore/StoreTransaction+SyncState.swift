public import Foundation
import GRDB

extension StoreTransaction {
    public func setCursor(_ key: String, to value: String) throws {
        try SyncCursor(key: key, value: value, updatedAt: context.now()).insert(db)
    }

    public func removeCursor(_ key: String) throws {
        try SyncCursor.deleteOne(db, key: key)
    }

    /// Records the start of a run; returns its id for ``finishRun(id:summary:)``.
    public func startRun() throws -> Int64 {
        try RunRecord(startedAt: context.now()).inserted(db).id
    }

    /// Records the end of a run with its JSON summary.
    public func finishRun(id: Int64, summary: Data) throws {
        guard (try? JSONSerialization.jsonObject(with: summary, options: [.fragmentsAllowed])) != nil,
              String(data: summary, encoding: .utf8) != nil
        else { throw StoreError.invalid("the summary of run \(id) is not valid JSON") }
        guard var run = try RunRecord.fetchOne(db, id: id) else { throw StoreError.notFound("run", id: id) }
        run.finishedAt = context.now()
        run.summary = summary
        try run.update(db)
    }
}
