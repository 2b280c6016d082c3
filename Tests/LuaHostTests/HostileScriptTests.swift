import LuaHost
import Testing

/// Each attack ends with the right error kind within its limit, and the runtime answers the
/// next call correctly.
struct HostileScriptTests {
    func expectAttack(
        _ body: String, kind: ScriptError.Kind, limits: LuaLimits = testLimits, message: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let runtime = try makeRuntime(limits: limits)
        let script = try loadAttack(body, in: runtime)
        let error = scriptError { _ = try script.call("attack") }
        #expect(error?.kind == kind, "got \(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.file == "attack.lua", sourceLocation: sourceLocation)
        if let message {
            #expect(error?.message.contains(message) == true, "got \(String(describing: error))", sourceLocation: sourceLocation)
        }
        #expect(try script.call("add", 2, 3) == [5], sourceLocation: sourceLocation)
        #expect(try script.call("add", 2, 3) == [5], sourceLocation: sourceLocation)
    }

    @Test("an endless loop stops at the instruction budget")
    func endlessLoop() throws {
        try expectAttack("while true do end", kind: .instructionLimit, message: "200000 instructions")
    }

    @Test("an endless loop inside pcall, in a loop, cannot swallow the instruction limit")
    func pcallLoop() throws {
        try expectAttack(
            "while true do pcall(function() while true do end end) end", kind: .instructionLimit)
    }

    @Test("an error handler that loops cannot swallow the instruction limit")
    func xpcallHandlerLoop() throws {
        try expectAttack(
            "while true do xpcall(function() while true do end end, function() while true do end end) end",
            kind: .instructionLimit)
    }

    @Test("returning pcall's result straight after the limit fired still fails the call")
    func tailPcall() throws {
        try expectAttack("return pcall(function() while true do end end)", kind: .instructionLimit)
    }

    @Test("an endless loop stops at the deadline when there is no instruction budget")
    func deadline() throws {
        let limits = LuaLimits(instructions: nil, timeout: .milliseconds(30), memory: 16 << 20)
        try expectAttack(
            "while true do pcall(function() while true do end end) end", kind: .timeout, limits: limits,
            message: "30 ms")
    }

    @Test("string.rep asking for a gigabyte is refused by the memory cap")
    func stringRepBomb() throws {
        try expectAttack(#"local s = string.rep("x", 1 << 30) return #s"#, kind: .memory, message: "16 MiB")
        let runtime = try makeRuntime()
        let script = try loadAttack(#"local s = string.rep("x", 1 << 30) return #s"#, in: runtime)
        #expect(scriptError { _ = try script.call("attack") }?.description == "attack.lua:2: memory limit exceeded (16 MiB)")
    }

    @Test("a memory error carries a traceback of where the cap fired, though Lua runs no message handler for it")
    func memoryTraceback() throws {
        let runtime = try makeRuntime()
        let script = try runtime.load(
            """
            local function grow(n)
              return string.rep("x", n)
            end
            function attack()
              return #grow(1 << 30)
            end
            """, name: "attack.lua")
        let error = scriptError { _ = try script.call("attack") }
        #expect(error?.kind == .memory)
        #expect(error?.line == 2)
        let traceback = try #require(error?.traceback, "\(String(describing: error))")
        #expect(traceback.hasPrefix("stack traceback:"), "\(traceback)")
        #expect(traceback.contains("[C]: in function 'rep'\n\tattack.lua:2: in function 'grow'\n"), "\(traceback)")
        // Called from the host, attack has no name on the stack; Lua's own traceback says the same.
        #expect(traceback.hasSuffix("\tattack.lua:5: in function <attack.lua:4>"), "\(traceback)")
    }

    @Test("a doubling string is stopped by the memory cap, even inside pcall")
    func doublingString() throws {
        try expectAttack(
            #"while true do pcall(function() local s = "x" while true do s = s .. s end end) end"#,
            kind: .memory,
            limits: LuaLimits(instructions: 10_000_000, timeout: nil, memory: 16 << 20))
    }

    @Test("a growing table is stopped by the memory cap")
    func tableGrowth() throws {
        try expectAttack(
            "local t = {} local i = 0 while true do i = i + 1 t[i] = {i, tostring(i)} end",
            kind: .memory,
            limits: LuaLimits(instructions: 100_000_000, timeout: nil, memory: 8 << 20))
    }

    @Test("the state is back under its cap after a memory bomb")
    func memoryRecovered() throws {
        let runtime = try makeRuntime()
        let script = try loadAttack("local t = {} while true do t[#t + 1] = string.rep('y', 4096) .. #t end", in: runtime)
        #expect(scriptError { _ = try script.call("attack", limits: LuaLimits(instructions: nil, timeout: nil, memory: 8 << 20)) }?.kind == .memory)
        #expect(runtime.memoryInUse < 8 << 20)
        #expect(try script.call("add", 1, 1) == [2])
    }

    @Test("unbounded recursion is a stack overflow error, not a crash")
    func recursion() throws {
        try expectAttack(
            "local function f() return 1 + f() end return f()", kind: .runtime,
            limits: LuaLimits(instructions: 50_000_000, timeout: nil, memory: 256 << 20),
            message: "stack overflow")
    }

    @Test("os, io, require, dofile, loadfile and collectgarbage do not exist")
    func missingLibraries() throws {
        for call in [
            "os.execute('true')", "io.open('/etc/passwd')", "require('os')", "dofile('/etc/passwd')",
            "loadfile('/etc/passwd')", "collectgarbage()", "debug.getinfo(1)", "package.loadlib('x', 'y')",
            "coroutine.create(print)", "warn('@on')",
        ] {
            try expectAttack(call, kind: .runtime, message: "nil value")
        }
    }

    @Test("load refuses a binary chunk")
    func binaryLoad() throws {
        let runtime = try makeRuntime()
        let script = try runtime.load(
            """
            function attack(mode)
              local f, message = load("\\27Lua\\84\\0\\25\\147\\13\\10\\26\\10", "bin", mode)
              return f == nil, message
            end
            """, name: "attack.lua")
        let text = try script.call("attack")
        #expect(text[0] == true)
        #expect(text[1].stringValue?.contains("binary") == true)
        let binary = try script.call("attack", "b")
        #expect(binary == [true, "binary chunks are not allowed"])
    }

    @Test("string.dump does not exist")
    func stringDump() throws {
        try expectAttack("return string.dump(function() end)", kind: .runtime, message: "field 'dump'")
    }

    @Test("the string metatable cannot be read or changed")
    func stringMetatable() throws {
        try expectAttack(#"getmetatable("").__index = { upper = function() return "pwned" end }"#, kind: .runtime)
        try expectAttack(#"setmetatable("", {})"#, kind: .runtime, message: "table expected")
        let runtime = try makeRuntime()
        let script = try runtime.load(
            #"function probe() return getmetatable(""), ("abc"):upper() end"#, name: "probe.lua")
        #expect(try script.call("probe") == [false, "ABC"])
    }

    @Test("a metatable with __gc is refused, since finalizers run outside every limit")
    func finalizers() throws {
        try expectAttack(
            "setmetatable({}, {__gc = function() while true do end end})", kind: .runtime, message: "__gc")
    }
}
