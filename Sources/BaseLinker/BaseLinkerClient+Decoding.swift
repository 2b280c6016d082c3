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

    /// Reads `answer[key]` as a list of records.
    func read<T>(
        _ method: String, _ answer: JSONValue, list key: String,
        _ make: (JSONValue) throws(BaseLinkerError) -> T
    ) throws(BaseLinkerError) -> [T] {
        try decoding(method) { () throws(BaseLinkerError) in
            guard let items = (answer[key] ?? []).lenientArray else {
                throw FieldReader.error("\(key): expected a list, got \(answer[key]?.excerpt ?? "nothing")")
            }
            var result: [T] = []
            result.reserveCapacity(items.count)
            for item in items { result.append(try make(item)) }
            return result
        }
    }

    /// Reads `answer[key]` as a map of id → record, in id order.
    func read<T>(
        _ method: String, _ answer: JSONValue, map key: String,
        _ make: (String, JSONValue) throws(BaseLinkerError) -> T
    ) throws(BaseLinkerError) -> [T] {
        try decoding(method) { () throws(BaseLinkerError) in
            guard let map = (answer[key] ?? [:]).lenientObject else {
                throw FieldReader.error("\(key): expected an object, got \(answer[key]?.excerpt ?? "nothing")")
            }
            var result: [T] = []
            result.reserveCapacity(map.count)
            for (id, item) in map.sorted(by: { JSONValue.keyOrder($0.key, $1.key) }) {
                result.append(try make(id, item))
            }
            return result
        }
    }

    /// Reads a whole-number field of the answer (`invoice_id`, `warehouse_id`, …).
    func readInt(_ method: String, _ answer: JSONValue, _ key: String) throws(BaseLinkerError) -> Int {
        try decoding(method) { () throws(BaseLinkerError) in
            try FieldReader(answer, context: "response").requiredInt(key)
        }
    }
}
