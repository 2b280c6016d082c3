/// The limits of one call into Lua.
///
/// Every call (loading a script runs its main chunk, calling a function) runs under an
/// instruction budget, a wall-clock deadline and a memory cap for the whole state. When one
/// fires it stays fired until the call returns: the count hook raises again before every
/// following instruction and every refused allocation is refused again, so a script's own
/// `pcall` cannot swallow it. The call then fails with ``ScriptError/Kind/instructionLimit``,
/// ``ScriptError/Kind/timeout`` or ``ScriptError/Kind/memory``, and the runtime is ready for the
/// next call.
public struct LuaLimits: Sendable, Hashable {
    /// Lua VM instructions per call; `nil` for no budget. Counted in steps of up to 1,000. Work
    /// in C counts too: each element `table.insert`, `remove` or `move` shifts, each step of a
    /// pattern function (an item tried at a position of the subject, a byte `%b` scans, 8 bytes
    /// of a set, 64 bytes compared) and each 64 bytes `string.rep` copies is one instruction.
    public var instructions: Int?
    /// Wall-clock time per call; `nil` for no deadline. Checked every 1,000 instructions while
    /// they are fast, down to every instruction while they call slow C functions (so it fires
    /// about a millisecond late, plus the slowest single call), every 4,096 steps inside a
    /// pattern function or `string.rep`, every 1,024 elements that `table.insert`, `remove` or
    /// `move` shift, and after each `table.sort`.
    public var timeout: Duration? {
        didSet { timeoutNanoseconds = Self.nanoseconds(timeout) }
    }
    private(set) var timeoutNanoseconds: UInt64 = 0
    /// Bytes the whole state may hold while Lua code runs; `nil` for no cap.
    public var memory: Int?

    public init(instructions: Int? = 10_000_000, timeout: Duration? = .seconds(5), memory: Int? = 64 << 20) {
        self.instructions = instructions
        self.timeout = timeout
        self.memory = memory
        timeoutNanoseconds = Self.nanoseconds(timeout)
    }

    /// 10,000,000 instructions, 5 seconds, 64 MiB.
    public static let `default` = LuaLimits()

    /// No limit at all (for trusted code only).
    public static let unlimited = LuaLimits(instructions: nil, timeout: nil, memory: nil)
}

extension LuaLimits {
    var instructionBudget: UInt64 { instructions.map { UInt64(max($0, 1)) } ?? 0 }

    static func nanoseconds(_ timeout: Duration?) -> UInt64 {
        guard let timeout else { return 0 }
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = max(seconds, 0).multipliedReportingOverflow(by: 1_000_000_000)
        if nanoseconds.overflow { return UInt64.max / 2 }
        return UInt64(max(nanoseconds.partialValue + attoseconds / 1_000_000_000, 1))
    }

    var memoryCap: Int { memory.map { max($0, 1) } ?? 0 }

    func describeInstructions() -> String { "instruction limit exceeded (\(instructions ?? 0) instructions)" }

    func describeTimeout() -> String {
        guard let timeout else { return "time limit exceeded" }
        let (seconds, attoseconds) = timeout.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return "time limit exceeded (\(milliseconds) ms)"
    }

    func describeMemory() -> String {
        guard let memory else { return "not enough memory" }
        if memory % (1 << 20) == 0 { return "memory limit exceeded (\(memory >> 20) MiB)" }
        return "memory limit exceeded (\(memory) bytes)"
    }
}
