public import FirminoStore

/// `products import FILE.csv`: product cards from a spreadsheet.
///
/// The first row names the columns, in any order and case: `id`, `name`, `sku`, `ean`, `unit`,
/// `vat_rate`, `price_gross`, and `stock:<warehouse id>` for a level to set. A row with an `id`
/// changes that card; a row without one changes the card with its SKU, or makes a new card. An
/// empty cell leaves a field as it is. Commas or semicolons separate cells (a spreadsheet saved
/// with Polish settings uses semicolons and decimal commas); quotes work as in RFC 4180.
///
/// Every row is checked before anything is written. With problems, nothing is imported unless
/// `skipBad` is set, and then only the good rows are.
public struct ProductImport: Sendable {
    /// A data row: its line in the file (the line it starts on) and what it gives.
    public struct Row: Sendable {
        public let line: Int
        public let id: Int64?
        public let edit: ProductEdit
    }

    /// A row, or the file, that cannot be imported: line 1 is the header.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    public private(set) var rows: [Row] = []
    public private(set) var problems: [Problem] = []

    static let fieldColumns = ["id", "name", "sku", "ean", "unit", "vat_rate", "price_gross"]

    /// Reads the file's text; what cannot be read becomes a ``Problem``.
    public init(csv text: String) {
        let records = CSVRecords(text).records
        guard let header = records.first else {
            problems.append(Problem(line: 1, message: "the file is empty; the first line names the columns (name, sku, ean, unit, vat_rate, price_gross, stock:<warehouse id>)"))
            return
        }
        var columns: [Int: String] = [:]
        var stockColumns: [Int: Int64] = [:]
        for (index, rawName) in header.cells.enumerated() {
            let name = rawName.trimmingSpaces.lowercased()
            if name.hasPrefix("stock:") {
                guard let warehouse = Int64(String(name.dropFirst("stock:".count)).trimmingSpaces), warehouse > 0 else {
                    problems.append(Problem(line: header.line, message: "column '\(rawName)': a stock column is stock:<warehouse id>, such as stock:1"))
                    continue
                }
                stockColumns[index] = warehouse
            } else if Self.fieldColumns.contains(name) {
                if columns.values.contains(name) {
                    problems.append(Problem(line: header.line, message: "column '\(name)' is given twice"))
                }
                columns[index] = name
            } else if !name.isEmpty {
                problems.append(Problem(
                    line: header.line,
                    message: "unknown column '\(rawName)' (columns: \(Self.fieldColumns.joined(separator: ", ")), stock:<warehouse id>)"))
            }
        }
        guard problems.isEmpty else { return }
        var skus: [String: Int] = [:]
        for record in records.dropFirst() where !record.cells.allSatisfy({ $0.trimmingSpaces.isEmpty }) {
            if let problem = record.problem {
                problems.append(Problem(line: record.line, message: problem))
                continue
            }
            guard record.cells.count <= header.cells.count else {
                problems.append(Problem(line: record.line, message: "\(record.cells.count) cells, but the header names \(header.cells.count) columns"))
                continue
            }
            var edit = ProductEdit()
            var id: Int64?
            var bad: String?
            for (index, cell) in record.cells.enumerated() {
                let value = cell.trimmingSpaces
                if let warehouse = stockColumns[index] {
                    if !value.isEmpty { edit.stock[warehouse] = value }
                    continue
                }
                guard let column = columns[index], !value.isEmpty else { continue }
                switch column {
                case "id":
                    guard let number = Int64(value), number > 0 else { bad = "id: '\(value)' is not a product id"; break }
                    id = number
                case "name": edit.name = value
                case "sku": edit.sku = value
                case "ean": edit.ean = value
                case "unit": edit.unit = value
                case "vat_rate": edit.vatRate = value
                default: edit.grossPrice = value
                }
            }
            if bad == nil, let sku = edit.sku {
                if let first = skus[Normalize.sku(sku)] {
                    bad = "sku: '\(sku)' is on line \(first) already"
                } else {
                    skus[Normalize.sku(sku)] = record.line
                }
            }
            if bad == nil {
                do {
                    _ = try edit.quantities()
                    if id == nil, edit.sku == nil { _ = try edit.fields(over: nil) } else { _ = try edit.fields(over: ProductFields(name: "-")) }
                } catch {
                    bad = error.description
                }
            }
            if let bad {
                problems.append(Problem(line: record.line, message: bad))
            } else {
                rows.append(Row(line: record.line, id: id, edit: edit))
            }
        }
    }

