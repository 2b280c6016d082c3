/// `LuaValue` as a `Codable` value, so a property can hold raw Lua data.
///
/// ``LuaEncoder`` and ``LuaDecoder`` take such a property as it is. Other coders see JSON-like
/// data: a table with only an array part is a list, any other table a map whose keys are the
/// keys' text; a ``LuaValue/reference(_:)`` cannot be encoded.
extension LuaValue: Codable {
    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? ValueDecoder {
            self = decoder.value
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .nil
        } else if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(LuaString(value))
        } else if let value = try? container.decode([LuaValue].self) {
            self = .table(LuaTable(array: value))
        } else {
            let fields = try container.decode([String: LuaValue].self)
            var table = LuaTable()
            for (key, value) in fields { table.fields[LuaKey(key)] = value }
            self = .table(table)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .nil: try container.encodeNil()
        case .boolean(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value.description)
        case .table(let table) where table.fields.isEmpty: try container.encode(table.array)
        case .table(let table):
            var fields: [String: LuaValue] = [:]
            for (index, value) in table.array.enumerated() { fields[String(index + 1)] = value }
            for (key, value) in table.fields { fields[key.description] = value }
            try container.encode(fields)
        case .reference:
            throw EncodingError.invalidValue(
                self, .init(codingPath: encoder.codingPath, debugDescription: "a Lua reference has no data to encode"))
        }
    }
}
