import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation

/// One clock for the sandbox and the client: when the client sleeps (backoff, a blocked token)
/// the sandbox sees that time pass, and nobody waits for real.
final class SharedTestClock: SandboxClock, BaseLinkerClock, @unchecked Sendable {
    private let lock = NSLock()
    private var elapsed: Duration = .zero
    private let start: Date

    init(start: Date) {
        self.start = start
    }

    var now: Date { date() }

    func uptime() -> Duration {
        lock.withLock { elapsed }
    }

    func date() -> Date {
        let (seconds, attoseconds) = uptime().components
        return start.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        lock.withLock { elapsed += max(duration, .zero) }
        await Task.yield()
    }
}

/// The project's BaseLinker client pointed at a sandbox, with its own limiter (no limit unless
/// asked) and fast retries.
func makeClient(
    _ url: URL, requestTimeout: Duration = .seconds(30), requestsPerMinute: Int = 0,
    retry: RetryPolicy = RetryPolicy(maxAttempts: 8, initialDelay: .milliseconds(5), maxDelay: .milliseconds(50)),
    clock: any BaseLinkerClock = BaseLinkerSystemClock()
) -> BaseLinkerClient {
    let configuration = BaseLinkerConfiguration(
        url: url, token: "sandbox", requestsPerMinute: requestsPerMinute, connectTimeout: .seconds(5),
        requestTimeout: requestTimeout, retry: retry)
    return BaseLinkerClient(
        configuration: configuration, clock: clock,
        rateLimiter: RateLimiter(requestsPerMinute: requestsPerMinute, clock: clock))
}

/// Runs a body with a started sandbox and a client for it, and cleans both up.
func withClient<T: Sendable>(
    _ configuration: SandboxConfiguration,
    requestTimeout: Duration = .seconds(30), requestsPerMinute: Int = 0,
    clock: any BaseLinkerClock = BaseLinkerSystemClock(),
    _ body: (SandboxServer, BaseLinkerClient) async throws -> T
) async throws -> T {
    let server = SandboxServer(configuration)
    let url = try await server.start()
    let client = makeClient(url, requestTimeout: requestTimeout, requestsPerMinute: requestsPerMinute, clock: clock)
    do {
        let result = try await body(server, client)
        try await client.shutdown()
        await server.stop()
        return result
    } catch {
        try? await client.shutdown()
        await server.stop()
        throw error
    }
}