    /// What an import did.
    public struct Outcome: Sendable {
        public var created: [ProductEdit.Outcome] = []
        public var updated: [ProductEdit.Outcome] = []
        public var unchanged = 0
        /// The rows not imported, with the reason (including those ``problems`` gave).
        public var skipped: [Problem] = []
    }

    /// Applies the rows in `tx`. A row the store refuses (an unknown id or warehouse, an SKU
    /// another card holds) is a problem like a bad cell: with `skipBad` it is left out,
    /// otherwise ``Failed`` is thrown with every problem and the caller rolls back.
    public func apply(in tx: StoreTransaction, skipBad: Bool) throws -> Outcome {
        var outcome = Outcome(skipped: problems)
        for row in rows {
            do {
                let id = try row.id ?? row.edit.sku.flatMap { try tx.productBySKU($0)?.id }
                if row.id == nil, id == nil, row.edit.name == nil {
                    throw ProductEdit.Problem(field: "name", message: "no card has SKU '\(row.edit.sku ?? "")', and a new product needs a name")
                }
                let done = try row.edit.apply(to: id, in: tx)
                if done.created {
                    outcome.created.append(done)
                } else if done.changes.isEmpty, done.stockChanges.isEmpty {
                    outcome.unchanged += 1
                } else {
                    outcome.updated.append(done)
                }
            } catch let problem as ProductEdit.Problem {
                outcome.skipped.append(Problem(line: row.line, message: problem.description))
            }
        }
        outcome.skipped.sort { $0.line < $1.line }
        if !skipBad, !outcome.skipped.isEmpty { throw Failed(problems: outcome.skipped) }
        return outcome
    }

    /// Nothing was imported: the problems, line by line.
    public struct Failed: Error, Sendable {
        public let problems: [Problem]
    }
}

/// The records of a CSV text, each with the line it starts on. The separator is the header's:
/// a semicolon when the first line has more semicolons than commas, else a comma.
struct CSVRecords {
    struct Record {
        let line: Int
        var cells: [String]
        /// Set when the record cannot be read (a quote left open).
        var problem: String?
    }

    let records: [Record]

    init(_ text: String) {
        var text = Substring(text)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }  // a byte order mark from a spreadsheet
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var records: [Record] = []
        var line = 1
        var current = Record(line: 1, cells: [])
        var cell = ""
        var quoted = false
        var cellStarted = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if quoted {
                if character == "\"" {
                    if index < text.endIndex, text[index] == "\"" {
                        cell.append("\"")
                        index = text.index(after: index)
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    cell.append(character)
                }
                continue
            }
            switch character {
            case "\"" where !cellStarted:
                quoted = true
                cellStarted = true
            case separator:
                current.cells.append(cell)
                cell = ""
                cellStarted = false
            case "\n", "\r\n", "\r":
                current.cells.append(cell)
                records.append(current)
                line += 1
                current = Record(line: line, cells: [])
                cell = ""
                cellStarted = false
            default:
                cell.append(character)
                cellStarted = true
            }
        }
        if quoted {
            current.cells.append(cell)
            current.problem = "a quoted cell is not closed"
            records.append(current)
        } else if cellStarted || !current.cells.isEmpty {
            current.cells.append(cell)
            records.append(current)
        }
        self.records = records
    }
}
