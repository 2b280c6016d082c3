import BaseLinkerModels
extension BaseLinkerClient {
    /// Calls `method` and reads its answer with `read`, naming the method in a read error.
    func call<T>(
        _ method: String, parameters: JSONValue = [:], reading read: (JSONValue) throws(BaseLinkerError) -> T
    ) async throws -> T {
        let answer = try await call(method, parameters: parameters)
        do {
            return try read(answer)
        } catch {
            throw named(error, method: method)
        }
    }

    /// Calls `method` and reads `answer[key]` as a list of records (see ``list(_:in:_:)``).
    func call<T>(
        _ method: String, parameters: JSONValue = [:], list key: String,
        _ make: (JSONValue) throws(BaseLinkerError) -> T
    ) async throws -> [T] {
        try await call(method, parameters: parameters) { answer throws(BaseLinkerError) in
            try Self.list(key, in: answer, make)
        }
    }

    /// Calls `method` and reads `answer[key]` as a map of id → record, in id order. `{}`, `[]`,
    /// `""` and `null` are an empty map; an answer without the key is an error.
    func call<T>(
        _ method: String, parameters: JSONValue, map key: String,
        _ make: (String, JSONValue) throws(BaseLinkerError) -> T
    ) async throws -> [T] {
        try await call(method, parameters: parameters) { answer throws(BaseLinkerError) in
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

    /// Calls a method that answers with the id of what it added (`invoice_id`, `warehouse_id`, …).
    func call(_ method: String, parameters: JSONValue, id key: String) async throws -> Int {
        try await call(method, parameters: parameters) { answer throws(BaseLinkerError) in
            try FieldReader(answer, context: "response").requiredInt(key)
        }
    }

    /// Reads `answer[key]` as a list of records. `[]`, `""` and `null` are an empty list (BaseLinker
    /// sends each); an answer without the key is an error, not an empty list — a caller that
    /// checks for existing records before adding one must not read "none" from it.
    static func list<T>(
        _ key: String, in answer: JSONValue, _ make: (JSONValue) throws(BaseLinkerError) -> T
    ) throws(BaseLinkerError) -> [T] {
        let value = try required(key, in: answer)
        guard let items = value.lenientArray else {
            throw FieldReader.error("\(key): expected a list, got \(value.excerpt)")
        }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items { result.append(try make(item)) }
        return result
    }

    private static func required(_ key: String, in answer: JSONValue) throws(BaseLinkerError) -> JSONValue {
        guard let value = answer[key] else {
            throw FieldReader.error(
                "the answer has status SUCCESS but no \"\(key)\"; it is not taken as an empty list, "
                    + "since nothing would then show whether records exist")
        }
        return value
    }

    /// `error` as an error of `method`, its message without the token.
    func named(_ error: BaseLinkerError, method: String) -> BaseLinkerError {
        var error = error
        error.method = method
        error.message = redactor(error.message)
        return error
    }
}
