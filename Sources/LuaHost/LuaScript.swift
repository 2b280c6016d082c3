import CLuaShim

/// A script loaded into a ``LuaRuntime``, with its own environment (`_ENV`).
///
/// Its globals are invisible to other scripts unless its ``environment`` is handed to them.
/// The environment reference is valid while this object lives.
public final class LuaScript {
    public let runtime: LuaRuntime
    /// The name given at load time (a path), as messages show it.
    public let name: String
    /// The script's global table; pass it as a global of another script (`defaults`), or
    /// through ``LuaRuntime/readOnlyView(of:)`` first.
    public let environment: LuaReference

    init(runtime: LuaRuntime, name: String, environment: LuaReference) {
        self.runtime = runtime
        self.name = name
        self.environment = environment
    }

    deinit {
        runtime.release(environment)
    }

    /// Whether the script defines a global function `name`.
    public func hasFunction(_ name: String) -> Bool {
        let L = runtime.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard lua_checkstack(L, 3) != 0 else { return false }
        return pushGlobal(name) == LUA_TFUNCTION
    }

    /// The line on which the global function `name` is defined in this script, when it is a
    /// Lua function (nil for a host function or a missing one): where a person looks when the
    /// function answers something unusable.
    public func definitionLine(of name: String) -> Int? {
        let L = runtime.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard lua_checkstack(L, 3) != 0, pushGlobal(name) == LUA_TFUNCTION else { return nil }
        var info = lua_Debug()
        // ">S" pops the function and fills in where it was defined.
        guard lua_getinfo(L, ">S", &info) != 0, info.linedefined > 0 else { return nil }
        return Int(info.linedefined)
    }

    /// Calls the global function `function` with `arguments` under `limits` (the runtime's
    /// ``LuaRuntime/limits`` when `nil`) and returns all its results.
    public func call(
        _ function: String, arguments: [LuaValue], limits: LuaLimits? = nil
    ) throws(ScriptError) -> [LuaValue] {
        let L = runtime.L
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        try runtime.reserveStack(4)
        flk_pushcfunction(L, flk_message_handler)
        let type = pushGlobal(function)
        flk_remove(L, -2)
        guard type == LUA_TFUNCTION else {
            throw ScriptError(
                kind: .runtime, file: name,
                message: "'\(function)' is not a function (a \(runtime.typeName(at: -1)) value)")
        }
        return try runtime.callProtected(
            handler: base + 1, arguments: arguments, limits: limits ?? runtime.limits, file: name)
    }

    /// ``call(_:arguments:limits:)`` with the arguments listed.
    public func call(_ function: String, _ arguments: LuaValue..., limits: LuaLimits? = nil) throws(ScriptError) -> [LuaValue] {
        try call(function, arguments: arguments, limits: limits)
    }

    /// A global's value as data.
    public func global(_ name: String) throws(ScriptError) -> LuaValue {
        let L = runtime.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try runtime.reserveStack(3)
        pushGlobal(name)
        return try runtime.read(at: -1)
    }

    /// Sets a global (a value, or a reference such as a host function).
    public func setGlobal(_ name: String, to value: LuaValue) throws(ScriptError) {
        let L = runtime.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try runtime.reserveStack(4)
        pushEnvironment()
        runtime.pushString(name)
        try runtime.push(value)
        lua_rawset(L, -3)
    }

    /// Pushes the script's environment (`_ENV`).
    func pushEnvironment() {
        lua_rawgeti(runtime.L, flk_registryindex(), lua_Integer(environment.id))
    }

    /// Pushes the environment and, above it, its global `name` as stored (no metamethods);
    /// returns the global's Lua type. The caller has made room for both.
    @discardableResult
    private func pushGlobal(_ name: String) -> Int32 {
        pushEnvironment()
        runtime.pushString(name)
        return lua_rawget(runtime.L, -2)
    }
}
