import FirminoStore
import TOMLKit

/// Reads one table of the configuration: typed getters that report a wrong type or a bad value
/// with the file, the line and the dotted key, and a check that no key is left unknown.
final class TableReader {
    private let table: TOMLTable
    private let path: [String]
    private let file: String
    private let keyLines: KeyLines
    private var read: Set<String> = []

    init(table: TOMLTable, path: [String], file: String, keyLines: KeyLines) {
        self.table = table
        self.path = path
        self.file = file
        self.keyLines = keyLines
    }

    /// An error about `key` of this table (or about the table itself when `key` is nil).
    func error(_ key: String?, _ message: String) -> ConfigurationError {
        let dotted = key.map { path + [$0] } ?? path
        return ConfigurationError(
            file: file, line: keyLines.line(of: dotted),
            key: dotted.isEmpty ? nil : dotted.joined(separator: "."), message: message)
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    /// The line on which `key` of this table is written (or its nearest written parent).
    func line(of key: String) -> Int? { keyLines.line(of: path + [key]) }

    private func value(_ key: String) -> (any TOMLValueConvertible)? {
        read.insert(key)
        return table[key]
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let value = value(key) else { return fallback }
        guard let bool = value.bool else { throw error(key, "must be true or false, found \(describe(value))") }
        return bool
    }

    func int(_ key: String, default fallback: Int, in range: ClosedRange<Int> = 0...Int.max) throws -> Int {
        guard let value = value(key) else { return fallback }
        guard let int = value.int else { throw error(key, "must be a whole number, found \(describe(value))") }
        guard range.contains(int) else {
            throw error(key, "must be \(Self.describe(range)), found \(int)")
        }
        return int
    }

    func string(_ key: String, default fallback: String) throws -> String {
        try optionalString(key) ?? fallback
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.string else { throw error(key, "must be a string, found \(describe(value))") }
        return string
    }

    /// A string that must be one of `choices`.
    func choice(_ key: String, default fallback: String, from choices: [String]) throws -> String {
        let string = try string(key, default: fallback)
        guard choices.contains(string) else {
            let list = choices.map { "\"\($0)\"" }
            let expected = list.count == 2 ? "\(list[0]) or \(list[1])" : "one of \(list.joined(separator: ", "))"
            throw error(key, "must be \(expected), found \"\(string)\"")
        }
        return string
    }

    /// `"all"`, or an array whose items are whole numbers or strings, in the order written; an
    /// empty array selects nothing, as a missing key does.
    func statuses(_ key: String) throws -> Configuration.StatusSelection {
        guard let value = value(key) else { return .unset }
        if value.string == "all" { return .all }
        guard let array = value.array else {
            throw error(key, "must be \"all\" or an array of status ids or names, found \(describe(value))")
        }
        let listed = try array.map { item -> Configuration.StatusReference in
            if let id = item.int { return .id(id) }
            if let name = item.string, !name.isEmpty { return .name(name) }
            throw error(key, "each status must be an id or a non-empty name, found \(describe(item))")
        }
        return listed.isEmpty ? .unset : .listed(listed)
    }

    /// A day, written as TOML's own date (`2026-11-01`) or as a string (`"2026-11-01"`).
    func day(_ key: String) throws -> BusinessDate? {
        guard let value = value(key) else { return nil }
        if let date = value.date {
            guard let day = BusinessDate(year: date.year, month: date.month, day: date.day) else {
                throw error(key, "is not a day of the calendar, found \(describe(value))")
            }
            return day
        }
        guard let text = value.string else {
            throw error(key, "must be a date such as 2026-11-01, found \(describe(value))")
        }
        guard let day = BusinessDate(text) else {
            throw error(key, "must be a date written YYYY-MM-DD, found \"\(text)\"")
        }
        return day
    }

    /// A status given as an id or a name; an empty string (the default) means none.
    func optionalStatus(_ key: String) throws -> Configuration.StatusReference? {
        guard let value = value(key) else { return nil }
        if let id = value.int { return .id(id) }
        if let name = value.string { return name.isEmpty ? nil : .name(name) }
        throw error(key, "must be a status id or name, found \(describe(value))")
    }

    /// A sub-table, read by `body`, whose own unknown keys are reported.
    func table<T>(_ key: String, _ body: (TableReader) throws -> T) throws -> T {
        let reader: TableReader
        if let value = value(key) {
            guard let table = value.table else { throw error(key, "must be a table, found \(describe(value))") }
            reader = TableReader(table: table, path: path + [key], file: file, keyLines: keyLines)
        } else {
            reader = TableReader(table: TOMLTable(), path: path + [key], file: file, keyLines: keyLines)
        }
        let result = try body(reader)
        try reader.rejectUnknownKeys()
        return result
    }

    /// The entries of a free-form sub-table (such as `warehouses.map`), each checked by `body`.
    func entries<T>(_ key: String, _ body: (String, any TOMLValueConvertible, TableReader) throws -> T) throws -> [T] {
        guard let value = value(key) else { return [] }
        guard let table = value.table else { throw error(key, "must be a table, found \(describe(value))") }
        let reader = TableReader(table: table, path: path + [key], file: file, keyLines: keyLines)
        return try table.keys.sorted().map { entry in try body(entry, table[entry]!, reader) }
    }

    func rejectUnknownKeys() throws {
        for key in table.keys.sorted() where !read.contains(key) {
            throw error(key, "unknown key")
        }
    }

    func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "the string \"\(value.string ?? "")\""
        case .int: return "the number \(value.int ?? 0)"
        case .double: return "the number \(value.double ?? 0)"
        case .bool: return value.bool == true ? "true" : "false"
        case .array: return "an array"
        case .table: return "a table"
        case .date: return "the date \(value.date.map { "\($0.year)-\($0.month)-\($0.day)" } ?? "")"
        case .dateTime: return "a date with a time"
        case .time: return "a time of day"
        }
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
        return "between \(range.lowerBound) and \(range.upperBound)"
    }
}
