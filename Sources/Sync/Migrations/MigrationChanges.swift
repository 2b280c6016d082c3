public import BaseLinkerModels
public import Foundation

/// What a migration script changed, kind by kind: how many rows and the first of them.
///
/// Store changes are counted as they are made — an update that changes nothing is not one —
/// and are real only once the run commits; BaseLinker writes are real as soon as they are sent
/// (a dry run records them instead), so a run that fails still lists those it sent.
public struct MigrationChanges: Sendable {
    /// One kind of change, as `run --json` names it (docs/json.md).
    public enum Kind: String, CaseIterable, Sendable {
        case productsAdded = "products_added"
        case productsUpdated = "products_updated"
        case productsLinked = "products_linked"
        case contractorsAdded = "contractors_added"
        case contractorsUpdated = "contractors_updated"
        case warehousesAdded = "warehouses_added"
        case warehousesUpdated = "warehouses_updated"
        case stockMoved = "stock_moved"
        case baselinkerWrites = "baselinker_writes"

        /// How the text summary names it.
        var title: String {
            switch self {
            case .productsAdded: "products added"
            case .productsUpdated: "products updated"
            case .productsLinked: "products linked"
            case .contractorsAdded: "contractors added"
            case .contractorsUpdated: "contractors updated"
            case .warehousesAdded: "warehouses added"
            case .warehousesUpdated: "warehouses updated"
            case .stockMoved: "stock movements"
            case .baselinkerWrites: "BaseLinker writes"
            }
        }
    }

    /// Rows kept per kind; the count goes on past them.
    public static let keptRows = 10

    public private(set) var counts: [Kind: Int] = [:]
    /// The first ``keptRows`` rows of each kind, as JSON objects.
    public private(set) var rows: [Kind: [JSONValue]] = [:]

    public init() {}

    mutating func record(_ kind: Kind, _ row: [String: JSONValue]) {
        counts[kind, default: 0] += 1
        if rows[kind, default: []].count < Self.keptRows { rows[kind, default: []].append(.object(row)) }
    }

    public func count(_ kind: Kind) -> Int { counts[kind] ?? 0 }

    public var isEmpty: Bool { counts.values.allSatisfy { $0 == 0 } }

    /// Every kind, `{"count": n, "first": [...]}`.
    var json: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: Kind.allCases.map { kind in
            (kind.rawValue, JSONValue.object(["count": .int(Int64(count(kind))), "first": .array(rows[kind] ?? [])]))
        }))
    }
}

/// How a migration run ended: what it changed, whether the store kept it, and the script's
/// error when it failed.
public struct MigrationReport: Sendable {
    public var changes = MigrationChanges()
    public var dryRun: Bool
    /// The store transaction was committed (false: rolled back, by a dry run or a failure).
    public var committed = false
    /// The script's error: it raised one, or ran past a limit.
    public var failure: ScriptFailure?
    /// HTTP requests sent to BaseLinker.
    public var requests = 0

    /// A script's failure as the report keeps it: `file:line: message` and Lua's traceback.
    public struct ScriptFailure: Sendable {
        public var description: String
        public var traceback: String?
        /// The script ran past a limit (instructions, deadline, memory) rather than failing.
        public var passedALimit: Bool
    }

    init(dryRun: Bool) {
        self.dryRun = dryRun
    }

    /// `run --json` (docs/json.md): keys sorted, absent values `null`.
    public func json() throws -> Data {
        let object: JSONValue = [
            "dry_run": .bool(dryRun),
            "store": .string(committed ? "committed" : "rolled_back"),
            "error": failure.map { .string($0.description) } ?? .null,
            "requests": .int(Int64(requests)),
            "changes": changes.json,
        ]
        return try object.serialized()
    }

    /// What `run` prints after the script's own output.
    public var text: String {
        var lines: [String] = []
        for kind in MigrationChanges.Kind.allCases where changes.count(kind) > 0 {
            let note = kind == .baselinkerWrites && dryRun ? " (dry run: recorded, not sent)" : ""
            lines.append("\(kind.title): \(changes.count(kind))\(note)")
            let shown = changes.rows[kind] ?? []
            lines += shown.map { "  " + Self.describe($0, kind) }
            if changes.count(kind) > shown.count { lines.append("  … and \(changes.count(kind) - shown.count) more") }
        }
        if lines.isEmpty { lines.append("nothing changed") }
        switch (committed, dryRun, failure) {
        case (true, _, _): lines.append("store: committed")
        case (false, true, nil): lines.append("store: rolled back (dry run)")
        default: lines.append("store: rolled back, nothing of the script's store changes was kept")
        }
        if failure != nil, changes.count(.baselinkerWrites) > 0, !dryRun {
            lines.append("the BaseLinker writes above were sent before the script failed, and stay done")
        }
        return lines.joined(separator: "\n")
    }

    /// One row as a line of the text summary.
    static func describe(_ row: JSONValue, _ kind: MigrationChanges.Kind) -> String {
        func text(_ key: String) -> String {
            switch row[key] {
            case .string(let value)?: value
            case .int(let value)?: String(value)
            case .null?, nil: "none"
            case let value?: (try? String(decoding: value.serialized(), as: UTF8.self)) ?? ""
            }
        }
        let fields = row["fields"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ", ") ?? ""
        let label = "\(text("id")) \(text("name"))"
        switch kind {
        case .productsAdded: return "product \(label)"
        case .contractorsAdded: return "contractor \(label)"
        case .warehousesAdded: return "warehouse \(label)"
        case .productsUpdated: return "product \(label): \(fields)"
        case .contractorsUpdated: return "contractor \(label): \(fields)"
        case .warehousesUpdated: return "warehouse \(label): \(fields)"
        case .productsLinked:
            guard case .int? = row["baselinker_product_id"] else { return "product \(label): unlinked" }
            return "product \(label) → BaseLinker product \(text("baselinker_product_id"))"
        case .stockMoved:
            return "product \(text("product_id")) in warehouse \(text("warehouse_id")): \(text("delta")) (\(text("reason")))"
        case .baselinkerWrites:
            return "\(text("method")) \(text("parameters"))"
        }
    }
}
