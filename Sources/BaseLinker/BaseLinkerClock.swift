public import Foundation

/// Time as the client needs it: a monotonic reading for the rate limiter and backoff, the wall
/// clock for BaseLinker's "blocked until" instants, and sleeping.
///
/// ``BaseLinkerSystemClock`` is the real one; ``VirtualClock`` lets tests prove limits and
/// waits without sleeping.
public protocol BaseLinkerClock: Sendable {
    /// A monotonic reading; only differences between readings mean anything.
    func uptime() -> Duration
    /// The current wall-clock time.
    func date() -> Date
    func sleep(for duration: Duration) async throws
}

/// The process's clocks: `ContinuousClock`, `Date()` and `Task.sleep`.
public struct BaseLinkerSystemClock: BaseLinkerClock {
    private static let origin = ContinuousClock.now

    public init() {}

    public func uptime() -> Duration { ContinuousClock.now - Self.origin }
    public func date() -> Date { Date() }

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}

/// A clock whose time moves only when someone sleeps on it or calls ``advance(by:)``.
///
/// `sleep(for:)` returns at once and moves the clock forward by the duration, so a sleeper
/// always finds at least that much time passed (concurrent sleepers add up: the clock runs
/// ahead, never behind). Every sleep is recorded in ``sleeps``, so tests can check backoff and
/// block waits exactly.
public final class VirtualClock: BaseLinkerClock, @unchecked Sendable {
    private struct State {
        var elapsed: Duration = .zero
        var sleeps: [Duration] = []
    }

    private let state = Locked(State())
    private let start: Date

    /// - Parameter start: the wall-clock time at the clock's zero.
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        self.start = start
    }

    public func uptime() -> Duration { state.withLock { $0.elapsed } }

    public func date() -> Date {
        start.addingTimeInterval(uptime().seconds)
    }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(duration)
            state.elapsed += max(duration, .zero)
        }
        await Task.yield()
    }

    /// Moves the clock forward without anyone sleeping.
    public func advance(by duration: Duration) {
        state.withLock { $0.elapsed += max(duration, .zero) }
    }

    /// Every duration passed to `sleep(for:)`, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// The sum of all sleeps.
    public var totalSlept: Duration { state.withLock { $0.sleeps.reduce(.zero, +) } }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    static func seconds(double value: Double) -> Duration {
        .nanoseconds(Int64((value * 1e9).rounded()))
    }
}
