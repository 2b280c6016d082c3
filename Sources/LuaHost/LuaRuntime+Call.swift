import CLuaShim

extension LuaRuntime {
    /// Calls the function on top of the stack, with the message handler at `handler` below it,
    /// under `limits`. Leaves results or the error object on the stack; the caller resets it.
    func callProtected(
        handler: Int32, arguments: [LuaValue], limits: LuaLimits, file: String
    ) throws(ScriptError) -> [LuaValue] {
        guard lua_checkstack(L, Int32(clamping: arguments.count) + 4) != 0 else {
            throw ScriptError(kind: .invalidValue, file: file, message: "too many arguments")
        }
        for argument in arguments {
            do { try push(argument) } catch {
                throw ScriptError(kind: .invalidValue, file: file, message: "argument: \(error.message)")
            }
        }
        let (status, tripped) = run(arguments: Int32(arguments.count), handler: handler, limits: limits)
        guard status == LUA_OK, tripped == FLK_TRIP_NONE else {
            throw failure(status: status, tripped: tripped, limits: limits, file: file)
        }
        let top = lua_gettop(L)
        guard top > handler else { return [] }
        var results: [LuaValue] = []
        results.reserveCapacity(Int(top - handler))
        for index in (handler + 1)...top {
            do { results.append(try read(at: index)) } catch {
                throw ScriptError(
                    kind: .invalidValue, file: file,
                    message: "result \(index - handler): \(error.message)")
            }
        }
        return results
    }

    /// `lua_pcall` with the limits armed for the outermost call. A call made from a host
    /// function while a script runs shares the limits of the call around it.
    private func run(arguments: Int32, handler: Int32, limits: LuaLimits) -> (status: Int32, tripped: Int) {
        let outermost = callDepth == 0
        callDepth += 1
        defer { callDepth -= 1 }
        guard outermost else {
            let strict = state.pointee.strict
            state.pointee.strict = 1
            let status = flk_pcall(L, arguments, LUA_MULTRET, handler)
            state.pointee.strict = strict
            return (status, Int(state.pointee.tripped))
        }
        flk_arm(state, limits.instructionBudget, limits.timeoutNanoseconds, limits.memoryCap)
        let status = flk_pcall(L, arguments, LUA_MULTRET, handler)
        flk_disarm(state)
        let tripped = Int(state.pointee.tripped)
        if tripped == FLK_TRIP_MEMORY || status == LUA_ERRMEM { collectGarbage() }
        return (status, tripped)
    }

    private func failure(status: Int32, tripped: Int, limits: LuaLimits, file: String) -> ScriptError {
        var error = status == LUA_OK
            ? ScriptError(kind: .runtime, message: "")
            : errorReport(status: status)
        switch tripped {
        case FLK_TRIP_INSTRUCTIONS:
            error.kind = .instructionLimit
            error.message = limits.describeInstructions()
        case FLK_TRIP_TIMEOUT:
            error.kind = .timeout
            error.message = limits.describeTimeout()
        case FLK_TRIP_MEMORY:
            error.kind = .memory
            error.message = limits.describeMemory()
        default:
            if status == LUA_ERRMEM { error.kind = .memory }
        }
        if tripped != FLK_TRIP_NONE {
            error.value = nil
            if let location = tripLocation() { (error.file, error.line) = location }
            // Where the cap fired: a later error raised by the hook has its own, later traceback.
            if tripped == FLK_TRIP_MEMORY || error.traceback == nil {
                error.traceback = tripTraceback() ?? error.traceback
            }
        }
        if error.file == nil { error.file = file }
        return error
    }

    /// Where the first limit fired, as the hook or the allocator recorded it.
    private func tripLocation() -> (String, Int)? {
        let line = Int(state.pointee.trip_line)
        guard line > 0 else { return nil }
        let source = withUnsafeBytes(of: &state.pointee.trip_source) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return (Self.file(ofChunk: source), line)
    }

    /// The traceback recorded where a limit fired outside the message handler's reach (a refused
    /// allocation), if any.
    private func tripTraceback() -> String? {
        let text = withUnsafeBytes(of: &state.pointee.trip_traceback) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.contains("\n") ? text : nil
    }

    /// The error object on top of the stack: the message handler's record for a runtime error,
    /// a bare message for a memory error or an error in error handling.
    func errorReport(status: Int32) -> ScriptError {
        var error = ScriptError(kind: .runtime, message: "")
        guard status == LUA_ERRRUN, lua_type(L, -1) == LUA_TTABLE else {
            error.message = lua_type(L, -1) == LUA_TSTRING ? readString(at: -1).description : "unknown error"
            return error
        }
        let record = lua_gettop(L)
        if lua_getfield(L, record, "traceback") == LUA_TSTRING { error.traceback = readString(at: -1).description }
        if lua_getfield(L, record, "file") == LUA_TSTRING { error.file = readString(at: -1).description }
        if lua_getfield(L, record, "line") == LUA_TNUMBER { error.line = Int(lua_tointegerx(L, -1, nil)) }
        let prefix = lua_getfield(L, record, "prefix") == LUA_TNUMBER ? Int(lua_tointegerx(L, -1, nil)) : 0
        lua_settop(L, record)
        switch lua_getfield(L, record, "error") {
        case LUA_TSTRING:
            let bytes = readString(at: -1).bytes
            error.message = String(decoding: bytes.dropFirst(prefix), as: UTF8.self)
            if prefix == 0, let located = locate(message: error.message) {
                (error.file, error.line, error.message) = located
            }
        case LUA_TTABLE:
            if let value = try? read(at: -1) {
                error.value = value
                error.message = value.description
            } else {
                error.message = "(error object is a table value)"
            }
        case LUA_TNIL:
            error.message = "(error object is a nil value)"
        default:
            let value = try? read(at: -1)
            error.value = value
            error.message = value?.description ?? "(error object is a \(typeName(at: -1)) value)"
        }
        lua_settop(L, record)
        return error
    }

    /// A message that starts with a loaded script's `file:line: ` but was raised where no frame
    /// of that script was on the stack (caught in one script and re-raised by another).
    func locate(message: String) -> (String, Int, String)? {
        for name in scriptNames {
            let short = Self.shortSource(of: name)
            guard message.utf8.starts(with: short.utf8) else { continue }
            let rest = message.utf8.dropFirst(short.utf8.count)
            guard rest.first == UInt8(ascii: ":") else { continue }
            let digits = rest.dropFirst().prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            let after = rest.dropFirst(1 + digits.count)
            guard !digits.isEmpty, after.starts(with: ": ".utf8),
                let line = Int(String(decoding: digits, as: UTF8.self))
            else { continue }
            return (name, line, String(decoding: after.dropFirst(2), as: UTF8.self))
        }
        return nil
    }

    /// The file a chunk name stands for: `@path` and `=name` lose their mark.
    static func file(ofChunk chunk: String) -> String {
        guard let first = chunk.utf8.first, first == UInt8(ascii: "@") || first == UInt8(ascii: "=") else {
            return chunk
        }
        return String(chunk.dropFirst())
    }

    /// How Lua abbreviates `@name` in messages (its `luaO_chunkid` with `LUA_IDSIZE` 60).
    static func shortSource(of name: String) -> String {
        let bytes = Array(name.utf8)
        if bytes.count + 1 <= 60 { return name }
        return "..." + String(decoding: bytes.suffix(56), as: UTF8.self)
    }
}
