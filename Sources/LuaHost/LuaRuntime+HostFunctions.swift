import CLuaShim

extension LuaRuntime {
    /// Makes a Swift closure callable from Lua; put the reference in a global or a table.
    ///
    /// The closure receives the Lua arguments as data (a function or a cyclic table among them
    /// fails the call) and returns the results. An error it throws becomes a Lua error raised
    /// at the calling line, `file:line: name: description`, which the script may catch with
    /// `pcall`. The closure lives as long as the runtime. Do not call it from another thread.
    ///
    /// With `waitsOutside`, the time the closure takes does not count against the deadline of
    /// the call it runs in: for a function that waits on something outside the script (a
    /// network request), so that the deadline bounds the script's own work. The instruction
    /// budget and the memory cap apply as always.
    public func function(
        named name: String, waitsOutside: Bool = false, _ body: @escaping ([LuaValue]) throws -> [LuaValue]
    ) -> LuaReference {
        hostFunctions.append(HostFunction(name: name, waitsOutside: waitsOutside, body: body))
        flk_pushhostfunction(L, lua_Integer(hostFunctions.count - 1))
        return LuaReference(id: luaL_ref(L, flk_registryindex()), owner: ownerID)
    }

    /// Runs host function `id` for the C trampoline: returns the number of results pushed, or
    /// -1 with a message on top for the trampoline to raise. Never raises itself.
    func dispatchHostFunction(_ id: Int) -> Int32 {
        let function = hostFunctions[id]
        let started = function.waitsOutside ? flk_now_ns() : 0
        defer { if function.waitsOutside { flk_extend_deadline(state, flk_now_ns() - started) } }
        let count = lua_gettop(L)
        var arguments: [LuaValue] = []
        arguments.reserveCapacity(Int(count))
        do {
            var index: Int32 = 1
            while index <= count {
                do { arguments.append(try read(at: index)) } catch {
                    throw HostFunctionError("bad argument #\(index) (\(error.message))")
                }
                index += 1
            }
            let results = try function.body(arguments)
            guard lua_checkstack(L, Int32(clamping: results.count) + 4) != 0 else {
                throw HostFunctionError("too many results")
            }
            for result in results { try push(result) }
            return Int32(results.count)
        } catch {
            lua_settop(L, 0)
            pushString("\(function.name): \(Self.describe(error))")
            return -1
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? ScriptError { return error.description }
        return String(describing: error)
    }
}

struct HostFunctionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
