import ArgumentParser
import Config
import FirminoStore
import Foundation
import LuaHost
import RuleTesting
import Sync

extension Firmlink {
    /// `firmlink rules init|check|test|explain`: write, check, test and explain rule scripts
    /// without touching BaseLinker or a store.
    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "Start, check, test and explain rule scripts.",
            subcommands: [Init.self, Check.self, Test.self, Explain.self])

        struct Test: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Run YAML rule cases and print N passed, M failed.",
                discussion: "Each *.yaml file under the paths holds one case per YAML document (separated by ---).")

            @Argument(help: "Case files or folders (default: the current folder).")
            var paths: [String] = []

            @Option(help: ArgumentHelp("The rules script to test (default: the built-in rules).", valueName: "file"))
            var rules: String?

            @Option(help: ArgumentHelp(
                "Take the [orders] settings (which each case's config overrides), the seller's timezone and the [rules] limits from this configuration (default: the built-in defaults).",
                valueName: "file"))
            var config: String?

            /// Exits with 1 when a case fails — a rules script that does not compile fails every case,
            /// each with the script's `file:line` (docs/rules.md) — and 2 when the cases cannot
            /// run at all (a path that does not exist).
            func run() async throws {
                let offline = try OfflineSettings(config: config)
                let runner = RuleTestRunner(
                    rules: rules, limits: offline.limits, timeZone: offline.timeZone, orders: offline.orders,
                    configurationFile: offline.file)
                let summary: RuleTestRunner.Summary
                do {
                    summary = try runner.run(paths: paths.isEmpty ? ["."] : paths) { print($0) }
                } catch let error as RuleFileError {
                    throw CommandFailure(error.description, status: .usage)
                }
                if summary.failed > 0 { throw ExitCode(1) }
            }
        }

        struct Explain: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show, hook by hook, what the rules decide for one order.",
                discussion: """
                    With --config, the order is decided as a sync would: with the configured rules script \
                    (unless --rules names another), [orders], [warehouses] and [rules] limits, against a copy \
                    of the configured store when it exists and no --store is given (the store itself is only \
                    read). Exit status 1 when the order would fail.
                    """)

            @Option(help: ArgumentHelp("A getOrders order object (JSON).", valueName: "file"))
            var order: String

            @Option(help: ArgumentHelp("The store before the order (YAML: warehouses, products, contractors).", valueName: "file"))
            var store: String?

            @Option(help: ArgumentHelp("The rules script (default: the configured one, else the built-in rules).", valueName: "file"))
            var rules: String?

            @Option(help: ArgumentHelp("Decide as a sync with this configuration would.", valueName: "file"))
            var config: String?

            func run() async throws {
                let offline = try OfflineSettings(config: config)
                let explanation: RuleExplainer.Explanation
                do {
                    let script = rules ?? (config == nil ? nil : offline.configuration.rules.script)
                    var explainer = RuleExplainer(
                        rules: try script.map { try RulesSource.reading($0) }, orders: offline.orders, limits: offline.limits,
                        timeZone: offline.timeZone, configurationFile: offline.file)
                    var source = store.map(RuleExplainer.StoreSource.fixture) ?? .empty
                    if config != nil {
                        explainer.warehouses = offline.configuration.warehouses
                        explainer.sellerCountry = offline.configuration.seller.country
                        let real = offline.configuration.store.path
                        if store == nil, FileManager.default.fileExists(atPath: real) { source = .copy(of: real) }
                    }
                    explanation = try explainer.explain(order: RuleExplainer.readOrder(file: order), store: source)
                } catch let error as RuleFileError {
                    throw CommandFailure(error.description, status: .usage)
                } catch let error as RuleProblem {
                    // A global function that is not a hook: `rules.lua:1: documnet_type: not a hook; ...`.
                    throw CommandFailure(error.description, status: .usage)
                } catch let error as ScriptError {
                    // The rules script does not compile, or its main chunk fails: `rules.lua:3: ...`.
                    throw CommandFailure(error.description, status: .usage)
                } catch let error as StoreError {
                    throw CommandFailure(error.message, status: .usage)
                }
                for line in explanation.lines { print(line) }
                if explanation.fails { throw ExitCode(1) }
            }
        }
    }
}

/// What the rules commands take from a configuration given with `--config`: the `[orders]`
/// settings, the `[rules]` limits and the seller's timezone; without one, the defaults
/// (those of an empty `firmlink.toml`).
struct OfflineSettings {
    var configuration = Configuration(file: "firmlink.toml")
    /// The file given, for errors; nil: the defaults.
    var file: String?

    init(config: String?) throws {
        guard let config else { return }
        configuration = try ConfigOptions(config: config).load()
        file = configuration.file
    }

    var orders: Configuration.Orders { configuration.orders }
    var limits: LuaLimits { configuration.rules.limits }
    var timeZone: TimeZone { configuration.seller.timeZone }
}

extension ConfigOptions {
    init(config: String?) {
        self.init()
        self.config = config
    }
}
