/// A script failed: it did not compile, raised an error, or ran past one of its limits.
///
/// `description` reads like Lua's own messages, `file:line: message`, so it can be shown to a
/// person as is; ``traceback`` adds the call stack at the moment of the error. An error raised
/// in a function of another script (say `defaults.accept_order` called from `rules.lua`) names
/// the script whose line raised it.
public struct ScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. New kinds may be added; switch with a `default`.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The source does not compile.
        public static let syntax = Kind("syntax")
        /// The script raised an error (`error(...)`, a failed operation, a stack overflow, an
        /// error thrown by a host function that the script did not catch).
        public static let runtime = Kind("runtime")
        /// The call ran more Lua instructions than its budget.
        public static let instructionLimit = Kind("instruction limit")
        /// The call ran past its wall-clock deadline.
        public static let timeout = Kind("timeout")
        /// The state needed more memory than its cap.
        public static let memory = Kind("memory")
        /// A value could not cross between Lua and Swift (a function where data was expected,
        /// a cycle, a NaN table key, a reference from another runtime).
        public static let invalidValue = Kind("invalid value")

        public var description: String { name }
    }

    public var kind: Kind
    /// The script's file (its chunk name without the leading `@`), when known.
    public var file: String?
    /// The line in ``file`` where the error was raised, when known.
    public var line: Int?
    /// The message without the `file:line: ` prefix.
    public var message: String
    /// Lua's `stack traceback:` text, when the error came from running code.
    public var traceback: String?
    /// The raw error object when the script raised a non-string value (`error({code = 1})`).
    public var value: LuaValue?

    /// Where the error was raised: `file:line`, or `file` when the line is not known; nil
    /// when the file is not.
    public var location: String? {
        file.map { file in line.map { "\(file):\($0)" } ?? file }
    }

    /// `file:line: message`, `file: message` or `message`, as much as is known.
    public var description: String {
        location.map { "\($0): \(message)" } ?? message
    }
}

extension ScriptError {
    static func invalidValue(_ message: String) -> ScriptError {
        ScriptError(kind: .invalidValue, message: message)
    }
}
