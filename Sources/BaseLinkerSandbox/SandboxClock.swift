package import Foundation

/// The time the sandbox lives in: order dates of new events, invoice dates, the rate-limit
/// window and token blocks. Tests inject a ``ManualSandboxClock`` so nothing waits for real time.
package protocol SandboxClock: Sendable {
    var now: Date { get }
}

/// The machine's clock.
package struct SystemSandboxClock: SandboxClock {
    package init() {}
    package var now: Date { Date() }
}

/// A clock that stands still until a test moves it.
package final class ManualSandboxClock: SandboxClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    package init(_ start: Date) {
        current = start
    }

    package var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    package func advance(by seconds: TimeInterval) {
        lock.lock()
        defer { lock.unlock() }
        current = current.addingTimeInterval(seconds)
    }

    package func set(_ date: Date) {
        lock.lock()
        defer { lock.unlock() }
        current = date
    }
}

/// Wall time in Europe/Warsaw, the zone BaseLinker shows its dates in.
enum WarsawTime {
    static let zone = TimeZone(identifier: "Europe/Warsaw") ?? TimeZone(secondsFromGMT: 3600)!

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// `YYYY-MM-DD HH:MM:SS` as BaseLinker writes it in "blocked until" messages.
    static func wallTime(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d",
            c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// Midnight starting the given day in Warsaw.
    static func startOfDay(year: Int, month: Int, day: Int) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }

    static func month(_ date: Date) -> (year: Int, month: Int) {
        let c = calendar.dateComponents([.year, .month], from: date)
        return (c.year ?? 1970, c.month ?? 1)
    }
}
