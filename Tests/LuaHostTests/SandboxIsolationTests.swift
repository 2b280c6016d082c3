import LuaHost
import Testing

struct SandboxIsolationTests {
    @Test("a global set by one script is not seen by another")
    func globals() throws {
        let runtime = try makeRuntime()
        let first = try runtime.load("secret = 42\nfunction get() return secret end", name: "first.lua")
        let second = try runtime.load("function get() return secret end\nfunction add(a, b) return a + b end", name: "second.lua")
        #expect(try first.call("get") == [42])
        #expect(try second.call("get") == [.nil])
        #expect(try second.call("add", 1, 2) == [3])
    }

    @Test("changing a library table in one script does not change it for another, nor string methods")
    func libraries() throws {
        let runtime = try makeRuntime()
        let evil = try runtime.load(
            "string.upper = function() return 'pwned' end\ntable.concat = nil\nfunction probe() return string.upper('a') end",
            name: "evil.lua")
        let good = try runtime.load(
            "function probe() return string.upper('a'), ('b'):upper(), table.concat({1, 2}, ',') end", name: "good.lua")
        #expect(try evil.call("probe") == ["pwned"])
        #expect(try good.call("probe") == ["A", "B", "1,2"])
    }

    @Test("load without an environment runs in the calling script's own environment")
    func loadDefaultsToOwnEnvironment() throws {
        let runtime = try makeRuntime()
        let first = try runtime.load(
            "function run() load('leaked = true; mine = 1')() return mine, leaked end", name: "first.lua")
        let second = try runtime.load("function probe() return leaked end", name: "second.lua")
        #expect(try first.call("run") == [1, true])
        #expect(try second.call("probe") == [.nil])
    }

    @Test("load with an explicit environment sees only that table")
    func loadWithEnvironment() throws {
        let runtime = try makeRuntime()
        let script = try runtime.load(
            """
            function run()
              local f = load("return string, x", "chunk", "t", {x = 1})
              return f()
            end
            """, name: "env.lua")
        #expect(try script.call("run") == [.nil, 1])
    }

    @Test("only the allowed base functions exist")
    func baseFunctions() throws {
        let runtime = try makeRuntime()
        let script = try runtime.load(
            """
            function names()
              local found = {}
              for name, value in pairs(_G) do
                if type(value) == "function" then found[#found + 1] = name end
              end
              table.sort(found)
              return table.concat(found, " ")
            end
            """, name: "names.lua")
        #expect(try script.call("names") == [
            "assert error getmetatable ipairs load names next pairs pcall rawequal rawget rawlen rawset select setmetatable tonumber tostring type xpcall",
        ])
    }

    @Test("a read-only view of another script's environment can be called but not changed")
    func readOnlyDefaults() throws {
        let runtime = try makeRuntime()
        let defaults = try runtime.load("function accept_order(order) return order.id > 0 end", name: "default.lua")
        let view = try runtime.readOnlyView(of: defaults.environment)
        let rules = try runtime.load(
            """
            function accept_order(order) return not defaults.accept_order(order) end
            function tamper() defaults.accept_order = nil end
            function remeta() setmetatable(defaults, {}) end
            function shadow() rawset(defaults, "accept_order", function() return "mine" end) end
            function plain() local t = {} rawset(t, "x", 1) return t.x end
            function count() local n = 0 for _ in pairs(defaults) do n = n + 1 end return n end
            """, name: "rules.lua", globals: ["defaults": .reference(view)])
        #expect(try rules.call("accept_order", ["id": 5]) == [false])
        #expect(scriptError { _ = try rules.call("tamper") }?.message.contains("read-only") == true)
        #expect(scriptError { _ = try rules.call("remeta") }?.message.contains("protected metatable") == true)
        #expect(scriptError { _ = try rules.call("shadow") }?.message.contains("read-only") == true)
        #expect(try rules.call("accept_order", ["id": 5]) == [false], "the view still reaches the original")
        #expect(try rules.call("plain") == [1], "rawset works on ordinary tables")
        #expect(try rules.call("count").first?.integerValue ?? 0 > 10)
        #expect(try defaults.call("accept_order", ["id": 5]) == [true])
    }
}
