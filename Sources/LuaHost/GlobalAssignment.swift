import CLuaShim

/// A Lua function as the host sees it from outside: how many parameters it declares, whether
/// it also takes `...`, and the line that defines it.
public struct LuaFunctionShape: Sendable, Hashable {
    /// Named parameters (`function f(a, b, ...)` has 2).
    public var parameters: Int
    /// Whether the function takes `...`.
    public var isVararg: Bool
    /// The line of its `function` keyword.
    public var line: Int
}

extension LuaFunctionShape {
    init?(_ info: LuaValue) {
        guard let parameters = info["parameters"].integerValue, let line = info["defined"].integerValue else {
            return nil
        }
        self.init(parameters: Int(parameters), isVararg: info["vararg"].boolValue ?? false, line: Int(line))
    }
}

/// One assignment to a global made while a script loaded (see
/// ``LuaRuntime/loadRecordingGlobals(_:name:globals:limits:)``): what a checker needs to tell a
/// hook from a helper that should have been `local`, or from state kept outside any function.
public struct GlobalAssignment: Sendable, Hashable {
    public var name: String
    /// The line of the assignment (for `function name()`, the line of `function`).
    public var line: Int
    /// Whether the main chunk itself assigned it, rather than a function the main chunk called.
    public var isInMainChunk: Bool
    /// Lua's type name of the value assigned (`"function"`, `"number"`, `"nil"`, …).
    public var typeName: String
    /// The value's shape when it is a Lua function (nil for a C function or any other value).
    public var function: LuaFunctionShape?

    init?(_ entry: LuaValue) {
        guard let name = entry["name"].stringValue, let line = entry["line"].integerValue else { return nil }
        self.name = name
        self.line = Int(line)
        isInMainChunk = entry["main"].boolValue ?? false
        typeName = entry["type"].stringValue ?? "nil"
        function = LuaFunctionShape(entry)
    }
}

extension LuaRuntime {
    /// ``load(_:name:globals:limits:)`` that also returns every assignment to a global the
    /// script made while its main chunk ran — also to a name the sandbox already defines, and
    /// every assignment to the same name — in the order they ran. Assignments through `_G` or
    /// `rawset` are not seen. Later assignments (from functions called afterwards) go to the
    /// environment unrecorded.
    ///
    /// The script's functions see their environment through a proxy, which makes their global
    /// reads a little slower: use it to check a script, not to run one.
    public func loadRecordingGlobals(
        _ source: String, name: String, globals: [String: LuaValue] = [:], limits: LuaLimits? = nil
    ) throws(ScriptError) -> (script: LuaScript, assignments: [GlobalAssignment]) {
        var log: [GlobalAssignment] = []
        let script = try load(
            bytes: Array(source.utf8), name: name, globals: globals, limits: limits, recording: { log = $0 })
        return (script, log)
    }
}

extension LuaScript {
    /// The script's global Lua functions (host and library functions left out), by name.
    public func globalFunctions() throws(ScriptError) -> [String: LuaFunctionShape] {
        let L = runtime.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try runtime.reserveStack(4)
        flk_pushcfunction(L, flk_message_handler)
        flk_pushcfunction(L, flk_global_functions)
        pushEnvironment()
        guard flk_pcall(L, 1, 1, top + 1) == LUA_OK else {
            throw ScriptError(kind: .memory, file: name, message: "cannot list the script's functions")
        }
        var functions: [String: LuaFunctionShape] = [:]
        for (key, info) in try runtime.read(at: -1).tableValue?.fields ?? [:] {
            guard case .string(let name) = key, let text = name.text, let shape = LuaFunctionShape(info) else { continue }
            functions[text] = shape
        }
        return functions
    }
}
