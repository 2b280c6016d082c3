import LuaHost
import Testing

struct ScriptErrorTests {
    /// The error that `hook(arguments…)` raises in `source`, loaded as `name` into a runtime of its own.
    func hookError(_ source: String, name: String, _ arguments: LuaValue...) throws -> ScriptError? {
        let script = try makeRuntime().load(source, name: name)
        return scriptError { _ = try script.call("hook", arguments: arguments) }
    }

    @Test("a syntax error names the file and the line")
    func syntaxError() throws {
        let runtime = try makeRuntime()
        let error = scriptError { _ = try runtime.load("local x = 1\nif x then\n  x = = 2\nend", name: "rules/bad.lua") }
        #expect(error?.kind == .syntax)
        #expect(error?.file == "rules/bad.lua")
        #expect(error?.line == 3)
        #expect(error?.message.contains("unexpected symbol near '='") == true)
        #expect(error?.description.hasPrefix("rules/bad.lua:3: ") == true)
    }

    @Test("a runtime error names the file and line, and carries a traceback")
    func runtimeError() throws {
        let error = try hookError(
            """
            local function inner(order)
              return order.buyer.name
            end
            function hook(order)
              local name = inner(order)
              return name
            end
            """, name: "rules.lua", ["id": 1])
        #expect(error?.kind == .runtime)
        #expect(error?.file == "rules.lua")
        #expect(error?.line == 2)
        #expect(error?.message == "attempt to index a nil value (field 'buyer')")
        #expect(error?.traceback?.contains("stack traceback:") == true)
        #expect(error?.traceback?.contains("rules.lua:2: in upvalue 'inner'") == true)
        #expect(error?.traceback?.contains("rules.lua:5: in function <rules.lua:4>") == true)
    }

    @Test("error(message, 2) is located at the caller's line")
    func errorLevel() throws {
        let error = try hookError(
            """
            local function check(x)
              if not x then error("x is required", 2) end
            end
            function hook()
              check(nil)
            end
            """, name: "level.lua")
        #expect(error?.description == "level.lua:5: x is required")
    }

    @Test("an error object that is a table is described, with the file and line of the raise")
    func tableError() throws {
        let runtime = try makeRuntime()
        let script = try runtime.load(
            "function hook()\n  error({code = 1, reason = \"held\"})\nend\nfunction ok() return 'fine' end", name: "t.lua")
        let error = scriptError { _ = try script.call("hook") }
        #expect(error?.kind == .runtime)
        #expect(error?.message == #"{code = 1, reason = "held"}"#)
        #expect(error?.file == "t.lua")
        #expect(error?.line == 2)
        #expect(error?.value == ["code": 1, "reason": "held"])
        #expect(try script.call("ok") == ["fine"])
    }

    @Test("error without a position is still located at the raising line")
    func levelZero() throws {
        let error = try hookError("function hook()\n\n  error('plain', 0)\nend", name: "z.lua")
        #expect(error?.description == "z.lua:3: plain")
    }

    @Test("an error raised in the defaults script names that script, even when called from another")
    func errorInDefaults() throws {
        let runtime = try makeRuntime()
        let defaults = try runtime.load(
            "function accept_order(order)\n  return order.status_id > 0\nend", name: "default.lua")
        let rules = try runtime.load(
            "function accept_order(order, ctx)\n  local accepted = defaults.accept_order(order, ctx)\n  return accepted\nend",
            name: "rules.lua", globals: ["defaults": .reference(defaults.environment)])
        let error = scriptError { _ = try rules.call("accept_order", ["id": 1]) }
        #expect(error?.file == "default.lua")
        #expect(error?.line == 2)
        #expect(error?.message.contains("attempt to compare") == true)
        #expect(error?.traceback?.contains("rules.lua:2:") == true)
    }

    @Test("a message caught in one script and re-raised in another keeps its origin")
    func reraised() throws {
        let runtime = try makeRuntime()
        let defaults = try runtime.load("function fail()\n  error('deep')\nend", name: "default.lua")
        let rules = try runtime.load(
            "function hook()\n  local ok, message = pcall(defaults.fail)\n  error(message, 0)\nend",
            name: "rules.lua", globals: ["defaults": .reference(defaults.environment)])
        let error = scriptError { _ = try rules.call("hook") }
        #expect(error?.description == "default.lua:2: deep")
    }

    @Test("calling a function the script does not define is a clear error")
    func missingFunction() throws {
        let runtime = try makeRuntime()
        let script = try runtime.load("x = 1", name: "r.lua")
        let error = scriptError { _ = try script.call("x") }
        #expect(error?.description == "r.lua: 'x' is not a function (a number value)")
        #expect(!script.hasFunction("x"))
        #expect(!script.hasFunction("missing"))
    }

    @Test("an error in the main chunk fails the load")
    func mainChunkError() throws {
        let runtime = try makeRuntime()
        let error = scriptError { _ = try runtime.load("local a = nil\nlocal b = a.x", name: "main.lua") }
        #expect(error?.kind == .runtime)
        #expect(error?.description.hasPrefix("main.lua:2: attempt to index a nil value") == true)
    }
}
