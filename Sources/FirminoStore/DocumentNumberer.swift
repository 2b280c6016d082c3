import GRDB

/// Hands out document numbers: per type and month, gap-free and unique.
///
/// The counter lives in `numbering_series` and is raised inside the caller's write
/// transaction (SQLite writes are serialised, so two writers — two connections or two
/// processes — never get the same number). A transaction that rolls back takes its number
/// back with it: nothing is consumed that no document holds.
enum DocumentNumberer {
    static func next(_ db: Database, type: DocumentType, period: String) throws -> Int64 {
        try Int64.fetchOne(
            db,
            sql: """
                INSERT INTO numbering_series (type, period, last_number) VALUES (?, ?, 1)
                ON CONFLICT (type, period) DO UPDATE SET last_number = last_number + 1
                RETURNING last_number
                """,
            arguments: [type.rawValue, period])!
    }
}
