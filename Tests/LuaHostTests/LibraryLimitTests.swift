import Foundation
import LuaHost
import Testing

/// Work done in C, where the count hook never fires: the table library's loops keep to the
/// limits as they go, and a slow `table.sort` or host call is followed by a look at the deadline.
/// (The string functions' loops: `PatternTests`.)
struct LibraryLimitTests {
    /// An endless-looking range: without a check inside the loop, hours of work that allocate nothing.
    static let hugeLength = "setmetatable({}, {__len = function() return 1e15 end})"

    @Test("table.move, insert and remove over a huge range stop at the instruction budget, even inside pcall",
          arguments: [
            "table.move({}, 1, 1e12, 2)",
            "table.move({}, 1, 1e12, 2, {})",
            "table.insert(\(LibraryLimitTests.hugeLength), 1, 0)",
            "table.remove(\(LibraryLimitTests.hugeLength), 1)",
          ])
    func tableLoopsUnderBudget(call: String) throws {
        let runtime = try makeRuntime()
        let script = try loadAttack("while true do pcall(function() \(call) end) end", in: runtime)
        let error = scriptError { _ = try script.call("attack") }
        #expect(error?.kind == .instructionLimit, "\(String(describing: error))")
        #expect(error?.file == "attack.lua")
        #expect(try script.call("add", 2, 3) == [5])
    }

    @Test("without an instruction budget the deadline stops them")
    func tableLoopsUnderDeadline() throws {
        let runtime = try makeRuntime(limits: LuaLimits(instructions: nil, timeout: .milliseconds(20), memory: 16 << 20))
        let script = try loadAttack("table.move({}, 1, 1e12, 2)", in: runtime)
        #expect(scriptError { _ = try script.call("attack") }?.kind == .timeout)
        #expect(try script.call("add", 2, 3) == [5])
    }

    @Test("table.insert, remove and move keep Lua's semantics")
    func tableSemantics() throws {
        let runtime = try makeRuntime()
        let script = try runtime.load(
            """
            local function list(t) return table.concat(t, ",") end
            function check()
              local t = {1, 2, 3}
              table.insert(t, 4)
              table.insert(t, 1, 0)
              local inserted = list(t)
              local last, first = table.remove(t), table.remove(t, 1)
              local removed = list(t)
              return inserted, last, first, removed,
                list(table.move({1, 2, 3, 4, 5}, 1, 3, 3)),  -- overlapping, forwards
                list(table.move({1, 2, 3, 4, 5}, 3, 5, 1)),  -- overlapping, backwards
                list(table.move({1, 2, 3}, 1, 3, 2, {9})),   -- into another table
                table.remove({}), table.remove({}, 1), #table.move({}, 5, 1, 1)
            end
            function errors()
              local function message(call) local _, m = pcall(call) return m end
              return message(function() table.insert({1, 2}, 5, 0) end),
                message(function() table.insert({1, 2}) end),
                message(function() table.remove({1, 2}, 7) end),
                message(function() table.move({}, -1, math.maxinteger, 1) end),
                message(function() table.move({1}, 1, 2, math.maxinteger) end),
                message(function() table.insert(42, 1) end)
            end
            function proxy()
              -- A proxy whose metamethods reach another table works as with Lua's own functions.
              local store = {10, 20}
              local view = setmetatable({}, {
                __index = store, __newindex = store, __len = function() return #store end })
              table.insert(view, 30)
              table.insert(view, 1, 5)
              return list(store), table.remove(view, 2)
            end
            """, name: "t.lua")
        #expect(try script.call("check") == [
            "0,1,2,3,4", 4, 0, "1,2,3", "1,2,1,2,3", "3,4,5,4,5", "9,1,2,3", .nil, .nil, 0,
        ])
        #expect(try script.call("proxy") == ["5,10,20,30", 10])
        let messages = try script.call("errors").map { $0.stringValue ?? "" }
        let expected = [
            "position out of bounds", "wrong number of arguments to 'insert'", "position out of bounds",
            "too many elements to move", "destination wrap around", "table expected",
        ]
        #expect(messages.count == expected.count)
        for (message, part) in zip(messages, expected) {
            #expect(message.contains(part), "\(message) should say \(part)")
        }
    }

    @Test("a loop of slow table.sort calls stops at the first call that ends past the deadline")
    func slowSortsInALoop() throws {
        let runtime = try makeRuntime(limits: LuaLimits(instructions: nil, timeout: .milliseconds(1), memory: 16 << 20))
        // Each sort orders 200,000 numbers in C: far longer than the deadline, and not interrupted.
        let script = try runtime.load(
            """
            calls = 0
            function attack()
              local numbers = {string.byte(string.rep("\\7\\3\\9\\1\\5", 40000), 1, -1)}
              while true do
                calls = calls + 1
                table.sort(numbers)
              end
            end
            function count() return calls end
            """, name: "attack.lua")
        #expect(scriptError { _ = try script.call("attack") }?.kind == .timeout)
        #expect(try script.call("count") == [1], "the first call already ended past the deadline")
    }

    @Test("a loop of slow host-function calls stops at the first call that ends past the deadline")
    func slowHostCalls() throws {
        let runtime = try makeRuntime(limits: LuaLimits(instructions: nil, timeout: .milliseconds(5), memory: 16 << 20))
        let slow = runtime.function(named: "slow") { _ in
            Thread.sleep(forTimeInterval: 0.02)
            return []
        }
        let script = try runtime.load(
            """
            calls = 0
            function attack()
              while true do
                calls = calls + 1
                slow()
              end
            end
            function count() return calls end
            """, name: "attack.lua", globals: ["slow": .reference(slow)])
        let error = scriptError { _ = try script.call("attack") }
        #expect(error?.kind == .timeout)
        #expect(error?.line == 5, "the call that ended past the deadline: \(String(describing: error))")
        #expect(try script.call("count") == [1])
    }
}
