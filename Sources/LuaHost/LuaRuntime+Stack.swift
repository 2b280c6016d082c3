import CLuaShim

/// Moving values between Swift and the Lua stack. None of this raises a Lua error: the memory
/// cap is not enforced while host code runs, tables are read and written raw (no metamethods),
/// and keys that Lua would reject (NaN) are refused in Swift first.
extension LuaRuntime {
    static let maximumDepth = 200

    func pushString(_ string: LuaString) {
        string.withBytes { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                lua_pushlstring(L, chars.baseAddress, chars.count)
            }
        }
    }

    func pushString(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                lua_pushlstring(L, chars.baseAddress, chars.count)
            }
        }
    }

    /// Makes room for `slots` more values on the stack; past Lua's stack limit, an
    /// ``ScriptError/Kind/invalidValue`` error.
    func reserveStack(_ slots: Int32) throws(ScriptError) {
        guard lua_checkstack(L, slots) != 0 else { throw ScriptError.invalidValue("Lua stack overflow") }
    }

    func push(_ value: LuaValue, depth: Int = 0) throws(ScriptError) {
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let value): lua_pushboolean(L, value ? 1 : 0)
        case .integer(let value): lua_pushinteger(L, value)
        case .number(let value): lua_pushnumber(L, value)
        case .string(let value): pushString(value)
        case .table(let table): try push(table, depth: depth)
        case .reference(let reference): try pushReference(reference)
        }
    }

    func push(_ table: LuaTable, depth: Int) throws(ScriptError) {
        guard depth < Self.maximumDepth else {
            throw ScriptError.invalidValue("a table nested more than \(Self.maximumDepth) levels deep")
        }
        try reserveStack(3)
        lua_createtable(L, Int32(clamping: table.array.count), Int32(clamping: table.fields.count))
        var index: lua_Integer = 0
        for element in table.array {
            index += 1
            if case .nil = element { continue }
            try push(element, depth: depth + 1)
            lua_rawseti(L, -2, index)
        }
        for (key, value) in table.fields {
            if case .nil = value { continue }
            try push(key)
            try push(value, depth: depth + 1)
            lua_rawset(L, -3)
        }
    }

    func push(_ key: LuaKey) throws(ScriptError) {
        switch key {
        case .string(let value): pushString(value)
        case .integer(let value): lua_pushinteger(L, value)
        case .boolean(let value): lua_pushboolean(L, value ? 1 : 0)
        case .number(let value):
            guard !value.isNaN else { throw ScriptError.invalidValue("NaN cannot be a table key") }
            lua_pushnumber(L, value)
        }
    }

    func pushReference(_ reference: LuaReference) throws(ScriptError) {
        guard reference.owner == ownerID else {
            throw ScriptError.invalidValue("a reference from another Lua runtime")
        }
        lua_rawgeti(L, flk_registryindex(), lua_Integer(reference.id))
    }

    func typeName(at index: Int32) -> String {
        String(cString: lua_typename(L, lua_type(L, index)))
    }

    /// Reads the value at `index` as data.
    func read(at index: Int32) throws(ScriptError) -> LuaValue {
        var path: [UnsafeRawPointer] = []
        return try read(at: lua_absindex(L, index), path: &path)
    }

    private func read(at index: Int32, path: inout [UnsafeRawPointer]) throws(ScriptError) -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(lua_tointegerx(L, index, nil)) }
            return .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING: return .string(readString(at: index))
        case LUA_TTABLE: return .table(try readTable(at: index, path: &path))
        default:
            throw ScriptError.invalidValue("a \(typeName(at: index)) cannot be converted to a value")
        }
    }

    func readString(at index: Int32) -> LuaString {
        var length = 0
        guard let chars = lua_tolstring(L, index, &length) else { return LuaString("") }
        return chars.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            LuaString(UnsafeBufferPointer(start: bytes, count: length))
        }
    }

    private func readTable(at index: Int32, path: inout [UnsafeRawPointer]) throws(ScriptError) -> LuaTable {
        guard let identity = lua_topointer(L, index) else { return LuaTable() }
        guard !path.contains(identity) else {
            throw ScriptError.invalidValue("a table that contains itself (a cycle) cannot be converted")
        }
        guard path.count < Self.maximumDepth else {
            throw ScriptError.invalidValue("a table nested more than \(Self.maximumDepth) levels deep")
        }
        try reserveStack(4)
        path.append(identity)
        defer { path.removeLast() }

        var table = LuaTable()
        let border = lua_rawlen(L, index)
        if border > 0 {
            table.array.reserveCapacity(Int(clamping: border))
            for position in 1...border {
                if lua_rawgeti(L, index, lua_Integer(position)) == LUA_TNIL {
                    lua_settop(L, -2)
                    break
                }
                table.array.append(try read(at: lua_gettop(L), path: &path))
                lua_settop(L, -2)
            }
        }
        let count = Int64(table.array.count)
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            let key: LuaKey
            switch lua_type(L, -2) {
            case LUA_TNUMBER:
                if lua_isinteger(L, -2) != 0 {
                    let integer = lua_tointegerx(L, -2, nil)
                    if integer >= 1 && integer <= count {
                        lua_settop(L, -2)
                        continue
                    }
                    key = .integer(integer)
                } else {
                    key = .number(lua_tonumberx(L, -2, nil))
                }
            case LUA_TSTRING: key = .string(readString(at: -2))
            case LUA_TBOOLEAN: key = .boolean(lua_toboolean(L, -2) != 0)
            default:
                throw ScriptError.invalidValue("a table key that is a \(typeName(at: -2)) cannot be converted")
            }
            table.fields[key] = try read(at: lua_gettop(L), path: &path)
            lua_settop(L, -2)
        }
        return table
    }
}
