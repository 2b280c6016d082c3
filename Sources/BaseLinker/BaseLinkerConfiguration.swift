public import Foundation

/// Where and how the client talks to BaseLinker.
///
/// Printing, debug-printing or dumping a configuration never shows the token.
public struct BaseLinkerConfiguration: Sendable {
    public static let defaultURL = URL(string: "https://api.baselinker.com/connector.php")!

    /// The connector: BaseLinker's or a sandbox's.
    public var url: URL
    /// The API token, sent only in the `X-BLToken` header.
    public var token: String
    /// The most requests sent in any 60-second window, shared by every client using this token
    /// in the process; 0 for no limit (a local sandbox).
    public var requestsPerMinute: Int
    /// How long establishing a connection may take.
    public var connectTimeout: Duration
    /// How long one request may take from start to the last byte of the answer.
    public var requestTimeout: Duration
    public var retry: RetryPolicy
    /// The longest the client waits out `ERROR_BLOCKED_TOKEN` within one call before failing
    /// (and it sends the request again at most 10 times after a block).
    public var maxBlockedWait: Duration
    /// Told of each wait before a request — for the request limit, or a token BaseLinker
    /// blocked — as it starts, so that a progress display can say why a run stands still.
    public var onWait: (@Sendable (BaseLinkerWait) -> Void)?

    public init(
        url: URL = BaseLinkerConfiguration.defaultURL,
        token: String,
        requestsPerMinute: Int = 100,
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(60),
        retry: RetryPolicy = RetryPolicy(),
        maxBlockedWait: Duration = .seconds(660)
    ) {
        self.url = url
        self.token = token
        self.requestsPerMinute = requestsPerMinute
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.maxBlockedWait = maxBlockedWait
    }
}

extension BaseLinkerConfiguration: CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var description: String {
        "BaseLinkerConfiguration(url: \(url.absoluteString), token: \(tokenPlaceholder), "
            + "requestsPerMinute: \(requestsPerMinute), connectTimeout: \(connectTimeout), "
            + "requestTimeout: \(requestTimeout), retry: \(retry), maxBlockedWait: \(maxBlockedWait))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "url": url, "token": tokenPlaceholder, "requestsPerMinute": requestsPerMinute,
                "connectTimeout": connectTimeout, "requestTimeout": requestTimeout,
                "retry": retry, "maxBlockedWait": maxBlockedWait,
            ],
            displayStyle: .struct)
    }

    private var tokenPlaceholder: String { token.isEmpty ? "<empty>" : "<hidden>" }
}

/// A wait the client imposes before its next request.
public enum BaseLinkerWait: Sendable, Equatable {
    /// The configured requests per minute are used up; a slot frees after this long.
    case requestLimit(Duration)
    /// BaseLinker blocked the token; the client waits this long before sending again.
    case blockedToken(Duration)
}

/// How failed requests are tried again: exponential backoff with jitter, bounded by attempts
/// and by total time.
///
/// Reads (`get*` methods) are retried on every transport failure: no connection, reset,
/// timeout, HTTP 5xx or 429, a body that is not BaseLinker's JSON. Writes (every other method:
/// `set*`, `add*`, `update*`, `delete*`, …) are retried only when the request certainly was
/// not processed — no connection could be made, or HTTP 503 or 429 (refused before
/// processing); any other failure of a write is reported as ``BaseLinkerError/Kind/inDoubt``.
public struct RetryPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Requests per call, the first included; 1 means no retries. Re-sends after
    /// `ERROR_BLOCKED_TOKEN` are not counted here: they have their own bounds.
    public var maxAttempts: Int
    /// The wait before the second attempt; each later wait doubles, up to ``maxDelay``.
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// No retry starts once this much time would have passed since the call's first failure
    /// (time spent waiting out a blocked token not included).
    public var maxTotalTime: Duration
    /// The share of each wait that is random (0: none, 1: anywhere from zero to the full wait),
    /// so that clients failing together do not retry together.
    public var jitter: Double

    public init(
        maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30), maxTotalTime: Duration = .seconds(120),
        jitter: Double = 0.5
    ) {
        self.maxAttempts = max(maxAttempts, 1)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxTotalTime = maxTotalTime
        self.jitter = min(max(jitter, 0), 1)
    }

    /// No retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait after failed attempt `attempt` (1-based): the exponential step, less a random
    /// share of up to ``jitter`` of it.
    public func delay(afterAttempt attempt: Int, random: Double = Double.random(in: 0..<1)) -> Duration {
        var step = initialDelay
        for _ in 1..<max(attempt, 1) where step < maxDelay { step *= 2 }
        step = min(step, maxDelay)
        return step * (1 - jitter * min(max(random, 0), 1))
    }

    public var description: String {
        "RetryPolicy(maxAttempts: \(maxAttempts), initialDelay: \(initialDelay), "
            + "maxDelay: \(maxDelay), maxTotalTime: \(maxTotalTime), jitter: \(jitter))"
    }
}
