import Foundation

/// BaseLinker's request limit: at most `limit` requests per token in any 60 seconds. The request
/// that would exceed it blocks the token until `now + blockDuration` (rounded up to a whole
/// second, as the "blocked until" message shows seconds); while blocked every request is refused
/// and not counted. When the block ends the token starts with an empty window.
struct SandboxRateLimit {
    let limit: Int
    let blockDuration: TimeInterval
    let window: TimeInterval = 60
    private var recent: [String: [Date]] = [:]
    private var blockedUntil: [String: Date] = [:]

    init(limit: Int, blockDuration: TimeInterval) {
        self.limit = limit
        self.blockDuration = blockDuration
    }

    /// Counts the request and returns nil, or refuses it and returns when the block ends.
    mutating func admit(token: String, at now: Date) -> Date? {
        guard limit > 0 else { return nil }
        if let until = blockedUntil[token] {
            if now < until { return until }
            blockedUntil[token] = nil
        }
        var times = recent[token, default: []]
        times.removeAll { now.timeIntervalSince($0) >= window }
        if times.count >= limit {
            let until = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + blockDuration).rounded(.up))
            blockedUntil[token] = until
            recent[token] = []
            return until
        }
        times.append(now)
        recent[token] = times
        return nil
    }

    static func blockedError(until: Date) -> SandboxAPIError {
        SandboxAPIError(
            code: "ERROR_BLOCKED_TOKEN",
            message: "Query limit exceeded, token blocked until \(WarsawTime.wallTime(until))")
    }
}
