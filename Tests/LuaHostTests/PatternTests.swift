import LuaHost
import Testing

/// Lua's own pattern functions run in C, where neither the instruction budget nor the deadline
/// can interrupt them (the README's known limit). These tests pin down what does hold: the call
/// runs to its end, and the limit fires right after it, even inside `pcall` (a loop of slow
/// calls: `LibraryLimitTests`).
struct PatternTests {
    /// Cubic backtracking in C, over a million steps: milliseconds here, hours with a longer subject.
    static let slowFind = "string.find(string.rep('a', 200), '.-.-b')"

    @Test("a backtracking pattern runs to its end; the instruction budget fires right after it")
    func budgetAfterPattern() throws {
        let runtime = try makeRuntime(limits: LuaLimits(instructions: 10_000, timeout: nil, memory: 16 << 20))
        let script = try runtime.load(
            """
            function attack()
              local found = \(Self.slowFind)
              finished = (found == nil)
              while true do end
            end
            function finished_pattern() return finished end
            function add(a, b) return a + b end
            """, name: "attack.lua")
        let error = scriptError { _ = try script.call("attack") }
        #expect(error?.kind == .instructionLimit)
        #expect(error?.line == 4, "the loop after the pattern call trips, \(String(describing: error))")
        #expect(try script.call("finished_pattern") == [true])
        #expect(try script.call("add", 1, 2) == [3])
    }

    @Test("the deadline fires after a slow pattern call even when the script wraps it in pcall")
    func deadlineAfterPatternInPcall() throws {
        let runtime = try makeRuntime(limits: LuaLimits(instructions: nil, timeout: .milliseconds(1), memory: 16 << 20))
        let script = try runtime.load(
            """
            function attack()
              while true do pcall(function() return \(Self.slowFind) end) end
            end
            """, name: "attack.lua")
        #expect(scriptError { _ = try script.call("attack") }?.kind == .timeout)
    }
}
