import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real `firmlink` binary on a pseudo-terminal of its own, as a person at a terminal runs
/// it: standard input, output and error are the terminal, which is also its controlling
/// terminal (so a hidden prompt reads `/dev/tty` with echo off). The test reads the screen's
/// text as it comes and types answers at the prompts.
final class PseudoTerminal: @unchecked Sendable {
    private let master: Int32
    let process: Process
    private let lock = NSLock()
    private var screen = Data()
    /// Where the next ``expect(_:timeout:sourceLocation:)`` starts looking.
    private var mark = 0

    /// Starts `firmlink arguments…` in `folder` with `TERM=xterm` and `environment`, as
    /// ``FirmlinkProcess/environment(adding:)`` gives them.
    init(_ arguments: [String], in folder: URL, environment: [String: String] = [:], columns: UInt16 = 200) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: 50, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else {
            throw CLITestError("openpty failed: \(String(cString: strerror(errno)))")
        }
        self.master = master
        // setsid(1) -c makes the terminal the controlling one of a new session; -w waits and
        // passes the exit status on.
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["-w", "-c", FirmlinkProcess.executable.path] + arguments
        process.currentDirectoryURL = folder
        process.environment = FirmlinkProcess.environment(adding: ["TERM": "xterm"].merging(environment) { $1 })
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        close(slave)
        Thread.detachNewThread { [self] in readScreen() }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    private func readScreen() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count <= 0 {
                if count < 0, errno == EINTR { continue }
                break  // EIO: every process holding the terminal has ended
            }
            lock.withLock { screen.append(contentsOf: buffer[0..<count]) }
        }
        close(master)
    }

    /// Everything written to the terminal so far.
    var text: String { lock.withLock { String(decoding: screen, as: UTF8.self) } }

    /// Waits until `fragment` appears after what the last expectation matched, and moves past
    /// it; fails the test (and throws) when it does not appear within `timeout` seconds.
    @discardableResult
    func expect(_ fragment: String, timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        let needle = Data(fragment.utf8)
        var endedAt: Date?
        while true {
            let found: (String, Int)? = lock.withLock {
                guard let range = screen.range(of: needle, in: mark..<screen.count) else { return nil }
                let before = String(decoding: screen[mark..<range.lowerBound], as: UTF8.self)
                return (before, range.upperBound)
            }
            if let (before, end) = found {
                lock.withLock { mark = end }
                return before
            }
            // Once the process has ended, what it wrote last is read within a moment.
            if !process.isRunning, endedAt == nil { endedAt = Date() }
            if Date() > deadline || endedAt.map({ Date().timeIntervalSince($0) > 1 }) == true {
                let tail = String(text.suffix(1500))
                Issue.record("\"\(fragment)\" did not appear on the terminal; its end:\n\(tail)", sourceLocation: sourceLocation)
                throw CLITestError("\"\(fragment)\" did not appear")
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    /// Types `line` and Enter.
    func type(_ line: String) {
        let bytes = Array((line + "\r").utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Whether the terminal echoes what is typed (a hidden prompt turns it off).
    var echoes: Bool {
        var settings = termios()
        guard tcgetattr(master, &settings) == 0 else { return true }
        return settings.c_lflag & tcflag_t(ECHO) != 0
    }

    /// Waits until the terminal stops echoing: a hidden prompt is reading.
    func waitForHiddenInput(timeout: Double = 30) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while echoes {
            guard Date() < deadline, process.isRunning else { throw CLITestError("the terminal never stopped echoing") }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
    }

    /// Waits for the process to end (at most `timeout` seconds) and returns its exit status.
    func wait(timeout: Double = 120) async throws -> Int32 {
        try await process.waitForExit(timeout: timeout) {
            "firmlink did not end within \(Int(timeout)) s; the terminal's end:\n\(String(text.suffix(1500)))"
        }
        return process.terminationStatus
    }
}
