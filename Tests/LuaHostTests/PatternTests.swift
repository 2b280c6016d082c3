import LuaHost
import Testing

/// The pattern functions and `string.rep` count their work toward the call's limits inside the
/// call: a pattern that would backtrack for hours, or a repetition that loops producing nothing,
/// ends at the deadline or the instruction budget, even when the script wraps it in `pcall`.
/// (Each case below ran a hook past 60 s of a 1 s deadline with Lua's own functions.)
struct PatternTests {
    /// Exponential backtracking on a 26-byte subject, and cubic backtracking over 1 MB through
    /// each pattern function.
    static let backtracking = [
        #"("a"):rep(26):find(("a*"):rep(26) .. "b")"#,
        #"string.rep("a", 1 << 20):find(".-.-b")"#,
        #"string.rep("a", 1 << 20):match(".-.-b")"#,
        #"string.rep("a", 1 << 20):gmatch(".-.-b")()"#,
        #"string.rep("a", 1 << 20):gsub(".-.-b", "")"#,
    ]

    /// Lua's own string.rep looped 2^62 times here, copying nothing each time.
    static let emptyRepetitions = [
        #"string.rep("", 2^62)"#,
        #"string.rep("", 2^40, "")"#,
        #"("").rep("", math.maxinteger)"#,
    ]

    static let deadline = Duration.milliseconds(250)
    static let deadlineOnly = LuaLimits(instructions: nil, timeout: deadline, memory: 16 << 20)

    /// Runs `attack` and returns its error and how long the call took.
    func attack(_ body: String, limits: LuaLimits) throws -> (error: ScriptError?, elapsed: Duration, script: LuaScript) {
        let runtime = try makeRuntime(limits: limits)
        let script = try loadAttack(body, in: runtime)
        let clock = ContinuousClock()
        let start = clock.now
        let error = scriptError { _ = try script.call("attack") }
        return (error, clock.now - start, script)
    }

    @Test("a backtracking pattern stops at the deadline inside the call", arguments: backtracking)
    func backtrackingDeadline(expression: String) throws {
        let (error, elapsed, script) = try attack("local found = \(expression)\nreturn found", limits: Self.deadlineOnly)
        #expect(error?.kind == .timeout, "\(String(describing: error))")
        #expect(error?.message == "time limit exceeded (250 ms)")
        #expect(error?.file == "attack.lua")
        #expect(error?.line == 2, "the line of the pattern call: \(String(describing: error))")
        #expect(elapsed < Self.deadline * 3, "took \(elapsed)")
        #expect(try script.call("add", 2, 3) == [5])
    }

    @Test("a backtracking pattern stops at the instruction budget inside the call", arguments: backtracking)
    func backtrackingBudget(expression: String) throws {
        let (error, _, script) = try attack("local found = \(expression)\nreturn found", limits: testLimits)
        #expect(error?.kind == .instructionLimit, "\(String(describing: error))")
        #expect(error?.line == 2, "\(String(describing: error))")
        #expect(try script.call("add", 2, 3) == [5])
    }

    @Test("wrapped in pcall in a loop, a hostile call still ends the hook at the deadline",
          arguments: backtracking + emptyRepetitions)
    func pcallLoop(expression: String) throws {
        let body = "while true do pcall(function() return \(expression) end) end"
        let (error, elapsed, script) = try attack(body, limits: Self.deadlineOnly)
        #expect(error?.kind == .timeout, "\(String(describing: error))")
        #expect(elapsed < Self.deadline * 3, "took \(elapsed)")
        #expect(try script.call("add", 2, 3) == [5])
    }

    @Test("wrapped in pcall in a loop, a hostile call still ends the hook at the instruction budget",
          arguments: backtracking + emptyRepetitions)
    func pcallLoopBudget(expression: String) throws {
        let body = "while true do pcall(function() return \(expression) end) end"
        let (error, _, _) = try attack(body, limits: testLimits)
        #expect(error?.kind == .instructionLimit, "\(String(describing: error))")
    }

    @Test("string.rep of an empty string returns at once, whatever the count", arguments: emptyRepetitions)
    func emptyRepetition(expression: String) throws {
        let runtime = try makeRuntime(limits: Self.deadlineOnly)
        let script = try runtime.load("function repeated() return \(expression) end", name: "rep.lua")
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try script.call("repeated") == [""])
        #expect(clock.now - start < Self.deadline)
    }

    /// Other loops of the pattern functions over data the memory cap allows.
    @Test("every loop of the pattern functions counts toward the budget", arguments: [
        #"string.rep("(", 1 << 20):find("%b()")"#,
        #"string.rep("a", 1 << 21):find(string.rep("a", 1 << 20) .. "b", 1, true)"#,
        #"string.rep("a", 1 << 16):find("(.*)%1b")"#,
        #"string.rep("b", 1 << 14):find("[" .. string.rep("a", 1 << 16) .. "]")"#,
        #"string.rep("a", 1 << 16):gsub("", string.rep("%0", 1 << 16))"#,
        #"string.rep("a", 1 << 20):find(string.rep("a?", 150) .. "b")"#,
    ])
    func otherLoops(expression: String) throws {
        let limits = LuaLimits(instructions: 200_000, timeout: .seconds(10), memory: 16 << 20)
        let (error, _, _) = try attack("local found = \(expression)\nreturn found", limits: limits)
        #expect(error?.kind == .instructionLimit, "\(String(describing: error))")
        #expect(error?.line == 2, "\(String(describing: error))")
    }

    @Test("string.rep counts the bytes it copies: 64 to an instruction")
    func repetitionCounts() throws {
        let limits = LuaLimits(instructions: 100_000, timeout: nil, memory: 64 << 20)
        let (error, _, _) = try attack(#"return #string.rep("x", 32 << 20)"#, limits: limits)
        #expect(error?.kind == .instructionLimit, "\(String(describing: error))")
        let runtime = try makeRuntime(limits: limits)
        let script = try runtime.load(
            #"function long() local s = string.rep("ab", 1 << 20, ",") return #s, s:sub(1, 7), s:sub(-5) end"#,
            name: "rep.lua")
        #expect(try script.call("long") == [.integer(3 << 20 - 1), "ab,ab,a", "ab,ab"])
    }

    @Test("an ordinary rule's pattern calls cost a few instructions each")
    func ordinaryCalls() throws {
        let runtime = try makeRuntime(limits: LuaLimits(instructions: 30_000, timeout: nil, memory: 16 << 20))
        let script = try runtime.load(
            """
            function check(order)
              local ok = 0
              for _ = 1, 100 do
                local y, m, d = order.date:match("^(%d+)-(%d+)-(%d+)$")
                local country = order.vat_id:match("^(%u%u)")
                local digits = order.phone:gsub("[^%d]", "")
                if y and country == "PL" and #digits == 11 and order.email:find("@", 1, true) then ok = ok + 1 end
              end
              return ok
            end
            """, name: "rules.lua")
        let order: LuaValue = ["date": "2026-11-29", "vat_id": "PL1234567890", "phone": "+48 600-100-200", "email": "a@b.pl"]
        #expect(try script.call("check", order) == [100])
    }
}
