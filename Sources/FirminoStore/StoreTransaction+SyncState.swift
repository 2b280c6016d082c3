public import Foundation
import GRDB

extension StoreTransaction {
    public func setCursor(_ key: String, to value: String) throws {
        try SyncCursor(key: key, value: value, updatedAt: context.now()).insert(db)
    }

    public func removeCursor(_ key: String) throws {
        try SyncCursor.deleteOne(db, key: key)
    }

    /// Records the start of a run by process `pid`; returns its id for
    /// ``finishRun(id:summary:outcome:)`` or ``failRun(id:error:)``.
    public func startRun(pid: Int32? = nil) throws -> Int64 {
        try RunRecord(startedAt: context.now(), pid: pid).inserted(db).id
    }

    /// Records the end of a run with its JSON summary.
    public func finishRun(id: Int64, summary: Data, outcome: RunOutcome = .done) throws {
        guard (try? JSONSerialization.jsonObject(with: summary, options: [.fragmentsAllowed])) != nil,
              String(data: summary, encoding: .utf8) != nil
        else { throw StoreError.invalid("the summary of run \(id) is not valid JSON") }
        guard var run = try RunRecord.fetchOne(db, id: id) else { throw StoreError.notFound("run", id: id) }
        run.finishedAt = context.now()
        run.summary = summary
        run.outcome = outcome
        try run.update(db)
    }

    /// Records that a run ended with `error` before it finished.
    public func failRun(id: Int64, error: String) throws {
        guard var run = try RunRecord.fetchOne(db, id: id) else { throw StoreError.notFound("run", id: id) }
        run.finishedAt = context.now()
        run.outcome = .failed
        run.error = error
        try run.update(db)
    }
}
