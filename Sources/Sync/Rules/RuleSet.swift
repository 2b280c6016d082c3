import LuaHost

/// The hooks of DESIGN §3.
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

    /// The built-in rules (`scripts/rules/default.lua`, compiled in).
    public static let builtIn = RulesSource(path: "default.lua", text: DefaultRules.source)
}

/// The built-in rules and, optionally, a user's rules in one sandboxed runtime. A hook the
/// user's script defines wins; any other falls back to the built-in one, which the user's
/// script can also call as `defaults.<hook>(...)`.
final class RuleSet {
    let runtime: LuaRuntime
    let limits: LuaLimits
    private let defaults: LuaScript
    private let user: LuaScript?
    /// Which script answers each hook.
    private let owners: [Hook: LuaScript]

    init(user source: RulesSource?, limits: LuaLimits) throws(ScriptError) {
        let runtime = try LuaRuntime(limits: limits)
        let defaults = try runtime.load(RulesSource.builtIn.text, name: RulesSource.builtIn.path)
        var user: LuaScript?
        if let source {
            let view = try runtime.readOnlyView(of: defaults.environment)
            user = try runtime.load(source.text, name: source.path, globals: ["defaults": .reference(view)])
        }
        var owners: [Hook: LuaScript] = [:]
        for hook in Hook.allCases {
            if let user, user.hasFunction(hook.rawValue) {
                owners[hook] = user
            } else if defaults.hasFunction(hook.rawValue) {
                owners[hook] = defaults
            }
        }
        self.runtime = runtime
        self.limits = limits
        self.defaults = defaults
        self.user = user
        self.owners = owners
    }

    /// The script that answers `hook`: the user's when it defines it.
    func script(for hook: Hook) -> String {
        owners[hook]?.name ?? RulesSource.builtIn.path
    }

    /// Whether the user's script defines `hook` (else the built-in one runs).
    func isOverridden(_ hook: Hook) -> Bool {
        owners[hook] !== defaults
    }

    /// Calls `hook` under the per-call limits.
    func call(_ hook: Hook, _ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        guard let script = owners[hook] else {
            throw ScriptError(kind: .runtime, message: "no script defines \(hook.rawValue)")
        }
        return try script.call(hook.rawValue, arguments: arguments, limits: limits)
    }
}
