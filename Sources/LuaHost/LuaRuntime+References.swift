import CLuaShim

extension LuaRuntime {
    /// Keeps `value` in the registry so it can be passed again without being rebuilt (a
    /// per-run `ctx.store` table of host functions, a config table). Release it when done.
    /// The value is pushed once: Lua code may change the retained table, and every later use
    /// sees those changes.
    public func retain(_ value: LuaValue) throws(ScriptError) -> LuaReference {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try push(value)
        return LuaReference(id: luaL_ref(L, flk_registryindex()), owner: ownerID)
    }

    /// Drops a reference made by this runtime; using it afterwards is a programming error.
    public func release(_ reference: LuaReference) {
        guard reference.owner == ownerID, reference.id >= 0 else { return }
        luaL_unref(L, flk_registryindex(), reference.id)
    }

    /// Sets `value` at `path` in the table a reference holds (`t[path[1]][path[2]]… = value`,
    /// past any metatable): for a host that completes a table it passed before with what was
    /// decided since, instead of building and pushing the whole table again.
    public func set(_ value: LuaValue, at path: [LuaKey], in reference: LuaReference) throws(ScriptError) {
        guard let last = path.last else { return }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try reserveStack(Int32(clamping: path.count + 3))
        try pushReference(reference)
        for key in path.dropLast() {
            guard lua_type(L, -1) == LUA_TTABLE else {
                throw ScriptError.invalidValue("no table at \(key) to set \(path.map(\.description).joined(separator: ".")) in")
            }
            try push(key)
            lua_rawget(L, -2)
        }
        guard lua_type(L, -1) == LUA_TTABLE else {
            throw ScriptError.invalidValue("no table to set \(path.map(\.description).joined(separator: ".")) in")
        }
        try push(last)
        try push(value)
        lua_rawset(L, -3)
    }

    /// The data a reference holds now (a retained table as the script left it).
    public func value(of reference: LuaReference) throws(ScriptError) -> LuaValue {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try pushReference(reference)
        return try read(at: -1)
    }
}
