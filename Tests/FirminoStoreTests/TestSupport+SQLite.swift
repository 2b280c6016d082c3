import GRDB
import GRDBSQLite
@testable import FirminoStore

/// Peeks under the store, for tests of its settings only.
struct JournalSettings: Equatable {
    var journalMode: String
    var synchronous: Int
    var foreignKeys: Bool
}

extension Store {
    func journalSettings() throws -> JournalSettings {
        try pool.write { db in
            JournalSettings(
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false)
        }
    }

    func appliedMigrations() throws -> [String] {
        try pool.read { db in try StoreSchema.migrator.completedMigrations(db) }
    }

    /// Rows in a table: to check that a rolled-back write left nothing behind.
    func count(_ table: String) throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// Runs raw SQL on the store's file: to damage a row on purpose, or to write what the
    /// store's own API refuses.
    func execute(_ sql: String) throws {
        try pool.write { db in try db.execute(sql: sql) }
    }

    func walFrames() throws -> Int {
        try pool.writeWithoutTransaction { db in try db.checkpoint(.passive).walFrameCount }
    }
}

func makeForeignDatabase(at path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)") }
    try queue.close()
}

/// A store file as an earlier Firmlink left it: migrated up to `migration` only, with one
/// outbox row and `rows` (SQL that fills that version's tables) written then.
func makeStore(at path: String, migratedUpTo migration: String, rows: String = "") throws {
    let pool = try DatabasePool(path: path)
    try StoreSchema.migrator.migrate(pool, upTo: migration)
    try pool.write { db in
        try db.execute(sql: """
            INSERT INTO outbox (kind, payload, created_at) VALUES ('attach_invoice', '{"order_id":1}', '2026-11-01 10:00:00.000');
            \(rows)
            """)
    }
    try pool.close()
}

extension TestStore {
    /// A store file of an earlier Firmlink, as ``makeStore(at:migratedUpTo:rows:)`` leaves it,
    /// opened — and so migrated forward — by this one.
    init(migratedUpTo migration: String, rows: String = "") throws {
        let folder = try TemporaryFolder()
        try makeStore(at: folder.path(Self.fileName), migratedUpTo: migration, rows: rows)
        try self.init(folder: folder)
    }
}

/// Marks a store as migrated by a newer Firmlink.
func markMigratedByNewerVersion(_ path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
    try queue.close()
}

/// What some work did with a connection's prepared statements.
struct StatementUse: Equatable {
    /// Statements run (a statement stepped through once counts once; its triggers do not).
    var ran: Int
    /// Of those, the runs of statements the connection did not hold before the work: compiled
    /// for it, whether kept afterwards or finalised.
    var compiled: Int
}

extension Database {
    /// Runs `body` and says how many statements it ran and how many of those it had compiled.
    ///
    /// SQLite tells both apart: `sqlite3_next_stmt` lists the statements a connection holds,
    /// and `SQLITE_TRACE_STMT` reports every run of a statement with its `sqlite3_stmt`
    /// pointer (and, for a trigger's program, text starting with `--`). A run of a statement
    /// that was not held before `body` is one compiled during `body` — compiling is what runs
    /// GRDB's statement authorizer.
    func statementUse(_ body: () throws -> Void) throws -> StatementUse {
        let trace = StatementTrace(held: heldStatements())
        sqlite3_trace_v2(sqliteConnection, UInt32(SQLITE_TRACE_STMT), { _, context, statement, sql in
            let trace = Unmanaged<StatementTrace>.fromOpaque(context!).takeUnretainedValue()
            let text = sql.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) } ?? ""
            if !text.hasPrefix("--") {
                trace.use.ran += 1
                if !trace.held.contains(OpaquePointer(statement!)) { trace.use.compiled += 1 }
            }
            return 0
        }, Unmanaged.passUnretained(trace).toOpaque())
        defer { sqlite3_trace_v2(sqliteConnection, 0, nil, nil) }
        try withExtendedLifetime(trace) { try body() }
        return trace.use
    }

    /// The statements the connection holds: those GRDB keeps in its caches, and any in use.
    private func heldStatements() -> Set<OpaquePointer> {
        var held: Set<OpaquePointer> = []
        var statement = sqlite3_next_stmt(sqliteConnection, nil)
        while let current = statement {
            held.insert(current)
            statement = sqlite3_next_stmt(sqliteConnection, current)
        }
        return held
    }
}

private final class StatementTrace {
    let held: Set<OpaquePointer>
    var use = StatementUse(ran: 0, compiled: 0)

    init(held: Set<OpaquePointer>) {
        self.held = held
    }
}
