/// A Lua value as Swift data.
///
/// Integers and floats stay apart in both directions: a Lua integer arrives as ``integer(_:)``
/// and a float as ``number(_:)`` even when its value is integral (`3.0`), and ``integer(_:)`` is
/// pushed as a Lua integer. Strings keep every byte (see ``LuaString``), tables are
/// ``LuaTable``s. A ``reference(_:)`` stands for a value that lives in the runtime (a host
/// function, a retained table, a script's environment); it is pushed as that value and is never
/// produced by reading Lua values. Lua functions and other non-data values cannot be read: that
/// is a ``ScriptError/Kind/invalidValue`` error, as is a cyclic table.
public enum LuaValue: Sendable, Hashable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(LuaString)
    case table(LuaTable)
    case reference(LuaReference)

    public init(_ string: String) { self = .string(LuaString(string)) }
    public init(_ integer: Int) { self = .integer(Int64(integer)) }
    public init(_ number: Double) { self = .number(number) }
    public init(_ boolean: Bool) { self = .boolean(boolean) }

    /// Lua's truth: everything but `nil` and `false`.
    public var isTruthy: Bool {
        switch self {
        case .nil, .boolean(false): false
        default: true
        }
    }

    public var isNil: Bool { self == .nil }

    public var boolValue: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// The integer of ``integer(_:)`` only; a float is not an integer here.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The number of ``number(_:)``, or of ``integer(_:)`` converted.
    public var doubleValue: Double? {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    /// The text of a string whose bytes are valid UTF-8.
    public var stringValue: String? {
        if case .string(let value) = self { return value.text }
        return nil
    }

    public var tableValue: LuaTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// A field of a table (`.nil` for a missing field or a value that is not a table).
    public subscript(key: String) -> LuaValue {
        tableValue?[key] ?? .nil
    }

    /// An element of a table, 1-based as in Lua.
    public subscript(index: Int) -> LuaValue {
        tableValue?[.integer(Int64(index))] ?? .nil
    }

    /// The Lua type name: "nil", "boolean", "number", "string", "table", or "reference".
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .table: "table"
        case .reference: "reference"
        }
    }
}

extension LuaValue: ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(LuaString(value)) }
    public init(stringInterpolation: DefaultStringInterpolation) {
        self = .string(LuaString(String(stringInterpolation: stringInterpolation)))
    }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .table(LuaTable(array: elements)) }
    public init(dictionaryLiteral elements: (LuaKey, LuaValue)...) {
        self = .table(LuaTable(array: [], fields: Dictionary(elements, uniquingKeysWith: { _, last in last })))
    }
}

extension Array where Element == LuaValue {
    /// The argument at a 0-based position, `.nil` past the end (Lua passes missing arguments
    /// as nil).
    public func argument(_ index: Int) -> LuaValue {
        indices.contains(index) ? self[index] : .nil
    }
}

/// A value kept alive in a runtime's registry: a host function, a retained table, a script's
/// environment. Push it as ``LuaValue/reference(_:)``, on its own or inside a table; pushing it
/// costs one registry read. It belongs to the runtime that made it: any other runtime, one
/// made after it was freed included, refuses it.
public struct LuaReference: Sendable, Hashable {
    let id: Int32
    /// The serial of the runtime that made it.
    let owner: UInt64
}
