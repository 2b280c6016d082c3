public import LuaHost

/// A problem in a rules script at its file and line: what `rules check` lists, and — for a
/// global function that is not a hook — what a sync, `rules test` and `rules explain` refuse a
/// script for.
public struct RuleProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `rules.lua:3: message`.
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// `firmlink rules check`: what can be told of a rules script without an order.
///
/// The script is loaded as a sync loads it (beside the built-in rules, with `defaults`), its
/// environment recording every global its main chunk assigns (``LuaRuntime/loadRecordingGlobals(_:name:globals:limits:)``):
/// - a syntax error, or an error raised while the script loads;
/// - a global function whose name is not a hook (a typo leaves the built-in rule deciding);
/// - a global assigned outside any function: a rules script's globals are its hooks;
/// - a hook whose parameters are not the hook's (`match_product(line, ctx)` would take the
///   order for the ctx); a function taking `...` is accepted.
public struct RulesCheck: Sendable {
    public var problems: [RuleProblem]
    /// The hooks the script defines.
    public var hooks: [Hook]

    public init(_ source: RulesSource, limits: LuaLimits) {
        do {
            let runtime = try LuaRuntime(limits: limits)
            let defaults = try runtime.load(RulesSource.builtIn.text, name: RulesSource.builtIn.path)
            let view = try runtime.readOnlyView(of: defaults.environment)
            let (script, assignments) = try runtime.loadRecordingGlobals(
                source.text, name: source.path, globals: ["defaults": .reference(view)])
            problems = Self.problems(assignments, file: source.path)
            let functions = try script.globalFunctions()
            hooks = Hook.allCases.filter { functions[$0.rawValue] != nil }
        } catch {
            problems = [RuleProblem(file: error.file ?? source.path, line: error.line, message: error.message)]
            hooks = []
        }
    }

    static func problems(_ assignments: [GlobalAssignment], file: String) -> [RuleProblem] {
        var problems: [RuleProblem] = []
        for assignment in assignments {
            if let function = assignment.function {
                guard let hook = Hook(rawValue: assignment.name) else {
                    problems.append(RuleProblem(file: file, line: function.line, message: Hook.notAHook(assignment.name)))
                    continue
                }
                if let wrong = wrongParameters(function, for: hook) {
                    problems.append(RuleProblem(file: file, line: function.line, message: wrong))
                }
            } else if assignment.isInMainChunk {
                problems.append(RuleProblem(
                    file: file, line: assignment.line,
                    message: "\(assignment.name): a global assigned outside a function; a rules script's globals are "
                        + "its hooks, so keep it local (local \(assignment.name) = ...)"))
            }
        }
        return problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// Why `function` cannot be `hook`, or nil when its parameters fit.
    static func wrongParameters(_ function: LuaFunctionShape, for hook: Hook) -> String? {
        let expected = hook.parameters.count
        if function.isVararg ? function.parameters <= expected : function.parameters == expected { return nil }
        let given = function.parameters == 1 ? "1 parameter" : "\(function.parameters) parameters"
        return "\(hook.rawValue) is called as \(hook.signature) with \(expected) arguments, but is defined with \(given)"
    }

    /// The global functions of a loaded script that are not hooks, first line first.
    static func unknownFunctions(_ functions: [String: LuaFunctionShape], file: String) -> [RuleProblem] {
        functions.filter { Hook(rawValue: $0.key) == nil }
            .sorted { ($0.value.line, $0.key) < ($1.value.line, $1.key) }
            .map { RuleProblem(file: file, line: $0.value.line, message: Hook.notAHook($0.key)) }
    }
}
