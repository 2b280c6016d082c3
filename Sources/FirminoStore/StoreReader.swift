import GRDB

/// Read access to the store within one consistent snapshot: the look-ups the rule hooks get
/// as `ctx.store`, and the listings the command line prints.
///
/// A reader (and a ``StoreTransaction``, which is one) is valid only inside the closure given
/// to ``Store/read(_:)`` or ``Store/write(_:)``. Look-ups by name, SKU and tax id normalise
/// what they are given, and return the lowest id first when several rows match.
///
/// Its methods are grouped by table, one file each: `StoreReader+Products.swift`,
/// `+Contractors`, `+Warehouses`, `+Documents`, `+Stock`, `+Outbox` and `+SyncState`.
public class StoreReader {
    let db: Database
    let context: StoreContext

    init(_ db: Database, _ context: StoreContext) {
        self.db = db
        self.context = context
    }

    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(db, sql: sql, arguments: arguments)
    }

    func row(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(db, sql: sql, arguments: arguments)
    }
}
