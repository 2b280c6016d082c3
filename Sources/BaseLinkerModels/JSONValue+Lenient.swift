import Foundation

/// Lenient readings of a JSON value, for fields that BaseLinker sends in more than one form.
///
/// Each returns `nil` when the value cannot be read as asked; callers decide whether that is
/// an error. `null` and `""` read as "absent" (the PHP backend writes both for "no value").
extension JSONValue {
    /// `true` for `null` and the empty string: BaseLinker's ways of saying "no value".
    package var isAbsent: Bool {
        switch self {
        case .null: return true
        case .string(let text): return text.trimmingCharacters(in: .whitespaces).isEmpty
        default: return false
        }
    }

    /// An integer from `5`, `5.0`, `"5"`, `"5.0"` or a flag (`true` is 1).
    package var lenientInt: Int? {
        switch self {
        case .int(let value): return Int(exactly: value)
        case .double(let value): return Int(exactly: value)
        case .bool(let value): return value ? 1 : 0
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let value = Int(trimmed) { return value }
            guard let amount = DecimalAmount(text: trimmed) else { return nil }
            return Int(exactly: amount.doubleValue)
        default: return nil
        }
    }

    /// A decimal from a JSON number or a numeric string, keeping its decimal text.
    package var lenientDecimal: DecimalAmount? {
        switch self {
        case .int(let value): return DecimalAmount(text: String(value))
        case .double(let value): return value.isFinite ? DecimalAmount(value) : nil
        case .string(let text): return DecimalAmount(text: text)
        default: return nil
        }
    }

    /// A flag from `true`/`false`, `1`/`0`, `"1"`/`"0"`, `"true"`/`"false"`, `"yes"`/`"no"`.
    package var lenientBool: Bool? {
        switch self {
        case .bool(let value): return value
        case .int(let value): return value == 0 ? false : (value == 1 ? true : nil)
        case .double(let value): return value == 0 ? false : (value == 1 ? true : nil)
        case .string(let text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "1", "true", "yes", "y", "on": return true
            case "0", "false", "no", "n", "off", "": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// Text from a string, or a number or flag written the way BaseLinker writes it
    /// (`5` is `"5"`, `true` is `"1"`). Arrays and objects give `nil`.
    package var lenientString: String? {
        switch self {
        case .string(let text): return text
        case .int(let value): return String(value)
        case .double(let value):
            if let exact = Int64(exactly: value) { return String(exact) }
            return value.description
        case .bool(let value): return value ? "1" : "0"
        case .null: return ""
        default: return nil
        }
    }

    /// A map keyed by id. PHP writes an empty map as `[]` and sometimes as `""`, and a map
    /// whose keys are 0, 1, 2… as an array; all of those are read as a map here.
    package var lenientObject: [String: JSONValue]? {
        switch self {
        case .object(let object): return object
        case .array(let array):
            var object: [String: JSONValue] = [:]
            for (index, element) in array.enumerated() { object[String(index)] = element }
            return object
        case .null: return [:]
        case .string(let text) where text.trimmingCharacters(in: .whitespaces).isEmpty: return [:]
        case .bool(false): return [:]
        default: return nil
        }
    }

    /// A list. An object (a PHP array that lost its sequential keys) is read as its values in
    /// key order (numeric keys numerically); `null` and `""` as an empty list.
    package var lenientArray: [JSONValue]? {
        switch self {
        case .array(let array): return array
        case .object(let object):
            return object.sorted { JSONValue.keyOrder($0.key, $1.key) }.map(\.value)
        case .null: return []
        case .string(let text) where text.trimmingCharacters(in: .whitespaces).isEmpty: return []
        default: return nil
        }
    }

    /// Orders map keys numerically when both are numbers, else as text.
    package static func keyOrder(_ lhs: String, _ rhs: String) -> Bool {
        switch (Int(lhs), Int(rhs)) {
        case let (left?, right?): return left < right
        default: return lhs < rhs
        }
    }

    /// A short rendering for error messages: strings quoted, containers summarised.
    package var excerpt: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return String(value)
        case .int(let value): return String(value)
        case .double(let value): return value.description
        case .string(let text):
            let short = text.count > 60 ? String(text.prefix(60)) + "…" : text
            return "\"\(short)\""
        case .array(let array): return "an array of \(array.count)"
        case .object(let object): return "an object of \(object.count) keys"
        }
    }
}
