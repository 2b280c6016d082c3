import LuaHost
import Testing

struct HostFunctionTests {
    struct NotFound: Error, CustomStringConvertible {
        let id: Int64
        var description: String { "no product with id \(id)" }
    }

    @Test("a Swift error thrown by a host function is caught by the script's pcall")
    func caughtError() throws {
        let runtime = try makeRuntime()
        let product = runtime.function(named: "product") { arguments in
            throw NotFound(id: arguments.argument(0).integerValue ?? 0)
        }
        let script = try runtime.load(
            """
            function hook()
              local ok, message = pcall(function() return store.product(42) end)
              return ok, message
            end
            function add(a, b) return a + b end
            """, name: "rules.lua", globals: ["store": ["product": .reference(product)]])
        let results = try script.call("hook")
        #expect(results == [false, "rules.lua:2: product: no product with id 42"])
        #expect(try script.call("add", 1, 2) == [3])
    }

    @Test("an uncaught host error fails the call at the calling line")
    func uncaughtError() throws {
        let runtime = try makeRuntime()
        let product = runtime.function(named: "product") { _ in throw NotFound(id: 7) }
        let script = try runtime.load("function hook()\n  return product(7)\nend", name: "r.lua",
                                      globals: ["product": .reference(product)])
        let error = scriptError { _ = try script.call("hook") }
        #expect(error?.kind == .runtime)
        #expect(error?.description == "r.lua:2: product: no product with id 7")
    }

    @Test("host functions receive arguments and return several results")
    func argumentsAndResults() throws {
        let runtime = try makeRuntime()
        var logged: [String] = []
        let log = runtime.function(named: "log") { arguments in
            logged.append(arguments.map(\.description).joined(separator: " "))
            return []
        }
        let split = runtime.function(named: "split") { arguments in
            let text = arguments.argument(0).stringValue ?? ""
            return text.split(separator: " ").map { .string(LuaString(String($0))) }
        }
        let util = try runtime.retain(["split": .reference(split)])
        let script = try runtime.load(
            """
            function hook(ctx)
              ctx.log("seen", 1, 2.5, {a = true})
              local a, b = ctx.util.split("Jan Kowalski")
              return b .. ", " .. a
            end
            """, name: "r.lua")
        let ctx: LuaValue = ["log": .reference(log), "util": .reference(util)]
        #expect(try script.call("hook", ctx) == ["Kowalski, Jan"])
        #expect(try script.call("hook", ctx) == ["Kowalski, Jan"])
        #expect(logged == [#""seen" 1 2.5 {a = true}"#, #""seen" 1 2.5 {a = true}"#])
    }

    @Test("passing a function to a host function is an error the script can catch")
    func functionArgument() throws {
        let runtime = try makeRuntime()
        let log = runtime.function(named: "log") { _ in [] }
        let script = try runtime.load(
            "function hook() return pcall(log, print or function() end) end", name: "r.lua",
            globals: ["log": .reference(log)])
        let results = try script.call("hook")
        #expect(results.first == false)
        #expect(results.last?.stringValue?.contains("bad argument #1") == true)
    }

    @Test("print goes to the host, tab-separated like Lua's")
    func hostPrint() throws {
        var lines: [String] = []
        let runtime = try LuaRuntime(limits: testLimits, print: { lines.append($0) })
        _ = try runtime.load(#"print("a", 1, 2.0, nil, true, {} ~= nil) print()"#, name: "p.lua")
        #expect(lines == ["a\t1\t2.0\tnil\ttrue\ttrue", ""])
    }

    @Test("a host function may call back into a script, sharing the call's limits")
    func reentrantCall() throws {
        let runtime = try makeRuntime()
        let helper = try runtime.load("function double(x) return x * 2 end function spin() while true do end end", name: "helper.lua")
        let viaHost = runtime.function(named: "via_host") { arguments in
            try helper.call(arguments.argument(0).stringValue ?? "", arguments.argument(1))
        }
        let script = try runtime.load(
            "function hook(name, x) return via_host(name, x) + 1 end", name: "r.lua",
            globals: ["via_host": .reference(viaHost)])
        #expect(try script.call("hook", "double", 20) == [41])
        #expect(scriptError { _ = try script.call("hook", "spin", 0) }?.kind == .instructionLimit)
        #expect(try script.call("hook", "double", 1) == [3])
    }
}
