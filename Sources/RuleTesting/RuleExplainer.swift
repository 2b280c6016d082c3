public import Sync
public import BaseLinkerModels
public import Config
import FirminoStore
public import Foundation
public import LuaHost
import Yams

/// `firmlink rules explain`: decides one order against a store — empty, made from a fixture,
/// or a copy of the real one — and tells, hook by hook, what was decided and what the rules
/// logged. Nothing persists: the store it decides on is a temporary one.
public struct RuleExplainer {
    public var rules: RulesSource?
    public var orders: Configuration.Orders
    public var limits: LuaLimits
    public var timeZone: TimeZone
    /// Where ``orders`` come from, for errors; nil: the defaults.
    public var configurationFile: String?
    /// `[warehouses]` of the configuration, put in step on the store before the order as a sync
    /// does (offline: mapped warehouses are made or linked, countries set); nil: none.
    public var warehouses: Configuration.Warehouses?
    /// The country of a warehouse made for a mapped BaseLinker warehouse with no country given.
    public var sellerCountry = "PL"

    /// The store the order is decided against.
    public enum StoreSource: Sendable {
        /// An empty store with one default warehouse.
        case empty
        /// A YAML fixture: warehouses, products, contractors.
        case fixture(file: String)
        /// A copy of a store file; the file itself is only read.
        case copy(of: String)
    }

    /// What explaining an order found.
    public struct Explanation: Sendable {
        public var lines: [String]
        /// The order would fail.
        public var fails: Bool
    }

    public init(
        rules: RulesSource?, orders: Configuration.Orders, limits: LuaLimits, timeZone: TimeZone,
        configurationFile: String? = nil
    ) {
        self.rules = rules
        self.orders = orders
        self.limits = limits
        self.timeZone = timeZone
        self.configurationFile = configurationFile
    }

    /// Reads an order JSON file (a `getOrders` order object, or a whole `getOrders` answer
    /// holding exactly one order).
    public static func readOrder(file: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RuleFileError(file: file, line: nil, message: "cannot be read")
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw RuleFileError(file: file, line: nil, message: "is not valid JSON")
        }
        if let orders = json["orders"]?.arrayValue {
            guard orders.count == 1 else {
                throw RuleFileError(file: file, line: nil, message: "holds \(orders.count) orders; explain takes one")
            }
            return orders[0]
        }
        return json
    }

    /// The explanation, line by line.
    public func explain(order json: JSONValue, store source: StoreSource) throws -> Explanation {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firmlink-explain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ruleSet = try RuleSet(user: rules, limits: limits)
        let path = folder.appendingPathComponent("explain.sqlite").path
        if case .copy(let original) = source { try Store.copy(of: original, to: path) }
        let store = try Store(path: path)
        defer { try? store.close() }
        let statuses = try store.read { try StatusResolver.saved(in: $0) } ?? []
        let names = Dictionary(statuses.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let settings = try OrderSettings.offline(
            orders, timeZone: timeZone, file: configurationFile ?? "firmlink.toml", known: names)
        try store.write { tx in
            switch source {
            case .empty: try StoreFixture().apply(to: tx)
            case .fixture(let file): try Self.readFixture(file: file).apply(to: tx)
            case .copy: break
            }
            if let warehouses {
                _ = try WarehouseSetup(settings: warehouses, sellerCountry: sellerCountry).apply(remote: [], in: tx)
            }
        }
        let report = try decide(json, on: store, rules: ruleSet, settings: settings, statusNames: names)

        let overridden = Hook.allCases.filter(ruleSet.isOverridden).map(\.rawValue)
        var lines = ["order \(report.orderId): rules \(rules?.path ?? "built-in")"
            + (overridden.isEmpty ? "" : " (defines \(overridden.joined(separator: ", ")); built-in for the rest)")]
        lines += report.decisions.trace
        var fails = false
        switch report.outcome {
        case .failed(let failure):
            lines.append("failed: \(failure)")
            fails = true
        case .turnedDown(let reason):
            lines.append("not taken: \(reason ?? "accept_order returned false")")
        case .held(let reason):
            lines.append("held for review: \(reason)")
        case .issued(let inserted):
            let document = inserted.document
            lines.append(
                "would issue \(document.type.rawValue) \(document.number): \(document.lines.count) lines, "
                    + "net \(document.totalNet.decimalString), VAT \(document.totalVAT.decimalString), "
                    + "gross \(document.totalGross.decimalString) \(document.currency)")
            for line in document.lines {
                let product = line.productId.map { "product \($0)" } ?? "unlinked"
                let warehouse = line.warehouseId.map { ", warehouse \($0)" } ?? ""
                lines.append(
                    "  \(line.position). \(line.name) × \(line.quantity) at \(line.unitGross.decimalString), "
                        + "VAT \(line.vatRate.name) (\(product)\(warehouse))")
            }
        }
        return Explanation(lines: lines, fails: fails)
    }

    static func readFixture(file: String) throws -> StoreFixture {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw RuleFileError(file: file, line: nil, message: "cannot be read")
        }
        guard let node = try compose(yaml: text) else { return StoreFixture() }
        return try StoreFixture(YAMLFields(node, file: file, path: ""))
    }
}
