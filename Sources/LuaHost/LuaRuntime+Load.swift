import CLuaShim

extension LuaRuntime {
    /// Compiles `source` as the script `name` (a path; messages read `name:line: message`),
    /// gives it a fresh environment holding the sandbox's globals plus `globals`, and runs its
    /// main chunk under `limits` (the runtime's ``limits`` when `nil`).
    ///
    /// `globals` may hold references: another script's ``LuaScript/environment`` (or a
    /// ``readOnlyView(of:)`` of it) set as `defaults` lets this script call that script's
    /// functions, which keep running in their own environment.
    public func load(
        _ source: String, name: String, globals: [String: LuaValue] = [:], limits: LuaLimits? = nil
    ) throws(ScriptError) -> LuaScript {
        try load(bytes: Array(source.utf8), name: name, globals: globals, limits: limits)
    }

    /// ``load(_:name:globals:limits:)`` for source bytes that need not be UTF-8. Binary chunks
    /// are refused.
    public func load(
        bytes source: [UInt8], name: String, globals: [String: LuaValue] = [:], limits: LuaLimits? = nil
    ) throws(ScriptError) -> LuaScript {
        try load(bytes: source, name: name, globals: globals, limits: limits, recording: nil)
    }

    /// Loads and runs a script; with `recording`, the chunk sees its environment through a
    /// recording proxy (``loadRecordingGlobals(_:name:globals:limits:)``), and `recording` gets
    /// the assignments once the main chunk has run.
    func load(
        bytes source: [UInt8], name: String, globals: [String: LuaValue], limits: LuaLimits?,
        recording: (([GlobalAssignment]) -> Void)?
    ) throws(ScriptError) -> LuaScript {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        try reserveStack(8)
        flk_pushcfunction(L, flk_message_handler)
        let handler = base + 1

        try pushNewEnvironment()
        let environment = lua_gettop(L)
        for (key, value) in globals {
            pushString(key)
            do { try push(value) } catch {
                throw ScriptError(kind: .invalidValue, file: name, message: "global '\(key)': \(error.message)")
            }
            lua_rawset(L, environment)
        }

        let status = source.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                luaL_loadbufferx(L, chars.baseAddress, chars.count, "@" + name, "t")
            }
        }
        guard status == LUA_OK else { throw loadFailure(status: status, name: name) }
        // While recording, the chunk's _ENV is the proxy; the proxy and the log wait in the
        // registry, since the stack above the handler must hold only the chunk.
        var recorder: (proxy: Int32, log: Int32)?
        if recording != nil {
            try pushRecordingProxy(of: environment, handler: handler)
            let log = luaL_ref(L, flk_registryindex())
            lua_pushvalue(L, -1)
            recorder = (luaL_ref(L, flk_registryindex()), log)
        } else {
            lua_pushvalue(L, environment)
        }
        defer {
            if let recorder {
                luaL_unref(L, flk_registryindex(), recorder.proxy)
                luaL_unref(L, flk_registryindex(), recorder.log)
            }
        }
        _ = lua_setupvalue(L, -2, 1)

        lua_pushvalue(L, environment)
        let reference = LuaReference(id: luaL_ref(L, flk_registryindex()), owner: ownerID)
        flk_remove(L, environment)
        scriptNames.insert(name)
        do {
            _ = try callProtected(handler: handler, arguments: [], limits: limits ?? self.limits, file: name)
        } catch {
            release(reference)
            throw error
        }
        if let recording, let recorder {
            lua_settop(L, handler)
            lua_rawgeti(L, flk_registryindex(), lua_Integer(recorder.log))
            let log = try read(at: -1)
            try stopRecording(proxy: recorder.proxy, environment: reference, handler: handler)
            recording((log.tableValue?.array ?? []).compactMap(GlobalAssignment.init))
        }
        return LuaScript(runtime: self, name: name, environment: reference)
    }

    /// Pushes a recording proxy of the environment at `environment` and its log.
    private func pushRecordingProxy(of environment: Int32, handler: Int32) throws(ScriptError) {
        flk_pushcfunction(L, flk_recording_env)
        lua_pushvalue(L, environment)
        guard flk_pcall(L, 1, 2, handler) == LUA_OK else {
            throw ScriptError(kind: .memory, message: "cannot create a recording environment")
        }
    }

    /// Makes the proxy (a registry reference) write straight to the environment from now on.
    private func stopRecording(proxy: Int32, environment: LuaReference, handler: Int32) throws(ScriptError) {
        flk_pushcfunction(L, flk_stop_recording)
        lua_rawgeti(L, flk_registryindex(), lua_Integer(proxy))
        try pushReference(environment)
        guard flk_pcall(L, 2, 0, handler) == LUA_OK else {
            throw ScriptError(kind: .memory, message: "cannot stop recording globals")
        }
    }

    private func loadFailure(status: Int32, name: String) -> ScriptError {
        let message = lua_type(L, -1) == LUA_TSTRING ? readString(at: -1).description : "cannot load"
        if status == LUA_ERRMEM {
            return ScriptError(kind: .memory, file: name, message: "not enough memory to compile")
        }
        let short = Self.shortSource(of: name)
        var error = ScriptError(kind: .syntax, file: name, message: message)
        if message.utf8.starts(with: (short + ":").utf8) {
            let rest = message.utf8.dropFirst(short.utf8.count + 1)
            let digits = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            let after = rest.dropFirst(digits.count)
            if let line = Int(String(decoding: digits, as: UTF8.self)), after.starts(with: ": ".utf8) {
                error.line = line
                error.message = String(decoding: after.dropFirst(2), as: UTF8.self)
            }
        }
        return error
    }
}
