import GRDB

/// Hands out document numbers: per type and month, gap-free and unique.
///
/// The counter lives in `numbering_series` (``NumberingSeries``) and is raised inside the
/// caller's write transaction (SQLite writes are serialised, so two writers — two connections
/// or two processes — never get the same number). A transaction that rolls back takes its
/// number back with it: nothing is consumed that no document holds.
enum DocumentNumberer {
    /// The next number of the type's series for `period` (`YYYY-MM`): 1 for a new series.
    ///
    /// One statement inserts the series or raises it, and returns it. GRDB's `upsertAndFetch`
    /// cannot say it (it reads back a rowid, which this `WITHOUT ROWID` table has not), so the
    /// SQL is written out, on a statement compiled once per connection.
    static func next(_ db: Database, type: DocumentType, period: String) throws -> Int64 {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO numbering_series (type, period, last_number) VALUES (?, ?, 1)
            ON CONFLICT (type, period) DO UPDATE SET last_number = last_number + 1
            RETURNING last_number
            """)
        let series = try Int64.fetchOne(statement, arguments: [type, period])
        guard let series else {
            throw StoreError(.database, "the numbering series of \(type.rawValue) \(period) returned no number")
        }
        return series
    }
}
