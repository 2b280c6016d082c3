import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FirmlinkProcess {
    /// How a run that may be killed ended.
    enum Ending: Equatable {
        /// Killed with SIGKILL before it ended by itself.
        case killed
        /// Ended by itself with this exit status.
        case exited(Int32)
    }

    /// Runs `firmlink arguments…` in `folder` as ``run(_:in:environment:input:)`` does, and
    /// sends it SIGKILL after `delay` unless it has ended by then — `kill -9` at a moment of the
    /// caller's choosing. Standard output is discarded; standard error is returned.
    static func launch(
        _ arguments: [String], in folder: URL, environment: [String: String], killAfter delay: Duration
    ) async throws -> (ending: Ending, stderr: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result {
                    try run(arguments, in: folder, environment: environment, killAfter: delay)
                })
            }
        }
    }

    private static func run(
        _ arguments: [String], in folder: URL, environment: [String: String], killAfter delay: Duration
    ) throws -> (ending: Ending, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = Self.environment(adding: environment)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let stderr = Pipe()
        process.standardError = stderr
        let ended = Locked(false)
        process.terminationHandler = { _ in ended.set(true) }
        try process.run()
        let pid = process.processIdentifier
        let (seconds, attoseconds) = delay.components
        DispatchQueue.global().asyncAfter(
            deadline: .now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        ) {
            // Between the child's end and its termination handler the pid is free, but the
            // system reuses a pid only once its pids wrap around, never within that instant.
            if !ended.get() { kill(pid, SIGKILL) }
        }
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let ending: Ending = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
            ? .killed : .exited(process.terminationStatus)
        return (ending, String(decoding: errors, as: UTF8.self))
    }
}
