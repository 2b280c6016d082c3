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
}

/// Statements kept for the next call.
///
/// What a sync does for every order — the look-ups the rules call, issuing a document,
/// queuing its outbox rows, moving the cursor — and for every outbox row it sends runs on
/// statements compiled once per connection and kept, never on a statement compiled for the
/// call: compiling runs GRDB's statement authorizer, which took about 18 % of the CPU of a
/// 2,950-order sync when every look-up compiled its own.
///
/// Reads and targeted updates go through the helpers below: fixed SQL with `?` arguments, its
/// statement taken from the connection's cache (`Database.cachedStatement(sql:)`). Spelling a
/// statement from an SQL literal on every call cost as much as running it, so only the
/// document listings, which take a condition, build theirs from ``SQL``. Records written per
/// order are inserted through ``KeptInsert``; others with GRDB's persistence methods
/// (`insert`, `update`), which keep their statements too. The query interface
/// (`Product.order(...)`) compiles a statement on every call: only listings, which run once a
/// command, use it. A kept statement's SQL must not vary with its arguments (no `IN` list of
/// varying length), since each distinct SQL text stays cached for the life of the connection.
extension StoreReader {
    func fetchAll<Record: FetchableRecord>(_ sql: String, _ arguments: StatementArguments = []) throws -> [Record] {
        try Record.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func fetchOne<Record: FetchableRecord>(_ sql: String, _ arguments: StatementArguments = []) throws -> Record? {
        try Record.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func fetchAll<Value: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> [Value] {
        try Value.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func fetchOne<Value: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> Value? {
        try Value.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// A listing's records, by a statement spelled from `sql`.
    func fetchAll<Record: FetchableRecord>(literal sql: SQL) throws -> [Record] {
        try SQLRequest<Record>(literal: sql, cached: true).fetchAll(db)
    }

    /// Whether `table` has a row of `id`: what a check needs, without reading the row.
    func exists(_ table: StaticString, id: Int64) throws -> Bool {
        try fetchOne("SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)", [id]) ?? false
    }

    /// Runs an `UPDATE` or `DELETE`; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
        return db.changesCount
    }
}
