import BaseLinkerModels

/// What the sandbox has served: `GET /sandbox/stats`.
package struct SandboxStats: Sendable, Hashable {
    /// Requests per method name that got past the token check and the rate limit (faulted
    /// ones included).
    package var requests: [String: Int] = [:]
    /// Requests refused with `ERROR_BLOCKED_TOKEN`.
    package var rejected = 0
    /// Injected faults by kind (`500`, `timeout`, `malformed`, `types`).
    package var faults: [String: Int] = [:]

    package init() {}

    package var totalRequests: Int { requests.values.reduce(0, +) }

    var json: JSONValue {
        .object([
            "requests": .object(requests.mapValues { .int(Int64($0)) }),
            "rejected": .int(Int64(rejected)),
            "faults": .object(faults.mapValues { .int(Int64($0)) }),
        ])
    }
}

/// The front desk every connector request passes: it counts requests, applies the rate limit
/// and decides each request's faults from the seed.
actor RequestDesk {
    private var stats = SandboxStats()
    private var rateLimit: SandboxRateLimit
    private let faults: SandboxFaults
    private var random: SeededRandom
    private let clock: any SandboxClock
    /// From this many admitted requests on, the sandbox stands for an outage: nothing answers.
    private var outageAfter: Int?

    init(configuration: SandboxConfiguration) {
        rateLimit = SandboxRateLimit(limit: configuration.requestsPerMinute, blockDuration: configuration.blockDuration)
        faults = configuration.faults
        random = SeededRandom(seed: configuration.seed, stream: "faults")
        clock = configuration.clock
    }

    enum Admission {
        case blocked(SandboxAPIError)
        case admitted(SandboxFaults.Plan)
        /// The outage has begun: the request is neither applied nor answered in time.
        case unreachable
    }

    func simulateOutage(afterRequests count: Int) {
        outageAfter = count
    }

    func admit(token: String, method: String) -> Admission {
        if let outageAfter, stats.totalRequests + stats.faults["unreachable", default: 0] >= outageAfter {
            stats.faults["unreachable", default: 0] += 1
            return .unreachable
        }
        if let until = rateLimit.admit(token: token, at: clock.now) {
            stats.rejected += 1
            return .blocked(SandboxRateLimit.blockedError(until: until))
        }
        stats.requests[method.isEmpty ? "(none)" : method, default: 0] += 1
        let plan = faults.plan(&random)
        if let kind = plan.kind { stats.faults[kind.rawValue, default: 0] += 1 }
        return .admitted(plan)
    }

    func countTypeVariance() {
        stats.faults["types", default: 0] += 1
    }

    var snapshot: SandboxStats { stats }
}
