import Foundation
package import LuaHost

/// The hooks a rules script may define (docs/rules.md).
public enum Hook: String, CaseIterable, Sendable {
    case acceptOrder = "accept_order"
    case documentType = "document_type"
    case matchContractor = "match_contractor"
    case newContractor = "new_contractor"
    case matchProduct = "match_product"
    case newProduct = "new_product"
    case lineWarehouse = "line_warehouse"
    case matchBaseLinkerProduct = "match_baselinker_product"
}

/// A rules script as read from disk.
public struct RulesSource: Sendable {
    /// The name messages use (`rules.lua:12: ...`).
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Reads a rules script; nil when the file cannot be read as text.
    public init?(file: String) {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        self.init(path: file, text: text)
    }

    /// The built-in rules: `Sources/Sync/Rules/default.lua`, compiled into the binary.
    public static let builtIn = RulesSource(path: "default.lua", text: String(decoding: PackageResources.default_lua, as: UTF8.self))
}

/// The built-in rules and, optionally, a user's rules in one sandboxed runtime. A hook the
/// user's script defines wins; any other falls back to the built-in one, which the user's
/// script can also call as `defaults.<hook>(...)`.
package final class RuleSet {
    let runtime: LuaRuntime
    let limits: LuaLimits
    private let defaults: LuaScript
    /// Which script answers each hook.
    private let owners: [Hook: LuaScript]
    /// Where each hook is defined: `file:line`, or the file alone when the line is unknown.
    private let definitions: [Hook: String]
    /// The hook called last: the one whose `ctx.log` lines are still to be told when an order
    /// fails.
    private(set) var lastCalled: Hook?
    /// Hook calls made, and the time spent in them (host look-ups included), for the summary.
    private(set) var calls = 0
    private(set) var nanoseconds: UInt64 = 0

    /// Throws a ``ScriptError`` for a script that does not load, and a ``RuleProblem`` for one
    /// that defines a global function that is not a hook (a typo would leave the built-in rule
    /// deciding unseen).
    package init(user source: RulesSource?, limits: LuaLimits) throws {
        let runtime = try LuaRuntime(limits: limits)
        let defaults = try runtime.load(RulesSource.builtIn.text, name: RulesSource.builtIn.path)
        var user: LuaScript?
        if let source {
            let view = try runtime.readOnlyView(of: defaults.environment)
            let script = try runtime.load(source.text, name: source.path, globals: ["defaults": .reference(view)])
            if let problem = RulesCheck.unknownFunctions(try script.globalFunctions(), file: source.path).first {
                throw problem
            }
            user = script
        }
        var owners: [Hook: LuaScript] = [:]
        var definitions: [Hook: String] = [:]
        for hook in Hook.allCases {
            guard let owner = [user, defaults].compactMap({ $0 }).first(where: { $0.hasFunction(hook.rawValue) }) else {
                continue
            }
            owners[hook] = owner
            definitions[hook] = owner.definitionLine(of: hook.rawValue).map { "\(owner.name):\($0)" } ?? owner.name
        }
        self.runtime = runtime
        self.limits = limits
        self.defaults = defaults
        self.owners = owners
        self.definitions = definitions
    }

    /// The script that answers `hook`: the user's when it defines it.
    func script(for hook: Hook) -> String {
        owners[hook]?.name ?? RulesSource.builtIn.path
    }

    /// Where `hook` is defined, `rules.lua:12`.
    func definition(of hook: Hook) -> String {
        definitions[hook] ?? script(for: hook)
    }

    /// Whether the user's script defines `hook` (else the built-in one runs).
    package func isOverridden(_ hook: Hook) -> Bool {
        owners[hook] !== defaults
    }

    /// Calls `hook` under the per-call limits; a hook that raises an error or passes a limit
    /// fails with its `file:line`.
    func call(_ hook: Hook, _ arguments: [LuaValue]) throws(OrderFailure) -> [LuaValue] {
        lastCalled = hook
        guard let script = owners[hook] else {
            throw OrderFailure(.script, "no script defines \(hook.rawValue)")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            calls += 1
            nanoseconds += DispatchTime.now().uptimeNanoseconds - start
        }
        do {
            return try script.call(hook.rawValue, arguments: arguments, limits: limits)
        } catch {
            throw OrderFailure(error, orderId: nil)
        }
    }
}
