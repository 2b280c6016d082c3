import BaseLinkerModels
import LuaHost

/// Lua data as JSON, for the parameters of `bl.call`: a table whose keys are 1…n is an array,
/// any other table an object (its keys as strings); an empty table is an empty array inside
/// the parameters, and the parameters themselves are always an object. (JSON back to Lua is
/// ``OrderTable/json(_:)``: `null` becomes nil.)
enum LuaJSON {
    struct Unrepresentable: Error, CustomStringConvertible {
        let description: String
    }

    /// The parameters of a call: nil is `{}`.
    static func parameters(_ value: LuaValue) throws -> JSONValue {
        switch value {
        case .nil: return .object([:])
        case .table(let table) where table.isEmpty: return .object([:])
        case .table(let table) where table.array.isEmpty: return try json(value, path: "parameters")
        case .table: throw Unrepresentable(description: "parameters must be a table of named fields, not a list")
        default: throw Unrepresentable(description: "parameters must be a table, not a \(value.typeName)")
        }
    }

    static func json(_ value: LuaValue, path: String) throws -> JSONValue {
        switch value {
        case .nil: return .null
        case .boolean(let flag): return .bool(flag)
        case .integer(let number): return .int(number)
        case .number(let number):
            guard number.isFinite else { throw Unrepresentable(description: "\(path) is \(number), which JSON cannot hold") }
            return .double(number)
        case .string(let string):
            guard let text = string.text else { throw Unrepresentable(description: "\(path) is not valid UTF-8 text") }
            return .string(text)
        case .reference: throw Unrepresentable(description: "\(path) is a function, which JSON cannot hold")
        case .table(let table):
            if table.fields.isEmpty {
                return .array(try table.array.enumerated().map { try json($0.element, path: "\(path)[\($0.offset + 1)]") })
            }
            var object: [String: JSONValue] = [:]
            for (index, element) in table.array.enumerated() {
                object[String(index + 1)] = try json(element, path: "\(path)[\(index + 1)]")
            }
            for (key, element) in table.fields {
                let name: String
                switch key {
                case .string(let string):
                    guard let text = string.text else { throw Unrepresentable(description: "a key of \(path) is not valid UTF-8") }
                    name = text
                case .integer(let number): name = String(number)
                case .number, .boolean: throw Unrepresentable(description: "\(path) has the key \(key), which JSON cannot hold")
                }
                object[name] = try json(element, path: "\(path).\(name)")
            }
            return .object(object)
        }
    }
}
