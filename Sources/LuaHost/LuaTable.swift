/// A key of a Lua table, as far as it can leave Lua: a string, a number or a boolean.
///
/// A table whose keys are tables or functions cannot be converted to a ``LuaValue``. Lua stores
/// a float key with an integral value as an integer key, so `.number(2)` and `.integer(2)` name
/// the same slot once pushed.
public enum LuaKey: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    case string(LuaString)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)

    public init(_ string: String) { self = .string(LuaString(string)) }
    public init(stringLiteral value: String) { self = .string(LuaString(value)) }
    public init(integerLiteral value: Int64) { self = .integer(value) }

    public var description: String {
        switch self {
        case .string(let string): string.description
        case .integer(let integer): String(integer)
        case .number(let number): String(number)
        case .boolean(let boolean): String(boolean)
        }
    }
}

/// A Lua table as data: its sequence part and its other fields.
///
/// Conversions from Lua always produce the normal form: ``array`` holds `t[1]` … `t[n]` for the
/// longest run of non-nil values from key 1, and ``fields`` holds every other key (including
/// integer keys after a hole, `0`, negatives). So `{1, 2, x = 3}` has `array == [1, 2]` and
/// `fields == ["x": 3]`; a table with `fields` empty is an array, one with `array` empty is a
/// map, and the empty table is both. A `nil` in ``array`` pushed to Lua leaves a hole; a `nil`
/// field is not set.
public struct LuaTable: Sendable, Hashable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public var array: [LuaValue]
    public var fields: [LuaKey: LuaValue]

    public init() {
        array = []
        fields = [:]
    }

    public init(array: [LuaValue], fields: [LuaKey: LuaValue] = [:]) {
        self.array = array
        self.fields = fields
    }

    public init(arrayLiteral elements: LuaValue...) {
        self.init(array: elements)
    }

    public init(dictionaryLiteral elements: (LuaKey, LuaValue)...) {
        self.init(array: [], fields: Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// The value at a key, `.nil` when absent; integer keys 1…n read ``array``.
    public subscript(key: LuaKey) -> LuaValue {
        get {
            if case .integer(let index) = key, index >= 1, index <= array.count {
                return array[Int(index) - 1]
            }
            return fields[key] ?? .nil
        }
        set {
            if case .integer(let index) = key, index >= 1, index <= array.count {
                array[Int(index) - 1] = newValue
            } else if case .integer(let index) = key, index == array.count + 1, newValue != .nil {
                array.append(newValue)
                fields[key] = nil
            } else {
                fields[key] = newValue == .nil ? nil : newValue
            }
        }
    }

    public subscript(key: String) -> LuaValue {
        get { self[.string(LuaString(key))] }
        set { self[.string(LuaString(key))] = newValue }
    }

    /// No keys at all.
    public var isEmpty: Bool { array.isEmpty && fields.isEmpty }
}
