import ArgumentParser
import Config
import FirminoStore
import Foundation

/// What the store commands share: the store named by `[store] path`, opened for reading, and
/// plain-text tables.
enum StoreAccess {
    /// Opens the configured store. A store that does not exist yet is not created, unless
    /// `creating` (the commands that put products or warehouses into it): the command says so
    /// instead (status 2).
    static func open(_ configuration: Configuration, creating: Bool = false) throws -> Store {
        let path = configuration.store.path
        guard creating || FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(
                "there is no store at \(path) yet: run firmlink sync first, or check [store] path in \(configuration.file)",
                status: .usage)
        }
        return try failing { try Store(path: path, options: StoreOptions(numbering: configuration.numbering)) }
    }

    /// Runs a store call; its errors end the command with their message and status 2.
    static func failing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw CommandFailure(error.message, status: .usage)
        }
    }

    /// Writes a listing's JSON (docs/json.md) and a new line.
    static func printJSON(_ value: some Encodable) throws {
        FileHandle.standardOutput.write(try Listings.json(value))
        print()
    }
}

/// Columns padded to their widest cell; `rightAligned` columns (amounts, quantities) align right.
struct TextTable {
    var header: [String]
    var rightAligned: Set<Int> = []
    var rows: [[String]] = []

    var text: String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return rightAligned.contains(column) ? padding + row[column] : row[column] + padding
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        .joined(separator: "\n")
    }

    /// `text` shortened to `limit` characters with an ellipsis.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
