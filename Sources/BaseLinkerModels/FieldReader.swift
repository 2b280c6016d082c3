/// Reads the fields of one JSON object leniently, and says exactly where a value is unusable.
///
/// The rule for every typed read: a missing key, `null` or `""` is "absent" (`nil`, or the
/// empty default); a present value is read in any of the forms BaseLinker uses; a present
/// value that cannot be read at all is an error naming the record and the key — it is never
/// silently dropped.
package struct FieldReader {
    package let object: [String: JSONValue]
    /// Where the object sits, for messages: `order 123`, `products["17"]`.
    package let context: String

    package init(_ value: JSONValue, context: String) throws(BaseLinkerError) {
        guard case .object(let object) = value else {
            throw FieldReader.error("\(context): expected an object, got \(value.excerpt)")
        }
        self.object = object
        self.context = context
    }

    package init(object: [String: JSONValue], context: String) {
        self.object = object
        self.context = context
    }

    /// Reads a record and its required id (`idKey`), with a reader that names the record by its
    /// id in every later message: `order 123: currency: …`.
    package static func record(
        _ value: JSONValue, _ name: String, id idKey: String
    ) throws(BaseLinkerError) -> (id: Int, fields: FieldReader) {
        let fields = try FieldReader(value, context: name)
        let id = try fields.requiredInt(idKey)
        return (id, FieldReader(object: fields.object, context: "\(name) \(id)"))
    }

    package static func error(_ message: String) -> BaseLinkerError {
        BaseLinkerError(kind: .unexpectedData, message: message)
    }

    private func mismatch(_ key: String, _ expected: String, _ value: JSONValue) -> BaseLinkerError {
        FieldReader.error("\(context): \(key): expected \(expected), got \(value.excerpt)")
    }

    private func present(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isAbsent else { return nil }
        return value
    }

    package func int(_ key: String) throws(BaseLinkerError) -> Int? {
        guard let value = present(key) else { return nil }
        guard let int = value.lenientInt else { throw mismatch(key, "an integer", value) }
        return int
    }

    /// A count of things (a quantity): a whole number, as a number or numeric text — never a
    /// flag, which would silently become 1.
    package func count(_ key: String) throws(BaseLinkerError) -> Int? {
        guard let value = present(key) else { return nil }
        if case .bool = value { throw mismatch(key, "a whole number", value) }
        guard let int = value.lenientInt else { throw mismatch(key, "a whole number", value) }
        return int
    }

    package func requiredInt(_ key: String) throws(BaseLinkerError) -> Int {
        guard let int = try int(key) else {
            throw FieldReader.error("\(context): \(key) is missing")
        }
        return int
    }

    /// The id of an entry of a map keyed by id (`products["17"]`): the first of `keys` the entry
    /// holds, else its key in the map. Every key is read, so an unreadable one is an error even
    /// when an earlier one holds the id.
    package func entryID(_ keys: String..., mapKey: String, of what: String) throws(BaseLinkerError) -> Int {
        var found: Int?
        for key in keys {
            let id = try int(key)
            if found == nil { found = id }
        }
        guard let id = found ?? Int(mapKey) else {
            throw FieldReader.error("\(context): no \(what) id")
        }
        return id
    }

    package func decimal(_ key: String) throws(BaseLinkerError) -> DecimalAmount? {
        guard let value = present(key) else { return nil }
        guard let amount = value.lenientDecimal else { throw mismatch(key, "a number", value) }
        return amount
    }

    /// A flag; absent reads as `false`.
    package func flag(_ key: String) throws(BaseLinkerError) -> Bool {
        try optionalFlag(key) ?? false
    }

    package func optionalFlag(_ key: String) throws(BaseLinkerError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard let flag = value.lenientBool else { throw mismatch(key, "a flag", value) }
        return flag
    }

    /// Text; absent reads as `""`, numbers and flags as BaseLinker writes them.
    package func string(_ key: String) throws(BaseLinkerError) -> String {
        guard let value = object[key] else { return "" }
        guard let text = value.lenientString else { throw mismatch(key, "text", value) }
        return text
    }

    /// A map keyed by id; absent, `[]` and `""` read as empty.
    package func map(_ key: String) throws(BaseLinkerError) -> [String: JSONValue] {
        guard let value = object[key] else { return [:] }
        guard let map = value.lenientObject else { throw mismatch(key, "an object", value) }
        return map
    }

    package func array(_ key: String) throws(BaseLinkerError) -> [JSONValue] {
        guard let value = object[key] else { return [] }
        guard let array = value.lenientArray else { throw mismatch(key, "a list", value) }
        return array
    }

    package func strings(_ key: String) throws(BaseLinkerError) -> [String] {
        try elements(key, "text", \.lenientString)
    }

    package func ints(_ key: String) throws(BaseLinkerError) -> [Int] {
        try elements(key, "an integer", \.lenientInt)
    }

    private func elements<T>(
        _ key: String, _ expected: String, _ read: (JSONValue) -> T?
    ) throws(BaseLinkerError) -> [T] {
        var result: [T] = []
        for (index, element) in try array(key).enumerated() {
            guard let value = read(element) else { throw mismatch("\(key)[\(index)]", expected, element) }
            result.append(value)
        }
        return result
    }

    /// A map of id → number (prices, stock); entries keep their keys as sent.
    package func decimalMap(_ key: String) throws(BaseLinkerError) -> [String: DecimalAmount] {
        var result: [String: DecimalAmount] = [:]
        for (entryKey, value) in try map(key) {
            if value.isAbsent { continue }
            guard let amount = value.lenientDecimal else {
                throw mismatch("\(key)[\"\(entryKey)\"]", "a number", value)
            }
            result[entryKey] = amount
        }
        return result
    }

    /// A map of id → whole number (stock levels).
    package func intMap(_ key: String) throws(BaseLinkerError) -> [String: Int] {
        try FieldReader.intMap(map(key), context: "\(context): \(key)")
    }

    package static func intMap(
        _ map: [String: JSONValue], context: String
    ) throws(BaseLinkerError) -> [String: Int] {
        var result: [String: Int] = [:]
        for (entryKey, value) in map {
            if value.isAbsent { continue }
            guard let int = value.lenientInt else {
                throw error("\(context)[\"\(entryKey)\"]: expected an integer, got \(value.excerpt)")
            }
            result[entryKey] = int
        }
        return result
    }

    /// A map of id → text (order sources, warnings).
    package func stringMap(_ key: String) throws(BaseLinkerError) -> [String: String] {
        var result: [String: String] = [:]
        for (entryKey, value) in try map(key) {
            guard let text = value.lenientString else {
                throw mismatch("\(key)[\"\(entryKey)\"]", "text", value)
            }
            result[entryKey] = text
        }
        return result
    }
}
