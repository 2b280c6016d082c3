import Foundation

/// Reading BaseLinker's `ERROR_BLOCKED_TOKEN` message.
///
/// The message seen in the wild is `"Query limit exceeded, token blocked until 2022-05-03
/// 17:15:34"`. The instant has no zone; BaseLinker is a Polish service and the time is taken
/// as Europe/Warsaw wall time (an assumption: if it were wrong, the wait would be off by an
/// hour or two and still bounded).
enum BlockedToken {
    static let timeZone = TimeZone(identifier: "Europe/Warsaw") ?? TimeZone(secondsFromGMT: 3600)!

    /// How long to wait before asking again, and the instant the message named, if any.
    ///
    /// A named instant more than `margin` ahead is waited for, plus the margin (clock
    /// differences, rounding). One already past or within the margin says nothing useful — a
    /// clock far off, a zone guessed wrong — and waiting it out would mean asking again every
    /// few seconds while the token stays blocked; the `fallback` wait applies, as it does when
    /// no instant is named.
    static func wait(
        message: String, now: Date, margin: Duration, fallback: Duration
    ) -> (wait: Duration, until: Date?) {
        guard let until = blockedUntil(in: message) else { return (fallback, nil) }
        let remaining = Duration.seconds(double: until.timeIntervalSince(now))
        return (remaining > margin ? remaining + margin : fallback, until)
    }

    /// The last `YYYY-MM-DD HH:MM:SS` in the message, as Europe/Warsaw wall time.
    static func blockedUntil(in message: String) -> Date? {
        let pattern = #/(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/#
        guard let match = message.matches(of: pattern).last else { return nil }
        var components = DateComponents()
        components.year = Int(match.output.1)
        components.month = Int(match.output.2)
        components.day = Int(match.output.3)
        components.hour = Int(match.output.4)
        components.minute = Int(match.output.5)
        components.second = Int(match.output.6)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }
}
