/// Encodes `Encodable` values as ``LuaValue``s.
///
/// Swift integers become ``LuaValue/integer(_:)`` (a `UInt64` above `Int64.max` is an error),
/// `Double` and `Float` become ``LuaValue/number(_:)`` even when integral, strings stay
/// strings, keyed containers become tables with string keys, unkeyed containers arrays. A `nil`
/// optional leaves its key out. A ``LuaValue`` property is taken as it is. Values nested more
/// than 200 levels deep (a cyclic object graph) are an error.
public struct LuaEncoder {
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> LuaValue {
        let node = EncodingNode()
        try node.encode(value, path: [], userInfo: userInfo)
        return node.resolve()
    }
}

final class EncodingNode {
    var value: LuaValue = .nil
    var keyed: [String: EncodingNode]?
    var unkeyed: [EncodingNode]?

    func resolve() -> LuaValue {
        if let keyed {
            var fields: [LuaKey: LuaValue] = [:]
            fields.reserveCapacity(keyed.count)
            for (key, node) in keyed {
                let value = node.resolve()
                if value != .nil { fields[LuaKey(key)] = value }
            }
            return .table(LuaTable(array: [], fields: fields))
        }
        if let unkeyed { return .table(LuaTable(array: unkeyed.map { $0.resolve() })) }
        return value
    }

    func encode<T: Encodable>(_ value: T, path: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) throws {
        if let value = value as? LuaValue {
            self.value = value
            return
        }
        guard path.count < LuaRuntime.maximumDepth else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: path, debugDescription: "nested more than 200 levels deep (a cycle?)"))
        }
        try value.encode(to: NodeEncoder(node: self, codingPath: path, userInfo: userInfo))
    }
}

struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    let info: [CodingUserInfoKey: any Sendable]
    var userInfo: [CodingUserInfoKey: Any] { info }

    init(node: EncodingNode, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.node = node
        self.codingPath = codingPath
        self.info = userInfo
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.keyed == nil { node.keyed = [:] }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.unkeyed == nil { node.unkeyed = [] }
        return UnkeyedNodeContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeContainer(encoder: self) }

    func set(_ value: LuaValue) { node.value = value }

    static func integer<T: BinaryInteger>(_ value: T, path: [any CodingKey]) throws -> LuaValue {
        guard let integer = Int64(exactly: value) else {
            throw EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: "\(value) does not fit a Lua integer"))
        }
        return .integer(integer)
    }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.set(.nil) }
    mutating func encode(_ value: Bool) throws { encoder.set(.boolean(value)) }
    mutating func encode(_ value: String) throws { encoder.set(.string(LuaString(value))) }
    mutating func encode(_ value: Double) throws { encoder.set(.number(value)) }
    mutating func encode(_ value: Float) throws { encoder.set(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { encoder.set(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { encoder.set(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { encoder.set(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { encoder.set(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { encoder.set(.integer(value)) }
    mutating func encode(_ value: UInt) throws { encoder.set(try NodeEncoder.integer(value, path: codingPath)) }
    mutating func encode(_ value: UInt8) throws { encoder.set(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { encoder.set(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { encoder.set(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { encoder.set(try NodeEncoder.integer(value, path: codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.node.encode(value, path: codingPath, userInfo: encoder.info)
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func child(_ key: Key) -> EncodingNode {
        let node = EncodingNode()
        encoder.node.keyed![key.stringValue] = node
        return node
    }

    mutating func encodeNil(forKey key: Key) throws { child(key).value = .nil }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try child(key).encode(value, path: codingPath + [key], userInfo: encoder.info)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: child(key), codingPath: codingPath + [key], userInfo: encoder.info)
            .container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: child(key), codingPath: codingPath + [key], userInfo: encoder.info)
            .unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: child(key), codingPath: codingPath + [key], userInfo: encoder.info)
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.node.unkeyed!.count }

    private func next() -> (EncodingNode, [any CodingKey]) {
        let node = EncodingNode()
        let path = codingPath + [IndexKey(intValue: count)]
        encoder.node.unkeyed!.append(node)
        return (node, path)
    }

    mutating func encodeNil() throws { _ = next() }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let (node, path) = next()
        try node.encode(value, path: path, userInfo: encoder.info)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let (node, path) = next()
        return NodeEncoder(node: node, codingPath: path, userInfo: encoder.info).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (node, path) = next()
        return NodeEncoder(node: node, codingPath: path, userInfo: encoder.info).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let (node, path) = next()
        return NodeEncoder(node: node, codingPath: path, userInfo: encoder.info)
    }
}

struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { intValue.map(String.init) ?? "" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) {
        guard let value = Int(stringValue) else { return nil }
        intValue = value
    }
}
