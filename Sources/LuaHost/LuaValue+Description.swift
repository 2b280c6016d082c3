extension LuaValue: CustomStringConvertible {
    /// Lua-like source text: `nil`, `true`, `42`, `3.0`, `"text"`, `{1, 2, code = 1}`. Fields
    /// are sorted so the text is stable.
    public var description: String {
        var text = ""
        describe(into: &text)
        return text
    }

    func describe(into text: inout String) {
        switch self {
        case .nil: text += "nil"
        case .boolean(let value): text += value ? "true" : "false"
        case .integer(let value): text += String(value)
        case .number(let value): text += Self.describe(number: value)
        case .string(let value): text += Self.quote(value.description)
        case .reference(let reference): text += "<reference \(reference.id)>"
        case .table(let table):
            var parts: [String] = table.array.map(\.description)
            let fields = table.fields.map { key, value in (Self.describe(key: key), value.description) }
            for (key, value) in fields.sorted(by: { $0.0 < $1.0 }) {
                parts.append("\(key) = \(value)")
            }
            text += parts.isEmpty ? "{}" : "{" + parts.joined(separator: ", ") + "}"
        }
    }

    static func describe(number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        return String(number)
    }

    static func describe(key: LuaKey) -> String {
        switch key {
        case .string(let string):
            if let text = string.text, isIdentifier(text) { return text }
            return "[\(quote(string.description))]"
        case .integer(let value): return "[\(value)]"
        case .number(let value): return "[\(describe(number: value))]"
        case .boolean(let value): return "[\(value)]"
        }
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    static func quote(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            case "\0": quoted += "\\0"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
