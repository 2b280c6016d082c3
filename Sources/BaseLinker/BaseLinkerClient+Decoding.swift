import BaseLinkerModels
extension BaseLinkerClient {
    /// Runs a model reader, naming the method in its error.
    func decoding<T>(_ method: String, _ body: () throws(BaseLinkerError) -> T) throws(BaseLinkerError) -> T {
        do {
            return try body()
        } catch {
            var error = error
            error.method = method
            error.message = redactor(error.message)
            throw error
        }
    }

    /// Reads `answer[key]` as a list of records. `[]`, `""` and `null` are an empty list (BaseLinker
    /// sends each); an answer without the key is an error, not an empty list — a caller that
    /// checks for existing records before adding one must not read "none" from it.
    func read<T>(
        _ method: String, _ answer: JSONValue, list key: String,
        _ make: (JSONValue) throws(BaseLinkerError) -> T
    ) throws(BaseLinkerError) -> [T] {
        try decoding(method) { () throws(BaseLinkerError) in
            let value = try Self.required(key, in: answer)
            guard let items = value.lenientArray else {
                throw FieldReader.error("\(key): expected a list, got \(value.excerpt)")
            }
            var result: [T] = []
            result.reserveCapacity(items.count)
            for item in items { result.append(try make(item)) }
            return result
        }
    }

    /// Reads `answer[key]` as a map of id → record, in id order. `{}`, `[]`, `""` and `null`
    /// are an empty map; an answer without the key is an error.
    func read<T>(
        _ method: String, _ answer: JSONValue, map key: String,
        _ make: (String, JSONValue) throws(BaseLinkerError) -> T
    ) throws(BaseLinkerError) -> [T] {
        try decoding(method) { () throws(BaseLinkerError) in
            let value = try Self.required(key, in: answer)
            guard let map = value.lenientObject else {
                throw FieldReader.error("\(key): expected an object, got \(value.excerpt)")
            }
            var result: [T] = []
            result.reserveCapacity(map.count)
            for (id, item) in map.sorted(by: { JSONValue.keyOrder($0.key, $1.key) }) {
                result.append(try make(id, item))
            }
            return result
        }
    }

    private static func required(_ key: String, in answer: JSONValue) throws(BaseLinkerError) -> JSONValue {
        guard let value = answer[key] else {
            throw FieldReader.error(
                "the answer has status SUCCESS but no \"\(key)\"; it is not taken as an empty list, "
                    + "since nothing would then show whether records exist")
        }
        return value
    }

    /// Reads a whole-number field of the answer (`invoice_id`, `warehouse_id`, …).
    func readInt(_ method: String, _ answer: JSONValue, _ key: String) throws(BaseLinkerError) -> Int {
        try decoding(method) { () throws(BaseLinkerError) in
            try FieldReader(answer, context: "response").requiredInt(key)
        }
    }
}
