public import Foundation
/// Keeps requests under BaseLinker's limit: at most `requestsPerMinute` in any 60-second
/// window. A caller over the limit waits for a slot rather than failing.
///
/// BaseLinker counts a request when it arrives, and that can be well after the client let it go
/// (a slow connection set-up) — at the latest, when the answer comes back. So a slot is held
/// from ``acquire()`` until ``complete(_:)``, and frees a window after the completion: a
/// request whose answer came back at `t` counts against every window that includes `t`.
/// However late each request arrived between its grant and its answer, no 60-second window
/// then holds more than the limit.
///
/// BaseLinker counts per token, across every program using it, so one limiter per token serves
/// the whole process: ``shared(token:requestsPerMinute:clock:)``. When BaseLinker blocks the
/// token anyway, ``hold(for:)`` makes every caller of the limiter wait out the block.
public actor RateLimiter {
    /// A granted request's place in the window, held until ``RateLimiter/complete(_:)``.
    public struct Slot: Sendable, Hashable {
        let id: UInt64
        /// The instant of the grant (a ``BaseLinkerClock/uptime()`` reading).
        public let grantedAt: Duration
    }

    private nonisolated let limit: Locked<Int>
    private let window: Duration
    private let clock: any BaseLinkerClock
    /// Slots granted and not completed: each may still reach BaseLinker at any moment.
    private var inFlight: Set<UInt64> = []
    /// Instants (``BaseLinkerClock/uptime()``) at which slots still inside the window were
    /// completed, oldest first.
    private var completed: [Duration] = []
    private var lastSlotID: UInt64 = 0
    /// Callers waiting for an in-flight slot to complete, by waiter id.
    private var waiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
    private var lastWaiterID: UInt64 = 0
    private var heldUntil: Duration = .zero
    /// Told the window's requests (as instants) after each completes; see ``keep(with:)``.
    private var keeper: (@Sendable ([Date]) -> Void)?
    /// How many requests this limiter has let through.
    public private(set) var granted = 0

    public init(
        requestsPerMinute: Int, window: Duration = .seconds(60),
        clock: any BaseLinkerClock = BaseLinkerSystemClock()
    ) {
        self.limit = Locked(max(requestsPerMinute, 0))
        self.window = window
        self.clock = clock
    }

    /// Waits until one more request fits in the window (and any block is over), then grants it
    /// a slot. The caller must pass the slot to ``complete(_:)`` once the request's answer has
    /// come back or the request has failed; until then it counts as in the window.
    ///
    /// `onWait` is told, before each wait for room in the window, how long it will be.
    public func acquire(onWait: @Sendable (Duration) -> Void = { _ in }) async throws -> Slot {
        while true {
            let now = clock.uptime()
            if now < heldUntil {
                try await clock.sleep(for: heldUntil - now)
                continue
            }
            let requestsPerMinute = self.requestsPerMinute
            if requestsPerMinute > 0 {
                dropExpired(now)
                let occupied = inFlight.count + completed.count
                if occupied >= requestsPerMinute {
                    // Completed slots free oldest first; one in flight frees only a window after
                    // it completes, so when too few have completed, wait for a completion.
                    let freeing = occupied - requestsPerMinute
                    if freeing < completed.count {
                        let wait = completed[freeing] + window - now
                        onWait(wait)
                        try await clock.sleep(for: wait)
                    } else {
                        try await waitForCompletion()
                    }
                    continue
                }
            }
            lastSlotID += 1
            inFlight.insert(lastSlotID)
            granted += 1
            return Slot(id: lastSlotID, grantedAt: now)
        }
    }

    /// Ends the slot's flight: its request has been answered or has failed, so BaseLinker has
    /// counted it by now if ever. The slot frees a window from now. Completing a slot twice
    /// changes nothing.
    public func complete(_ slot: Slot) {
        guard inFlight.remove(slot.id) != nil else { return }
        let now = clock.uptime()
        dropExpired(now)
        completed.append(now)
        let resumed = waiters
        waiters = [:]
        for waiter in resumed.values { waiter.resume() }
        keeper?(recentRequests)
    }

    // MARK: Across runs

    /// The instants of the requests still inside the window (in flight ones as now): what the
    /// next process must count, since BaseLinker counts per token whatever process sent them.
    public var recentRequests: [Date] {
        let now = clock.uptime()
        let date = clock.date()
        dropExpired(now)
        let ages = completed.map { now - $0 } + Array(repeating: .zero, count: inFlight.count)
        return ages.map { date.addingTimeInterval(-$0.seconds) }
    }

    /// Counts requests an earlier run sent (their instants) in the window, as if this limiter
    /// had let them through.
    public func remember(_ requests: [Date]) {
        let now = clock.uptime()
        let date = clock.date()
        let ages = requests.map { date.timeIntervalSince($0) }.filter { $0 >= 0 && $0 < window.seconds }
        completed.append(contentsOf: ages.map { now - .seconds($0) })
        completed.sort()
    }

    /// Has `keeper` told the window's requests after each one completes, so that they can be
    /// kept (in the store) for the next run; nil stops it. A limiter with no limit tells nothing.
    public func keep(with keeper: (@Sendable ([Date]) -> Void)?) {
        self.keeper = requestsPerMinute > 0 ? keeper : nil
    }

    /// After BaseLinker blocked the token, the limit drops to three quarters of what was let
    /// through in the last window (never below ``slowestAfterBlock``) — BaseLinker's own limit
    /// is evidently lower than ours, or another program shares the token — so the run goes on
    /// slower instead of meeting the next block.
    public func slowDown() {
        dropExpired(clock.uptime())
        let sent = completed.count + inFlight.count
        tighten(to: max(Self.slowestAfterBlock, sent * 3 / 4))
    }

    /// The limit a block never takes the client below, requests per minute.
    public static let slowestAfterBlock = 10

    /// Makes every caller wait `duration` from now before the next request (BaseLinker has
    /// blocked the token). A shorter hold than one in force changes nothing.
    public func hold(for duration: Duration) {
        heldUntil = max(heldUntil, clock.uptime() + duration)
    }

    /// Requests allowed in any window; 0 means no limit.
    public nonisolated var requestsPerMinute: Int { limit.withLock { $0 } }

    /// Tightens the limit to `requestsPerMinute` when that is stricter (0 is no limit).
    nonisolated func tighten(to requestsPerMinute: Int) {
        guard requestsPerMinute > 0 else { return }
        limit.withLock { current in
            if current == 0 || requestsPerMinute < current { current = requestsPerMinute }
        }
    }

    private func dropExpired(_ now: Duration) {
        let expired = completed.prefix { $0 + window <= now }.count
        if expired > 0 { completed.removeFirst(expired) }
    }

    /// Suspends until some slot completes (or the task is cancelled).
    private func waitForCompletion() async throws {
        lastWaiterID += 1
        let id = lastWaiterID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    waiter.resume(throwing: CancellationError())
                } else {
                    waiters[id] = waiter
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        waiters.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }
}

extension RateLimiter {
    /// Limiters by a hash of their token, so the registry never holds a token itself.
    private static let registry = Locked<[Int: RateLimiter]>([:])

    /// The process's limiter for this token, made on first use with this limit and clock.
    ///
    /// Later callers share it; one asking for a stricter limit tightens it, so the strictest
    /// configured limit holds. The registry keeps only a hash of the token (seeded per process;
    /// two tokens sharing one would only share a limit). (Tests that need their own clock use
    /// their own token, or their own limiter.)
    public static func shared(
        token: String, requestsPerMinute: Int, clock: any BaseLinkerClock = BaseLinkerSystemClock()
    ) -> RateLimiter {
        var hasher = Hasher()
        hasher.combine(token)
        let key = hasher.finalize()
        return registry.withLock { limiters in
            if let existing = limiters[key] {
                existing.tighten(to: requestsPerMinute)
                return existing
            }
            let limiter = RateLimiter(requestsPerMinute: requestsPerMinute, clock: clock)
            limiters[key] = limiter
            return limiter
        }
    }
}
