/// Decodes `Decodable` values from ``LuaValue``s.
///
/// Keyed containers read a table's string keys (a key with an integer value also reads
/// `t[n]`), unkeyed containers read its ``LuaTable/array`` (a table with other fields is not an
/// array). Numbers convert when exact: an `Int` property accepts `3` and `3.0` but not `3.5`,
/// a `Double` property accepts integers. A missing key and `nil` both decode as `nil`.
public struct LuaDecoder {
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: LuaValue) throws -> T {
        try ValueDecoder(value: value, codingPath: [], info: userInfo).decode(type)
    }
}

struct ValueDecoder: Decoder {
    let value: LuaValue
    let codingPath: [any CodingKey]
    let info: [CodingUserInfoKey: any Sendable]
    var userInfo: [CodingUserInfoKey: Any] { info }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == LuaValue.self { return value as! T }
        return try T(from: self)
    }

    func child(_ value: LuaValue, _ key: any CodingKey) -> ValueDecoder {
        ValueDecoder(value: value, codingPath: codingPath + [key], info: info)
    }

    func mismatch<T>(_ type: T.Type, _ expected: String) -> DecodingError {
        DecodingError.typeMismatch(
            type, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(value.typeName) \(value)"))
    }

    func table(_ expected: String) throws -> LuaTable {
        guard case .table(let table) = value else { throw mismatch(LuaTable.self, expected) }
        return table
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedValueContainer<Key>(decoder: self, table: try table("a table")))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let table = try table("an array")
        guard table.fields.isEmpty else { throw mismatch([LuaValue].self, "an array (keys 1...n only)") }
        return UnkeyedValueContainer(decoder: self, elements: table.array)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
}

extension ValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value == .nil }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .boolean(let value) = value else { throw mismatch(type, "a boolean") }
        return value
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let string) = value else { throw mismatch(type, "a string") }
        guard let text = string.text else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "a string that is not UTF-8"))
        }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch value {
        case .number(let number): return number
        case .integer(let integer):
            guard let number = Double(exactly: integer) else { throw mismatch(type, "a number a Double holds exactly") }
            return number
        default: throw mismatch(type, "a number")
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let result: T?
        switch value {
        case .integer(let integer): result = T(exactly: integer)
        case .number(let number): result = T(exactly: number)
        default: throw mismatch(type, "an integer")
        }
        guard let result else { throw mismatch(type, "an integer that fits \(T.self)") }
        return result
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
}

struct KeyedValueContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    let table: LuaTable
    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        table.fields.keys.compactMap { key in
            if case .string(let name) = key, let text = name.text { return Key(stringValue: text) }
            return nil
        } + table.array.indices.compactMap { Key(intValue: $0 + 1) }
    }

    func value(_ key: Key) -> LuaValue {
        let named = table[key.stringValue]
        if named == .nil, let index = key.intValue { return table[.integer(Int64(index))] }
        return named
    }

    func contains(_ key: Key) -> Bool { value(key) != .nil }
    func decodeNil(forKey key: Key) throws -> Bool { value(key) == .nil }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let value = value(key)
        if value == .nil, !(T.self is any ExpressibleByNilLiteral.Type), T.self != LuaValue.self {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "no value for '\(key.stringValue)'"))
        }
        return try decoder.child(value, key).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(value(key), key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(value(key), key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder.child(value(key), key) }
}

struct UnkeyedValueContainer: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let elements: [LuaValue]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                LuaValue.self, .init(codingPath: codingPath, debugDescription: "past the end of the array"))
        }
        defer { currentIndex += 1 }
        return decoder.child(elements[currentIndex], IndexKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .nil else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}
