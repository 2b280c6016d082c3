import Foundation
public import Logging

/// A client for BaseLinker's connector API.
///
/// Every call goes through the same path: the process-wide ``RateLimiter`` for the token, one
/// form-encoded `POST`, the `status`/`error_code` envelope, a wait when the token is blocked,
/// and retries by the ``RetryPolicy`` (reads freely, writes only when certainly not applied).
/// The typed methods (`getOrders`, `addInvoice`, …) and the page sequences are built on
/// ``call(_:parameters:)``, which also serves any method the client does not name.
///
/// The token goes only into the `X-BLToken` header: errors and log lines never contain it.
public final class BaseLinkerClient: Sendable {
    public let configuration: BaseLinkerConfiguration
    let transport: any BaseLinkerTransport
    let clock: any BaseLinkerClock
    let logger: Logger
    /// The limiter this client's requests pass through (shared per token unless given).
    public let rateLimiter: RateLimiter
    let redactor: Redactor
    private let counts = Locked(RequestCounts())

    /// - Parameters:
    ///   - transport: how requests travel; by default an ``HTTPClientTransport`` with the
    ///     configured connect timeout, owned by this client (call ``shutdown()``).
    ///   - clock: time for the limiter, backoff and block waits.
    ///   - rateLimiter: by default the process's limiter for the token.
    public init(
        configuration: BaseLinkerConfiguration,
        transport: (any BaseLinkerTransport)? = nil,
        clock: any BaseLinkerClock = BaseLinkerSystemClock(),
        rateLimiter: RateLimiter? = nil,
        logger: Logger = Logger(label: "firmlink.baselinker")
    ) {
        self.configuration = configuration
        self.transport = transport ?? HTTPClientTransport(connectTimeout: configuration.connectTimeout)
        self.clock = clock
        self.logger = logger
        self.rateLimiter = rateLimiter ?? RateLimiter.shared(
            token: configuration.token, requestsPerMinute: configuration.requestsPerMinute,
            clock: clock)
        self.redactor = Redactor(secret: configuration.token)
    }

    /// Releases the transport (its connections and threads). Calls after this fail.
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// HTTP requests this client has sent, in total and per method (retries included).
    public var requestCounts: RequestCounts { counts.withLock { $0 } }

    func countRequest(_ method: String) {
        counts.withLock { counts in
            counts.total += 1
            counts.byMethod[method, default: 0] += 1
        }
    }
}

/// How many HTTP requests were sent.
public struct RequestCounts: Sendable, Hashable {
    public var total = 0
    /// Method name → requests.
    public var byMethod: [String: Int] = [:]

    public init(total: Int = 0, byMethod: [String: Int] = [:]) {
        self.total = total
        self.byMethod = byMethod
    }
}

/// Removes the token from any text about to leave the client: as sent, percent-encoded, with
/// JSON-escaped slashes, in any letter case, broken across lines or spaces (a server that
/// echoes it may reformat it), and the start of it left where an excerpt cut the text ("…").
struct Redactor: Sendable {
    private let forms: [String]
    /// Each form with any run of whitespace allowed between two characters, case-insensitive.
    private let patterns: [NSRegularExpression]

    init(secret: String) {
        guard !secret.isEmpty else {
            forms = []
            patterns = []
            return
        }
        let variants = [secret, FormEncoding.percentEncode(secret), secret.replacingOccurrences(of: "/", with: "\\/")]
        forms = Array(Set(variants)).sorted { $0.count > $1.count }
        patterns = forms.compactMap { form in
            let spread = form.map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: #"\s*"#)
            return try? NSRegularExpression(pattern: spread, options: [.caseInsensitive])
        }
    }

    func callAsFunction(_ text: String) -> String {
        var text = text
        for pattern in patterns {
            text = pattern.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "<token>")
        }
        guard text.contains("…") else { return text }
        for form in forms {
            for length in stride(from: form.count - 1, through: min(4, form.count), by: -1) {
                let cut = String(form.prefix(length)) + "…"
                while let range = text.range(of: cut, options: .caseInsensitive) {
                    text.replaceSubrange(range, with: "<token>…")
                }
            }
        }
        return text
    }
}
