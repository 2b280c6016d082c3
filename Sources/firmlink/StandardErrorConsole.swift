import ConsoleKitTerminal
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A console-kit console on standard error, where progress goes: standard output carries the
/// summaries and `--json`, so console-kit's own `Terminal` (which writes to standard output)
/// cannot draw there. It clears lines only when standard error is a terminal, and it never
/// reads: prompts go through `Terminal`.
final class StandardErrorConsole: Console, @unchecked Sendable {
    private let lock = NSLock()
    private var info: [AnySendableHashable: any Sendable] = [:]

    var userInfo: [AnySendableHashable: any Sendable] {
        get { lock.withLock { info } }
        set { lock.withLock { info = newValue } }
    }

    /// Whether standard error is a terminal (where a line can be drawn again).
    var supportsANSICommands: Bool { isatty(STDERR_FILENO) == 1 }

    var size: (width: Int, height: Int) {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    func input(isSecure: Bool) -> String {
        preconditionFailure("standard error is not read from")
    }

    func output(_ text: ConsoleText, newLine: Bool) {
        write(text.description + (newLine ? "\n" : ""))
        if newLine { didOutputLines(count: 1) }
    }

    func report(error: String, newLine: Bool) {
        write(error + (newLine ? "\n" : ""))
    }

    /// Clears the line above the cursor: the cursor goes up one line and the line is erased.
    func clear(_ type: ConsoleClear) {
        guard supportsANSICommands, case .line = type else { return }
        write("\u{1B}[1A\u{1B}[2K")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// The one line of standard error that is drawn again and again while a sync runs (on a
/// terminal only). Whatever else is written to standard error meanwhile — a log line — goes
/// through ``interrupt(_:)``, which takes the line away and draws it again below.
final class LiveLine: @unchecked Sendable {
    /// The line on screen, if any; log lines consult it.
    static let current = LockedBox<LiveLine?>(nil)

    private let console = StandardErrorConsole()
    private let lock = NSLock()
    private var text: String?

    /// Shows `text` in place of the line drawn last.
    func show(_ newText: String) {
        lock.withLock {
            if text != nil { console.popEphemeral() }
            let width = max(console.size.width - 1, 20)
            let clipped = newText.count > width ? String(newText.prefix(width - 1)) + "…" : newText
            console.pushEphemeral()
            console.output(clipped.consoleText(), newLine: true)
            text = clipped
        }
    }

    /// Takes the line away.
    func hide() {
        lock.withLock {
            if text != nil { console.popEphemeral() }
            text = nil
        }
    }

    /// Runs `body` (which writes to standard error) with the line taken away, then draws it again.
    func interrupt(_ body: () -> Void) {
        lock.withLock {
            guard let shown = text else { return body() }
            console.popEphemeral()
            body()
            console.pushEphemeral()
            console.output(shown.consoleText(), newLine: true)
        }
    }

    /// Writes a line that stays, above the live line.
    func print(_ line: String) {
        interrupt { console.output(line.consoleText(), newLine: true) }
    }
}

/// A value behind a lock.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}

/// Log lines on standard error, written around the live line when one is shown.
struct LiveLineLogHandler: LogHandler {
    var inner: StreamLogHandler

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        if let line = LiveLine.current.get() {
            line.interrupt { inner.log(event: event) }
        } else {
            inner.log(event: event)
        }
    }
}
