public import Sync
import BaseLinkerModels
public import Config
import FirminoStore
public import Foundation
public import LuaHost

/// Runs rule-test cases (`firmlink rules test`): each case on a fresh temporary store, with the
/// built-in rules or a rules script, and reports one line per case and `N passed, M failed`.
public struct RuleTestRunner {
    /// `--rules`: the rules every case runs with, whatever its own `rules:` says; nil: each
    /// case's `rules:`, else the built-in rules.
    public var rules: String?
    public var limits: LuaLimits
    public var timeZone: TimeZone
    /// The `[orders]` settings that each case's `config` overrides.
    public var orders: Configuration.Orders
    /// Where ``orders`` come from, for errors (`firmlink.toml`); nil: the defaults.
    public var configurationFile: String?

    /// `limits` and `timeZone` are the `[rules]` limits and the seller's timezone; `orders` the
    /// seller's `[orders]` settings, read from `configurationFile` (the defaults when nil).
    public init(
        rules: String?, limits: LuaLimits, timeZone: TimeZone,
        orders: Configuration.Orders = Configuration.Orders(), configurationFile: String? = nil
    ) {
        self.rules = rules
        self.limits = limits
        self.timeZone = timeZone
        self.orders = orders
        self.configurationFile = configurationFile
    }

    public struct Summary: Sendable {
        public var passed = 0
        public var failed = 0
    }

    /// Runs every case under `paths` (files, or folders searched for `*.yaml`), printing through
    /// `output` as it goes.
    public func run(paths: [String], output: (String) -> Void) throws -> Summary {
        var summary = Summary()
        let files = try Self.caseFiles(paths)
        guard !files.isEmpty else {
            throw RuleFileError(file: paths.joined(separator: ", "), line: nil, message: "holds no *.yaml rule cases")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firmlink-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in files {
            let cases: [Result<RuleCase, RuleFileError>]
            do {
                cases = try RuleCase.load(file: file, base: orders)
            } catch {
                summary.failed += 1
                output("✗ \(error)")
                continue
            }
            for loaded in cases {
                let ruleCase: RuleCase
                switch loaded {
                case .success(let parsed):
                    ruleCase = parsed
                case .failure(let error):
                    summary.failed += 1
                    output("✗ \(error)")
                    continue
                }
                let store = folder.appendingPathComponent("case-\(summary.passed + summary.failed).sqlite").path
                let differences = check(ruleCase, storePath: store)
                let note = overriddenRules(of: ruleCase).map { "  (--rules \(rules ?? "") instead of its rules: \($0))" } ?? ""
                if differences.isEmpty {
                    summary.passed += 1
                    output("✓ \(ruleCase.name)\(note)")
                } else {
                    summary.failed += 1
                    output("✗ \(ruleCase.name)  (\(ruleCase.file):\(ruleCase.line ?? 1))\(note)")
                    for difference in differences { output("    \(difference)") }
                }
            }
        }
        output("\(summary.passed) passed, \(summary.failed) failed")
        return summary
    }

    /// What differs from the case's expectations (empty: the case passes).
    func check(_ ruleCase: RuleCase, storePath: String) -> [String] {
        do {
            switch ruleCase.subject {
            case .order(let order):
                let report = try decide(ruleCase, order: order, storePath: storePath)
                return RuleCaseComparison(expect: ruleCase.expect, report: report).differences
            case .baselinkerProduct(let product):
                return try checkProduct(ruleCase, product: product, storePath: storePath)
            }
        } catch {
            return ["\(error)"]
        }
    }

    /// A BaseLinker product case: `match_baselinker_product`'s answer against `expect.product`.
    private func checkProduct(_ ruleCase: RuleCase, product: JSONValue, storePath: String) throws -> [String] {
        let rules = try RuleSet(user: try rulesSource(for: ruleCase), limits: limits)
        let answer: Result<Int64?, OrderFailure> = try matchBaseLinkerProduct(
            product, fixture: ruleCase.store, rules: rules, storePath: storePath)
        let got: String
        switch answer {
        case .success(let id): got = id.map(String.init) ?? "new"
        case .failure(let failure):
            guard let error = ruleCase.expect.error else { return ["the product failed: \(failure)"] }
            return failure.description.contains(error) ? [] : ["error: expected a failure containing \"\(error)\", got \"\(failure)\""]
        }
        guard let expected = ruleCase.expect.product else { return ["expect: a baselinker_product case expects product: an id or new"] }
        return got == expected.description ? [] : ["product: expected \(expected), got \(got)"]
    }

    private func decide(_ ruleCase: RuleCase, order: JSONValue, storePath: String) throws -> OrderReport {
        let source = try rulesSource(for: ruleCase)
        let settings = try OrderSettings.offline(ruleCase.orders, timeZone: timeZone, file: configurationFile ?? ruleCase.file)
        return try decideOnFixture(
            order, fixture: ruleCase.store, rules: RuleSet(user: source, limits: limits), settings: settings,
            storePath: storePath)
    }

    /// The rules a case runs with: `--rules` when given — the command line names the rules
    /// under test and wins — else the case's own `rules:`, else the built-in rules.
    private func rulesSource(for ruleCase: RuleCase) throws -> RulesSource? {
        let path: String
        if let rules {
            path = rules
        } else if let named = namedRules(of: ruleCase) {
            path = named
        } else {
            return nil
        }
        return try RulesSource.reading(path)
    }

    /// The case's `rules:`, resolved against its file's folder.
    private func namedRules(of ruleCase: RuleCase) -> String? {
        ruleCase.rules.map { named in
            named.hasPrefix("/") ? named
                : URL(fileURLWithPath: ruleCase.file).deletingLastPathComponent().appendingPathComponent(named).path
        }
    }

    /// The case's `rules:` when `--rules` names other rules (so its line can say so).
    private func overriddenRules(of ruleCase: RuleCase) -> String? {
        guard let rules, let named = namedRules(of: ruleCase),
              URL(fileURLWithPath: named).standardizedFileURL != URL(fileURLWithPath: rules).standardizedFileURL
        else { return nil }
        return ruleCase.rules
    }

    /// The case files under `paths`, in a stable order.
    static func caseFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw RuleFileError(file: path, line: nil, message: "no such file or folder")
            }
            if !isFolder.boolValue {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let entry = enumerator?.nextObject() as? String {
                if entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") {
                    found.append((path as NSString).appendingPathComponent(entry))
                }
            }
            files += found.sorted()
        }
        return files
    }
}

extension RulesSource {
    /// Reads a rules script; a missing or unreadable file is an error naming it.
    public static func reading(_ file: String) throws(RuleFileError) -> RulesSource {
        guard let source = RulesSource(file: file) else {
            throw RuleFileError(file: file, line: nil, message: "the rules script cannot be read")
        }
        return source
    }
}
