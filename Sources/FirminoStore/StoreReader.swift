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
/// Reads and targeted updates go through the helpers below, which take the statement of their
/// SQL from the connection's cache (`SQLRequest(literal:cached: true)`,
/// `Database.cachedStatement(literal:)`); records are written with GRDB's persistence methods
/// (`insert`, `update`), which keep their statements the same way. The query interface
/// (`Product.order(...)`) compiles a statement on every call: only listings, which run once a
/// command, use it. A kept statement's SQL must not vary with its arguments (no `IN` list of
/// varying length), since each distinct SQL text stays cached for the life of the connection.
extension StoreReader {
    func fetchAll<Record: FetchableRecord>(cached sql: SQL) throws -> [Record] {
        try SQLRequest<Record>(literal: sql, cached: true).fetchAll(db)
    }

    func fetchOne<Record: FetchableRecord>(cached sql: SQL) throws -> Record? {
        try SQLRequest<Record>(literal: sql, cached: true).fetchOne(db)
    }

    func fetchAll<Value: DatabaseValueConvertible>(cached sql: SQL) throws -> [Value] {
        try SQLRequest<Value>(literal: sql, cached: true).fetchAll(db)
    }

    func fetchOne<Value: DatabaseValueConvertible>(cached sql: SQL) throws -> Value? {
        try SQLRequest<Value>(literal: sql, cached: true).fetchOne(db)
    }

    /// Whether `table` has a row of `id`: what a check needs, without reading the row.
    func exists(_ table: StaticString, id: Int64) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)")
        return try Bool.fetchOne(statement, arguments: [id]) ?? false
    }

    /// Runs an `UPDATE`; returns how many rows it changed.
    @discardableResult
    func execute(cached sql: SQL) throws -> Int {
        try db.cachedStatement(literal: sql).execute()
        return db.changesCount
    }
}
