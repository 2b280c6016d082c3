public import Foundation
public import GRDB

/// An order a sync could not issue, held, or was told to skip: a row of `order_issues`, what
/// `orders list` shows and `orders skip` / `orders retry` change.
public struct OrderIssue: Hashable, Sendable, Codable {
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        /// It failed on its last try: it is tried again on every run.
        case failed
        /// `document_type` held it: it is read again on every run.
        case held
        /// `orders skip`: never taken again, and the cursor may pass it.
        case skipped
        /// `orders retry`: the next sync reads it again, even from behind the cursor.
        case retry
    }

    public var orderId: Int64
    public var state: State
    /// Why it failed or is held, or why it was skipped.
    public var reason: String
    /// A failure's kind (`hook_answer`, …).
    public var kind: String?
    /// When it first ended this way.
    public var since: Date
    public var lastSeen: Date
    /// How many syncs tried it.
    public var tries: Int

    /// The `order_issues` columns, which are also the coding keys.
    public enum Columns: String, CodingKey, ColumnExpression {
        case orderId = "order_id", state, reason, kind, since, lastSeen = "last_seen", tries
    }

    typealias CodingKeys = Columns
}

extension OrderIssue.State: DatabaseValueConvertible {}

extension OrderIssue: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "order_issues"
}
