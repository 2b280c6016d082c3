import Foundation
import BaseLinkerModels

/// The `parameters` object of a call, read leniently the way PHP reads it (`"5"` is 5, `"1"` and
/// `true` are true), with errors that name the parameter.
struct Parameters {
    let values: [String: JSONValue]

    init(_ values: [String: JSONValue]) {
        self.values = values
    }

    func has(_ key: String) -> Bool {
        if let value = values[key], value != .null { return true }
        return false
    }

    func int(_ key: String) throws(SandboxAPIError) -> Int {
        guard let value = values[key], value != .null else { throw .badParameters("Missing required parameter '\(key)'") }
        return try Self.int(value, key)
    }

    func optionalInt(_ key: String) throws(SandboxAPIError) -> Int? {
        guard let value = values[key], value != .null else { return nil }
        if value == "" { return nil }
        return try Self.int(value, key)
    }

    func optionalDouble(_ key: String) throws(SandboxAPIError) -> Double? {
        guard let value = values[key], value != .null else { return nil }
        return try Self.double(value, key)
    }

    func bool(_ key: String, default fallback: Bool) throws(SandboxAPIError) -> Bool {
        guard let value = values[key], value != .null else { return fallback }
        switch value {
        case .bool(let flag): return flag
        case .int(let number): return number != 0
        case .string("1"), .string("true"): return true
        case .string("0"), .string("false"), .string(""): return false
        default: throw .badParameters("Parameter '\(key)' must be a boolean, got \(Self.show(value))")
        }
    }

    func optionalString(_ key: String) throws(SandboxAPIError) -> String? {
        guard let value = values[key], value != .null else { return nil }
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        default: throw .badParameters("Parameter '\(key)' must be a string, got \(Self.show(value))")
        }
    }

    func string(_ key: String) throws(SandboxAPIError) -> String {
        guard let text = try optionalString(key) else { throw .badParameters("Missing required parameter '\(key)'") }
        return text
    }

    func array(_ key: String) throws(SandboxAPIError) -> [JSONValue] {
        guard let value = values[key], value != .null else { throw .badParameters("Missing required parameter '\(key)'") }
        guard case .array(let items) = value else {
            throw .badParameters("Parameter '\(key)' must be an array, got \(Self.show(value))")
        }
        return items
    }

    /// An object; PHP's empty array `[]` counts as an empty object.
    func object(_ key: String) throws(SandboxAPIError) -> [String: JSONValue] {
        guard let value = values[key], value != .null else { throw .badParameters("Missing required parameter '\(key)'") }
        return try Self.object(value, key)
    }

    func optionalObject(_ key: String) throws(SandboxAPIError) -> [String: JSONValue]? {
        guard let value = values[key], value != .null else { return nil }
        return try Self.object(value, key)
    }

    static func object(_ value: JSONValue, _ key: String) throws(SandboxAPIError) -> [String: JSONValue] {
        switch value {
        case .object(let object): return object
        case .array(let items) where items.isEmpty: return [:]
        default: throw .badParameters("Parameter '\(key)' must be an object, got \(show(value))")
        }
    }

    static func int(_ value: JSONValue, _ key: String) throws(SandboxAPIError) -> Int {
        switch value {
        case .int(let number): return Int(number)
        case .double(let number) where number == number.rounded() && abs(number) < 1e15: return Int(number)
        case .string(let text):
            if let number = Int(text.trimmingCharacters(in: .whitespaces)) { return number }
        default: break
        }
        throw .badParameters("Parameter '\(key)' must be an integer, got \(show(value))")
    }

    static func double(_ value: JSONValue, _ key: String) throws(SandboxAPIError) -> Double {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        case .string(let text):
            if let number = Double(text.trimmingCharacters(in: .whitespaces)) { return number }
        default: break
        }
        throw .badParameters("Parameter '\(key)' must be a number, got \(show(value))")
    }

    static func show(_ value: JSONValue) -> String {
        guard let data = try? value.serialized(), let text = String(data: data, encoding: .utf8) else { return "a value" }
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
