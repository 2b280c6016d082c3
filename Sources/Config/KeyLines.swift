/// Finds the line on which each key of a TOML document is written, so that a semantic error
/// (an unknown key, a wrong type, a bad value) can name its line. The parser only reports lines
/// for syntax errors; this scan is enough for a configuration file: table headers, `key = value`
/// lines and the keys of one-line inline tables.
struct KeyLines: Sendable {
    private var lines: [String: Int] = [:]

    /// No keys: for a configuration made in code.
    init() {}

    init(text: String) {
        var table: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("[") {
                let header = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
                table = Self.path(header)
                record(table, line: number)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = table + Self.path(line[..<equals])
            record(key, line: number)
            // Keys of an inline table on the same line: `map = { bl_1 = 1, bl_2 = 2 }`.
            let rest = line[line.index(after: equals)...].drop(while: { $0 == " " })
            if rest.hasPrefix("{") {
                for entry in rest.dropFirst().split(separator: ",") {
                    guard let innerEquals = entry.firstIndex(of: "=") else { continue }
                    record(key + Self.path(entry[..<innerEquals]), line: number)
                }
            }
        }
    }

    /// The line of `dotted` (e.g. `orders.statuses`), or of its nearest written parent.
    func line(of dotted: [String]) -> Int? {
        var key = dotted
        while !key.isEmpty {
            if let line = lines[key.joined(separator: ".")] { return line }
            key.removeLast()
        }
        return nil
    }

    private mutating func record(_ key: [String], line: Int) {
        let joined = key.joined(separator: ".")
        if lines[joined] == nil { lines[joined] = line }
    }

    private static func path(_ text: Substring) -> [String] {
        text.split(separator: ".").map {
            $0.trimmingCharacters(in: " \t\"'")
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
