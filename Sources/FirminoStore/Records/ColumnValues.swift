import Foundation
import GRDB

/// The values of a ``KeptInsert`` record's columns, in the order of its `Columns`, taken from
/// the record's `Encodable` conformance (which visits the coding keys in declaration order).
///
/// Values are spelled as GRDB spells them: through `DatabaseValueConvertible` where the type
/// has it, dates as ``StoredDate`` writes them, data as the record's
/// `databaseDataEncodingStrategy(for:)` says. A nil optional is a NULL (the default
/// `encodeIfPresent` would leave the column out).
struct ColumnValues<Record: KeptInsert>: Encoder {
    /// Kept as GRDB's statement arguments take them, so that nothing is converted twice.
    final class Values {
        var list: [(any DatabaseValueConvertible)?] = []
    }

    private let values: Values

    static func of(_ record: Record) throws -> [(any DatabaseValueConvertible)?] {
        let encoder = ColumnValues(values: Values())
        encoder.values.list.reserveCapacity(Record.Columns.allCases.count)
        try record.encode(to: encoder)
        assert(encoder.values.list.count == Record.Columns.allCases.count, "\(Record.self): a column without a value")
        return encoder.values.list
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Row<Key>(values: values))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("\(Record.self) is stored as a row of columns")
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        preconditionFailure("\(Record.self) is stored as a row of columns")
    }

    private struct Row<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let values: Values
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) { values.list.append(nil) }
        mutating func encode(_ value: Bool, forKey key: Key) { values.list.append(value) }
        mutating func encode(_ value: String, forKey key: Key) { values.list.append(value) }
        mutating func encode(_ value: Int, forKey key: Key) { values.list.append(value) }
        mutating func encode(_ value: Int32, forKey key: Key) { values.list.append(value) }
        mutating func encode(_ value: Int64, forKey key: Key) { values.list.append(value) }
        mutating func encode(_ value: Double, forKey key: Key) { values.list.append(value) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            // Dates and data first (a type check before each cast, so other values pay for
            // one cast only): GRDB's own spelling of a `Date` goes through a `DateFormatter`,
            // and data follows the record's strategy, as GRDB's encoder does.
            if T.self == Date.self, let date = value as? Date {
                values.list.append(StoredDate.value(date))
            } else if T.self == Data.self, let data = value as? Data {
                switch Record.databaseDataEncodingStrategy(for: key.stringValue) {
                case .deferredToData: values.list.append(data)
                case .text: values.list.append(String(decoding: data, as: UTF8.self))
                case .custom(let encode): values.list.append(encode(data))
                }
            } else if let convertible = value as? any DatabaseValueConvertible {
                values.list.append(convertible)
            } else {
                throw EncodingError.invalidValue(
                    value, EncodingError.Context(codingPath: [key], debugDescription: "no column spelling for \(T.self)"))
            }
        }

        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) { values.list.append(value) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) { values.list.append(value) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) { values.list.append(value) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) { values.list.append(value) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) { values.list.append(value) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) { values.list.append(value) }

        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { values.list.append(nil) }
        }

        mutating func nestedContainer<Nested: CodingKey>(
            keyedBy keyType: Nested.Type, forKey key: Key
        ) -> KeyedEncodingContainer<Nested> {
            preconditionFailure("\(Record.self).\(key.stringValue) is not a column value")
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            preconditionFailure("\(Record.self).\(key.stringValue) is not a column value")
        }

        mutating func superEncoder() -> any Encoder { preconditionFailure("\(Record.self) has no superclass") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("\(Record.self) has no superclass") }
    }
}
