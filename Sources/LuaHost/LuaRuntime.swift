import CLuaShim

/// A sandboxed Lua 5.4 runtime: one `lua_State`, the scripts loaded into it, and the host
/// functions they may call.
///
/// What it guarantees:
/// - **Sandbox.** Scripts see only `base` (without `dofile`, `loadfile`, `collectgarbage`,
///   `require`, `warn`; `load` reads text only and defaults to the calling script's own
///   environment; `setmetatable` refuses `__gc`), `table`, `string`, `math` and `utf8`; no `io`,
///   `os`, `package`, `debug` or `coroutine`. The string metatable is hidden. Each script gets
///   its own `_ENV` with private copies of the library tables, so a global or a library change
///   made by one script is never seen by another.
/// - **Limits.** Every call runs under ``LuaLimits`` (instructions, a wall-clock deadline, a
///   memory cap for the state). A fired limit stays fired until the call returns, whatever
///   the script's `pcall` does, and the runtime answers the next call normally.
/// - **Errors.** A failure is a ``ScriptError`` with the kind, the `file:line` that raised it
///   (chunks are named `@path`), the message and Lua's traceback. Lua errors are raised only
///   from C frames: a host function reports failure by throwing in Swift, and the C trampoline
///   raises the Lua error after the Swift frame has returned.
/// - **Values.** ``LuaValue`` crosses both ways without losing bytes or the integer/float
///   distinction; ``LuaReference`` passes host functions and retained tables cheaply.
///
/// Library functions that loop in C count their work toward the limits as they go:
/// `table.insert`, `remove`, `move`, `string.rep`, and the pattern functions (`string.find`,
/// `match`, `gmatch`, `gsub`), which run on the host's own matcher, so that a backtracking
/// pattern stops at the limit inside the call. Known limit: other work inside one C function
/// is not interrupted — `table.sort`, and linear work on data the memory cap bounds (`..`,
/// `table.concat`, `string.format`, compiling in `load`). Such a call runs to its end; the
/// deadline and the budget fire at the script's next instruction.
///
/// A runtime is single-threaded: it is not `Sendable`, and all its scripts, references and
/// host functions must be used from one thread (or one isolation domain) at a time.
public final class LuaRuntime {
    let state: UnsafeMutablePointer<flk_state>
    let L: OpaquePointer
    /// The limits of a call that passes none.
    public var limits: LuaLimits
    var templateRef: Int32 = 0
    var hostFunctions: [HostFunction] = []
    /// Names of loaded scripts, to locate messages that were re-raised without a frame.
    var scriptNames: Set<String> = []
    var callDepth = 0
    /// This runtime's serial, unique in the process: what its references are checked against.
    let ownerID = RuntimeSerial.next()

    /// Creates a runtime. `print`, when given, receives each line a script prints (arguments
    /// converted as Lua's `tostring` does and joined by tabs); without it scripts have no
    /// `print`.
    public init(limits: LuaLimits = .default, print: ((String) -> Void)? = nil) throws(ScriptError) {
        state = .allocate(capacity: 1)
        state.initialize(to: flk_state())
        guard let L = flk_open(state) else {
            state.deallocate()
            throw ScriptError(kind: .memory, message: "cannot create a Lua state: out of memory")
        }
        self.L = L
        self.limits = limits
        state.pointee.dispatch = luaHostDispatch
        state.pointee.host = Unmanaged.passUnretained(self).toOpaque()
        try openSandbox()
        if let print { installPrint(print) }
    }

    deinit {
        lua_close(L)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Bytes the state holds now.
    public var memoryInUse: Int { state.pointee.used }

    /// Runs a full garbage collection.
    public func collectGarbage() {
        _ = flk_gc(L, LUA_GCCOLLECT)
    }
}

final class HostFunction {
    let name: String
    /// The time it takes is not counted against the deadline (it waits on the network).
    let waitsOutside: Bool
    let body: ([LuaValue]) throws -> [LuaValue]

    init(name: String, waitsOutside: Bool = false, body: @escaping ([LuaValue]) throws -> [LuaValue]) {
        self.name = name
        self.waitsOutside = waitsOutside
        self.body = body
    }
}

private func luaHostDispatch(_ L: OpaquePointer?, _ host: UnsafeMutableRawPointer?, _ id: lua_Integer) -> Int32 {
    let runtime = Unmanaged<LuaRuntime>.fromOpaque(host!).takeUnretainedValue()
    return runtime.dispatchHostFunction(Int(id))
}
