/// Keeps requests under BaseLinker's limit: at most `requestsPerMinute` in any 60-second
/// window (a sliding window over the instants of the granted requests). A caller over the limit
/// waits for a slot rather than failing.
///
/// BaseLinker counts per token, across every program using it, so one limiter per token serves
/// the whole process: ``shared(token:requestsPerMinute:clock:)``. When BaseLinker blocks the
/// token anyway, ``hold(for:)`` makes every caller of the limiter wait out the block.
public actor RateLimiter {
    private nonisolated let limit: Locked<Int>
    private let window: Duration
    private let clock: any BaseLinkerClock
    /// Instants (``BaseLinkerClock/uptime()``) of the grants still inside the window, oldest first.
    private var recent: [Duration] = []
    private var heldUntil: Duration = .zero
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

    /// Waits until one more request fits in the window (and any block is over), then counts
    /// it. Returns the instant of the grant (a ``BaseLinkerClock/uptime()`` reading).
    @discardableResult
    public func acquire() async throws -> Duration {
        while true {
            let now = clock.uptime()
            if now < heldUntil {
                try await clock.sleep(for: heldUntil - now)
                continue
            }
            let requestsPerMinute = self.requestsPerMinute
            if requestsPerMinute > 0 {
                while let oldest = recent.first, oldest + window <= now { recent.removeFirst() }
                if recent.count >= requestsPerMinute {
                    let slotFrees = recent[recent.count - requestsPerMinute] + window
                    try await clock.sleep(for: slotFrees - now)
                    continue
                }
                recent.append(now)
            }
            granted += 1
            return now
        }
    }

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
}

extension RateLimiter {
    private static let registry = Locked<[String: RateLimiter]>([:])

    /// The process's limiter for this token, made on first use with this limit and clock.
    ///
    /// Later callers share it; one asking for a stricter limit tightens it, so the strictest
    /// configured limit holds. The token is only a key here: it is never logged or shown.
    /// (Tests that need their own clock use their own token, or their own limiter.)
    public static func shared(
        token: String, requestsPerMinute: Int, clock: any BaseLinkerClock = BaseLinkerSystemClock()
    ) -> RateLimiter {
        registry.withLock { limiters in
            if let existing = limiters[token] {
                existing.tighten(to: requestsPerMinute)
                return existing
            }
            let limiter = RateLimiter(requestsPerMinute: requestsPerMinute, clock: clock)
            limiters[token] = limiter
            return limiter
        }
    }
}
