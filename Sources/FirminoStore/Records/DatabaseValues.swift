public import GRDB

// How the store's records and value types are kept in columns.
//
// Each record names its columns once: a nested `enum Columns`, which is both its coding keys
// (`typealias CodingKeys = Columns`) and the query interface's column expressions. GRDB maps the
// rows through the record's `Codable` conformance. `Columns` is public where the record is only
// because GRDB's `TableRecord` names the type; the store alone queries its tables.
//
// A record's `Codable` conformance decides its columns, but not how a column's value is
// spelled: GRDB encodes and decodes a property whose type is `DatabaseValueConvertible`
// through that conformance, before it would fall back to the type's own `Codable` (see
// `RecordEncoder.encode(_:forKey:)` in GRDB's `EncodableRecord+Encodable.swift`, and
// `_RowDecoder.KeyedContainer.decode(_:forKey:)` in `FetchableRecord+Decodable.swift`). So the JSON
// spellings below (money as a decimal string, for the listings) and the column spellings
// (money as an integer of minor units) stay independent.
//
// A value the store cannot read back (an unknown VAT rate, a malformed date) fails the fetch
// with GRDB's `RowDecodingError`, which ``Store`` reports as a ``StoreError`` naming the value.

/// `INTEGER`, in minor units: exact, and summable by SQLite.
extension Money: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { minorUnits.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Money? {
        Int64.fromDatabaseValue(dbValue).map(Money.init(minorUnits:))
    }
}

/// `TEXT`, the rate's ``VATRate/name``: `23`, `5.5`, `zw`, `0wdt`.
extension VATRate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { name.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> VATRate? {
        String.fromDatabaseValue(dbValue).flatMap(VATRate.init(name:))
    }
}

/// `TEXT`, `YYYY-MM-DD`, which sorts as the days do.
extension BusinessDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { text.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> BusinessDate? {
        String.fromDatabaseValue(dbValue).flatMap(BusinessDate.init(_:))
    }
}

/// `TEXT`, the raw value (`invoice_wdt`); the schema checks it.
extension DocumentType: DatabaseValueConvertible {}

/// `TEXT`, the raw value (`attach_invoice`).
extension OutboxKind: DatabaseValueConvertible {}

/// `TEXT`, the raw value (`sale`).
extension StockMovementReason: DatabaseValueConvertible {}
