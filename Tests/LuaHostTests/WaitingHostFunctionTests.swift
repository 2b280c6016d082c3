import Foundation
import LuaHost
import Testing

/// A host function that waits on something outside the script (a network request) does not
/// spend the call's deadline; the script's own work still does.
struct WaitingHostFunctionTests {
    static let limits = LuaLimits(instructions: nil, timeout: .milliseconds(200), memory: 16 << 20)

    /// Loads `source` as `migration.lua` in a runtime with `wait()`, a host function that
    /// sleeps 120 ms.
    func load(_ source: String, waitsOutside: Bool) throws {
        let runtime = try makeRuntime(limits: Self.limits)
        let wait = runtime.function(named: "wait", waitsOutside: waitsOutside) { _ in
            Thread.sleep(forTimeInterval: 0.12)
            return []
        }
        _ = try runtime.load(source, name: "migration.lua", globals: ["wait": .reference(wait)])
    }

    @Test("waiting outside the script does not count against the deadline")
    func waitingIsNotCounted() throws {
        let started = Date()
        try load("for i = 1, 4 do wait() end", waitsOutside: true)
        #expect(Date().timeIntervalSince(started) >= 0.45, "four waits of 120 ms ran past a 200 ms deadline")
    }

    @Test("the same waits in an ordinary host function pass the deadline")
    func ordinaryFunctionsCount() throws {
        let error = scriptError { try load("for i = 1, 4 do wait() end", waitsOutside: false) }
        #expect(error?.kind == .timeout)
    }

    @Test("the script's own work after a wait still stops at the deadline")
    func ownWorkIsCounted() throws {
        let error = scriptError { try load("wait()\nwhile true do end\n", waitsOutside: true) }
        #expect(error?.kind == .timeout)
        #expect(error?.description.hasPrefix("migration.lua:2: time limit exceeded") == true, "\(String(describing: error))")
    }
}
