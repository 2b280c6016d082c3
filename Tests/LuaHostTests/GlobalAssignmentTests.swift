@testable import LuaHost
import Testing

/// What a checker learns of a script's globals: every assignment its main chunk made, with its
/// line, and the shape of each global Lua function.
struct GlobalAssignmentTests {
    @Test("every global assignment of the main chunk is recorded with its line, kind and function shape")
    func recordsAssignments() throws {
        let runtime = try makeRuntime()
        let (_, assignments) = try runtime.loadRecordingGlobals(
            """
            count = 0
            local function helper(x) return x end
            function documnet_type(order, ctx)
              return helper("receipt")
            end
            accept_order = function(...) return true end
            function print() end
            """, name: "rules.lua")
        #expect(assignments.map(\.name) == ["count", "documnet_type", "accept_order", "print"])
        #expect(assignments.map(\.line) == [1, 3, 6, 7])
        #expect(assignments.allSatisfy { $0.isInMainChunk })
        #expect(assignments[0].typeName == "number" && assignments[0].function == nil)
        #expect(assignments[1].function == LuaFunctionShape(parameters: 2, isVararg: false, line: 3))
        #expect(assignments[2].function == LuaFunctionShape(parameters: 0, isVararg: true, line: 6))
    }

    @Test("an assignment made by a function the main chunk calls is told apart from a top-level one")
    func assignmentInCalledFunction() throws {
        let runtime = try makeRuntime()
        let (_, assignments) = try runtime.loadRecordingGlobals(
            """
            local function setup()
              cache = {}
            end
            setup()
            """, name: "rules.lua")
        #expect(assignments.count == 1)
        #expect(assignments.first?.name == "cache")
        #expect(assignments.first?.line == 2)
        #expect(assignments.first?.isInMainChunk == false)
    }

    @Test("after loading, the script keeps and reads its own globals as any script does")
    func behavesAfterLoading() throws {
        let runtime = try makeRuntime()
        let (script, assignments) = try runtime.loadRecordingGlobals(
            "function bump() counter = (counter or 0) + 1 return counter end", name: "rules.lua")
        #expect(assignments.map(\.name) == ["bump"])
        #expect(try script.call("bump") == [1])
        #expect(try script.call("bump") == [2])
        #expect(try script.global("counter") == 2)
        #expect(script.hasFunction("bump"))
    }

    @Test("a main chunk that fails is reported like any load failure")
    func failingMainChunk() throws {
        let runtime = try makeRuntime()
        let error = scriptError { _ = try runtime.loadRecordingGlobals("x = 1\nerror('stop here')\n", name: "rules.lua") }
        #expect(error?.description == "rules.lua:2: stop here")
    }

    @Test("a script's global functions are its own Lua functions, with parameters and lines, not the library's")
    func globalFunctions() throws {
        let runtime = try makeRuntime()
        let host = runtime.function(named: "host") { _ in [] }
        let script = try runtime.load(
            """
            function accept_order(order, ctx) return true end

            function line_warehouse(line, order, ...) return 1 end
            local function hidden() end
            value = 3
            """, name: "rules.lua", globals: ["host": .reference(host)])
        let functions = try script.globalFunctions()
        #expect(functions.keys.sorted() == ["accept_order", "line_warehouse"])
        #expect(functions["accept_order"] == LuaFunctionShape(parameters: 2, isVararg: false, line: 1))
        #expect(functions["line_warehouse"] == LuaFunctionShape(parameters: 2, isVararg: true, line: 3))
    }
}
