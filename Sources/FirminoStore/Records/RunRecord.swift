public import Foundation
public import GRDB

/// How a run ended.
public enum RunOutcome: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Finished, nothing left to look at.
    case done
    /// Finished, but some orders failed or are held, or something could not be sent.
    case partial
    /// Ended by an error before it finished (``RunRecord/error`` says which).
    case failed
    /// Stopped on request (a signal to `firmlink watch`) between two orders.
    case stopped
}

/// One run of a sync: when it started and finished, how it ended and its JSON summary. A row
/// of `runs`.
public struct RunRecord: Identifiable, Hashable, Sendable, Codable {
    var rowID: Int64?
    public var startedAt: Date
    public var finishedAt: Date?
    /// JSON (kept as text: the schema checks that it is valid JSON).
    public var summary: Data?
    /// Nil while the run goes on, and for a run whose process died before it could say.
    public var outcome: RunOutcome?
    /// What ended a failed run.
    public var error: String?
    /// The process running it (nil for runs recorded before the store kept it).
    public var pid: Int32?

    /// The `runs` columns, which are also the coding keys.
    public enum Columns: String, CodingKey, ColumnExpression, CaseIterable {
        case rowID = "id", summary, outcome, error, pid
        case startedAt = "started_at", finishedAt = "finished_at"
    }

    typealias CodingKeys = Columns
}

extension RunRecord: FetchableRecord, MutablePersistableRecord, RowIDRecord {
    public static let databaseTableName = "runs"

    /// The summary is JSON text, not a blob: `json_valid` checks it, and people read it.
    public static func databaseDataEncodingStrategy(for column: String) -> DatabaseDataEncodingStrategy {
        .text
    }
}
