import BaseLinkerModels

/// Changes the types of values in an answer the way BaseLinker's PHP backend does from method
/// to method and year to year (reference §2.99), never what they mean: a number may arrive as
/// text, a flag as `"1"`, `1` or `true`, an empty map as `[]`, no `warnings` as `""` or `[]`.
/// Text stays text, so EANs, postcodes and phone numbers keep their leading zeros.
enum TypeVariance {
    static let flagKeys: Set<String> = [
        "want_invoice", "payment_method_cod", "confirmed", "pick_state", "pack_state", "pick_status",
        "pack_status", "is_default", "stock_edition", "reservations", "is_bundle", "correcting_items",
        "correcting_data",
    ]

    static func perturb(_ payload: [String: JSONValue], random: inout SeededRandom) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for key in payload.keys.sorted() {
            if key == "warnings", isEmpty(payload[key]) {
                result[key] = random.chance(0.5) ? "" : []
                continue
            }
            result[key] = perturb(payload[key] ?? .null, key: key, random: &random)
        }
        return result
    }

    /// No warnings, however PHP wrote them: `""`, `[]` or `{}`. The write methods' samples show
    /// `""`; `[]` is what an empty PHP array becomes.
    private static func isEmpty(_ value: JSONValue?) -> Bool {
        switch value {
        case .string(""), .array([]), .object([:]): return true
        default: return false
        }
    }

    private static func perturb(_ value: JSONValue, key: String?, random: inout SeededRandom) -> JSONValue {
        let isFlag = key.map(flagKeys.contains) ?? false
        switch value {
        case .object(let object):
            if object.isEmpty { return .array([]) }
            var result: [String: JSONValue] = [:]
            for childKey in object.keys.sorted() {
                // Keys of id-keyed maps (product ids, "bl_1") are data, not field names.
                result[childKey] = perturb(object[childKey] ?? .null, key: childKey, random: &random)
            }
            return .object(result)
        case .array(let items):
            return .array(items.map { perturb($0, key: nil, random: &random) })
        case .bool(let flag):
            guard random.chance(0.4) else { return value }
            return random.chance(0.5) ? .int(flag ? 1 : 0) : .string(flag ? "1" : "0")
        case .int(let number):
            guard random.chance(0.3) else { return value }
            if isFlag, number == 0 || number == 1 {
                return random.chance(0.5) ? .bool(number == 1) : .string(String(number))
            }
            return .string(String(number))
        case .double(let number):
            guard random.chance(0.3) else { return value }
            let hundredths = number * 100
            return .string(abs(hundredths - hundredths.rounded()) < 1e-6 ? Money.text(number) : String(number))
        case .string(let text) where isFlag && (text == "1" || text == "0"):
            guard random.chance(0.4) else { return value }
            return random.chance(0.5) ? .int(text == "1" ? 1 : 0) : .bool(text == "1")
        case .string, .null:
            return value
        }
    }
}
