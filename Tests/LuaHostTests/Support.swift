@testable import LuaHost

/// Small limits so hostile scripts end fast; no deadline, so no test depends on the clock.
let testLimits = LuaLimits(instructions: 200_000, timeout: nil, memory: 16 << 20)

func makeRuntime(limits: LuaLimits = testLimits) throws -> LuaRuntime {
    try LuaRuntime(limits: limits)
}

/// Runs `body`, returning the `ScriptError` it throws (nil when it succeeds).
func scriptError(_ body: () throws -> Void) -> ScriptError? {
    do {
        try body()
        return nil
    } catch let error as ScriptError {
        return error
    } catch {
        return ScriptError(kind: .runtime, message: "unexpected error \(error)")
    }
}

/// A script with one hostile function `attack` and a normal function `add`, used to check that
/// the runtime answers correctly after each attack.
func loadAttack(_ body: String, in runtime: LuaRuntime, name: String = "attack.lua") throws -> LuaScript {
    try runtime.load(
        """
        function attack()
        \(body)
        end
        function add(a, b) return a + b end
        """, name: name)
}
