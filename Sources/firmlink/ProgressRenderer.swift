import Dispatch
import Foundation
import Sync

/// Shows a running sync's ``SyncProgress`` on standard error.
///
/// On a terminal each phase has a live line — how many orders were read, decided, how many
/// writes were sent, with the rate and, when the total is known, the time left — redrawn a few
/// times a second, and a wait for BaseLinker's request limit is shown as such on it; when the
/// phase ends, its line stays with its count and time. When standard error is not a terminal,
/// each phase ends with one plain line, and a long phase says where it is every 10 seconds.
final class ProgressRenderer: @unchecked Sendable {
    enum Style {
        /// A line drawn again and again (standard error is a terminal).
        case live
        /// Plain lines, one per phase and one every 10 seconds of a long phase.
        case plain
    }

    let style: Style
    /// Whether an ended phase leaves its line (`sync`), or only the live line comes and goes
    /// (`watch`, whose runs have a line of their own on standard output).
    let keepsEndedPhases: Bool
    private let lock = NSLock()
    private var phase: SyncProgress.Phase?
    private var total: Int?
    private var done = 0
    private var began = Date()
    private var lastPlain = Date()
    private var waitingUntil: (SyncProgress.Wait, Date)?
    private var line: LiveLine?
    private var timer: (any DispatchSourceTimer)?
    private let now: () -> Date

    /// The style standard error calls for.
    static var styleForStandardError: Style { isatty(STDERR_FILENO) == 1 ? .live : .plain }

    init(
        style: Style = ProgressRenderer.styleForStandardError, keepsEndedPhases: Bool = true,
        now: @escaping () -> Date = Date.init
    ) {
        self.style = style
        self.keepsEndedPhases = keepsEndedPhases
        self.now = now
    }

    /// The closure a sync is given (``SyncSession/Options/progress``).
    var receiver: @Sendable (SyncProgress) -> Void {
        { [self] event in self.receive(event) }
    }

    func receive(_ event: SyncProgress) {
        lock.withLock {
            switch event {
            case .began(let phase, let total):
                self.phase = phase
                self.total = total
                done = 0
                began = now()
                lastPlain = began
                waitingUntil = nil
                if style == .live { startLine() }
            case .advanced(let phase, let done):
                guard phase == self.phase else { return }
                self.done = done
                waitingUntil = nil
                if style == .plain, now().timeIntervalSince(lastPlain) >= 10 {
                    lastPlain = now()
                    printError(describe(ended: false))
                }
            case .ended(let phase, let done):
                guard phase == self.phase else { return }
                self.done = done
                let summary = describe(ended: true)
                if style == .live {
                    stopLine()
                }
                if keepsEndedPhases { printError(summary) }
                self.phase = nil
            case .waiting(let wait, let duration):
                let (seconds, attoseconds) = duration.components
                waitingUntil = (wait, now().addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18))
                // A wait before any phase (the first requests) gets a line of its own.
                if style == .live, duration >= .seconds(1) { startLine() }
            }
        }
        if style == .live { redraw() }
    }

    /// Ends any live line (the run ended without ending its phase: an error, say).
    func finish() {
        lock.withLock { stopLine() }
    }

    // MARK: The line

    /// What the phase has done: `Orders decided: 42/150 (12.5/s, about 9 s left)`; at its end,
    /// `Orders decided: 150 in 12.0 s (12.5/s)`.
    func describe(ended: Bool) -> String {
        guard let phase else { return ended ? "" : pause.map { "Paused: \($0)" } ?? "" }
        let elapsed = max(now().timeIntervalSince(began), 0.001)
        let rate = Double(done) / elapsed
        var text = "\(Self.label(phase)): "
        if ended {
            text += "\(done) in \(Self.seconds(elapsed))"
            if done > 0 && elapsed >= 1 { text += " (\(Self.rate(rate)))" }
            return text
        }
        text += total.map { "\(done)/\($0)" } ?? "\(done)"
        var details: [String] = []
        if elapsed >= 1, done > 0 { details.append(Self.rate(rate)) }
        if let total, rate > 0, done < total, elapsed >= 1 {
            details.append("about \(Self.seconds(Double(total - done) / rate)) left")
        }
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        if let pause { text += " — paused: \(pause)" }
        return text
    }

    /// The wait under way, if any: `BaseLinker's request limit, 12 s left`.
    private var pause: String? {
        guard let (wait, until) = waitingUntil else { return nil }
        let left = until.timeIntervalSince(now())
        guard left >= 0.5 else { return nil }
        let why = wait == .requestLimit ? "BaseLinker's request limit" : "BaseLinker blocked the token for too many requests"
        return "\(why), \(Int(left.rounded(.up))) s left"
    }

    static func label(_ phase: SyncProgress.Phase) -> String {
        switch phase {
        case .reading: "Orders read"
        case .deciding: "Orders decided"
        case .sending: "Sent to BaseLinker"
        }
    }

    static func rate(_ perSecond: Double) -> String {
        perSecond >= 10 ? "\(Int(perSecond.rounded()))/s" : String(format: "%.1f/s", perSecond)
    }

    static func seconds(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return whole < 3600 ? "\(whole / 60) min \(whole % 60) s" : "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    private func startLine() {
        guard line == nil else { return }
        let line = LiveLine()
        self.line = line
        LiveLine.current.set(line)
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "firmlink.progress"))
        timer.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
        timer.setEventHandler { [weak self] in self?.redraw() }
        timer.resume()
        self.timer = timer
    }

    private func stopLine() {
        timer?.cancel()
        timer = nil
        line?.hide()
        line = nil
        LiveLine.current.set(nil)
    }

    private func redraw() {
        lock.withLock {
            guard let line else { return }
            let text = describe(ended: false)
            if text.isEmpty { line.hide() } else { line.show(text) }
        }
    }
}
