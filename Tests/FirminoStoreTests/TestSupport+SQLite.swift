import GRDB
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
/// outbox row written then.
func makeStore(at path: String, migratedUpTo migration: String) throws {
    let pool = try DatabasePool(path: path)
    try StoreSchema.migrator.migrate(pool, upTo: migration)
    try pool.write { db in
        try db.execute(sql: """
            INSERT INTO outbox (kind, payload, created_at) VALUES ('attach_invoice', '{"order_id":1}', '2026-11-01 10:00:00.000')
            """)
    }
    try pool.close()
}

/// Marks a store as migrated by a newer Firmlink.
func markMigratedByNewerVersion(_ path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
    try queue.close()
}
