import CLuaShim

extension LuaRuntime {
    /// Opens the allowed libraries and keeps the template every script environment copies.
    func openSandbox() throws(ScriptError) {
        lua_settop(L, 0)
        flk_pushcfunction(L, flk_message_handler)
        flk_pushcfunction(L, flk_sandbox_init)
        let status = flk_pcall(L, 0, 1, 1)
        defer { lua_settop(L, 0) }
        guard status == LUA_OK else {
            throw ScriptError(kind: .memory, message: "cannot open the Lua libraries")
        }
        templateRef = luaL_ref(L, flk_registryindex())
    }

    func installPrint(_ sink: @escaping (String) -> Void) {
        let printer = function(named: "print") { arguments in
            if case .string(let line) = arguments.argument(0) { sink(line.description) }
            return []
        }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_rawgeti(L, flk_registryindex(), lua_Integer(templateRef))
        pushString("functions")
        lua_rawget(L, -2)
        pushString("print")
        lua_rawgeti(L, flk_registryindex(), lua_Integer(printer.id))
        lua_pushcclosure(L, flk_print, 1)
        lua_rawset(L, -3)
    }

    /// Pushes a fresh script environment.
    func pushNewEnvironment() throws(ScriptError) {
        try reserveStack(4)
        let handler = lua_gettop(L) + 1
        flk_pushcfunction(L, flk_message_handler)
        flk_pushcfunction(L, flk_sandbox_env)
        lua_rawgeti(L, flk_registryindex(), lua_Integer(templateRef))
        guard flk_pcall(L, 1, 1, handler) == LUA_OK else {
            lua_settop(L, handler - 1)
            throw ScriptError(kind: .memory, message: "cannot create a script environment")
        }
        flk_remove(L, handler)
    }

    /// A read-only view of a table: reads go through, writes and `setmetatable` raise, `pairs`
    /// walks the original. Use it to hand one script's environment to another.
    public func readOnlyView(of reference: LuaReference) throws(ScriptError) -> LuaReference {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try reserveStack(4)
        flk_pushcfunction(L, flk_message_handler)
        flk_pushcfunction(L, flk_readonly_view)
        try pushReference(reference)
        guard lua_type(L, -1) == LUA_TTABLE else {
            throw ScriptError.invalidValue("a read-only view needs a table, not a \(typeName(at: -1))")
        }
        guard flk_pcall(L, 1, 1, top + 1) == LUA_OK else {
            throw ScriptError(kind: .memory, message: "cannot create a read-only view")
        }
        return LuaReference(id: luaL_ref(L, flk_registryindex()), owner: ownerID)
    }
}
