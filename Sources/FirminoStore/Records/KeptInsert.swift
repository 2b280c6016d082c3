import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A record the store inserts for every order or line — a document, its lines and VAT totals,
/// stock movements, outbox rows, contractors and product cards — through one statement compiled
/// once per connection.
///
/// GRDB's `insert` encodes the record into a dictionary of columns and spells its `INSERT`
/// again on every call; for these records that was a fifth of a sync's CPU. Here the columns
/// are the record's `Columns`, which are also its coding keys, and ``ColumnValues`` takes the
/// values from the record's own `Encodable` conformance, which visits the coding keys in the
/// order they are declared. `KeptInsertTests` compares every kind with GRDB's own encoding.
/// Reading stays GRDB's.
protocol KeptInsert: Encodable, EncodableRecord, TableRecord
where Columns: CaseIterable & RawRepresentable, Columns.RawValue == String {
    /// `INSERT INTO <table> (<columns>) VALUES (?, …)`: a `static let` of the conformance,
    /// made by ``makeInsertSQL()``.
    static var insertSQL: String { get }
    /// Takes the id SQLite gave the inserted row.
    mutating func inserted(rowID: Int64)
}

extension KeptInsert {
    static func makeInsertSQL() -> String {
        let columns = Columns.allCases.map { "\"\($0.rawValue)\"" }
        let marks = Array(repeating: "?", count: columns.count)
        return "INSERT INTO \"\(databaseTableName)\" (\(columns.joined(separator: ", "))) VALUES (\(marks.joined(separator: ", ")))"
    }

    mutating func inserted(rowID: Int64) {}
}

extension KeptInsert where Self: RowIDRecord {
    mutating func inserted(rowID: Int64) { self.rowID = rowID }
}

extension StoreReader {
    /// Inserts `record` through its kept statement and gives it its id.
    func insert<Record: KeptInsert>(_ record: inout Record) throws {
        let statement = try db.cachedStatement(sql: Record.insertSQL)
        try statement.execute(arguments: StatementArguments(ColumnValues.of(record)))
        record.inserted(rowID: db.lastInsertedRowID)
    }
}

/// A time stamp as GRDB stores a `Date`: `YYYY-MM-DD HH:MM:SS.SSS` in UTC, rounded to the
/// millisecond. Written here without a `DateFormatter`, which cost more than the rest of a
/// row's insert; `KeptInsertTests` holds it to GRDB's spelling.
enum StoredDate {
    static func value(_ date: Date?) -> DatabaseValue {
        guard let date else { return .null }
        return text(date).databaseValue
    }

    static func text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        func append(_ value: Int, digits: Int) {
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(48 + rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        append(Int(parts.tm_year) + 1900, digits: 4)
        bytes.append(0x2D)
        append(Int(parts.tm_mon) + 1, digits: 2)
        bytes.append(0x2D)
        append(Int(parts.tm_mday), digits: 2)
        bytes.append(0x20)
        append(Int(parts.tm_hour), digits: 2)
        bytes.append(0x3A)
        append(Int(parts.tm_min), digits: 2)
        bytes.append(0x3A)
        append(Int(parts.tm_sec), digits: 2)
        bytes.append(0x2E)
        append(fraction, digits: 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}
