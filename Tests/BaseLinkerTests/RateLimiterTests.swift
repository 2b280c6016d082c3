import Foundation
import Testing

@testable import BaseLinker

@Suite("Rate limiter")
struct RateLimiterTests {
    /// The largest number of instants inside any half-open 60-second window.
    private func busiestMinute(_ instants: [Duration]) -> Int {
        let sorted = instants.sorted()
        var best = 0
        var start = 0
        for end in sorted.indices {
            while sorted[end] - sorted[start] >= .seconds(60) { start += 1 }
            best = max(best, end - start + 1)
        }
        return best
    }

    @Test("never more than N requests in any 60 s window, and no needless waiting")
    func slidingWindowThroughClient() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(clock: clock, always: success())
        let client = makeClient(transport: transport, clock: clock, requestsPerMinute: 100)
        for _ in 0..<250 { _ = try await client.call("getOrders") }

        let instants = transport.sent.map(\.at)
        #expect(instants.count == 250)
        #expect(busiestMinute(instants) == 100)
        // The first 100 go at once; each later one waits exactly for a slot to free.
        #expect(instants[99] == .zero)
        #expect(instants[100] == .seconds(60))
        #expect(instants[249] == .seconds(120))
        #expect(client.requestCounts.total == 250)
    }

    @Test("concurrent callers share the window")
    func concurrentCallers() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 10, clock: clock)
        let instants = try await withThrowingTaskGroup(of: Duration.self) { group in
            for _ in 0..<45 {
                group.addTask { try await limiter.acquire() }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(instants.count == 45)
        #expect(busiestMinute(instants) <= 10)
        #expect(await limiter.granted == 45)
    }

    @Test("a bursty caller is spaced by the window, whatever its rhythm")
    func burstyCaller() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 7, clock: clock)
        var instants: [Duration] = []
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<60 {
            clock.advance(by: .milliseconds(Int64.random(in: 0...20_000, using: &generator)))
            try await limiter.acquire()
            instants.append(clock.uptime())
        }
        #expect(busiestMinute(instants) <= 7)
    }

    @Test("0 requests per minute means no limit")
    func unlimited() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 0, clock: clock)
        for _ in 0..<1000 { try await limiter.acquire() }
        #expect(clock.sleeps.isEmpty)
    }

    @Test("a hold makes every caller wait it out, even without a limit")
    func hold() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 0, clock: clock)
        await limiter.hold(for: .seconds(90))
        await limiter.hold(for: .seconds(30))
        let granted = try await limiter.acquire()
        #expect(granted == .seconds(90))
        #expect(clock.uptime() == .seconds(90))
    }

    @Test("one limiter per token for the process; the strictest limit holds")
    func sharedPerToken() {
        let token = uniqueToken()
        let first = RateLimiter.shared(token: token, requestsPerMinute: 100)
        let second = RateLimiter.shared(token: token, requestsPerMinute: 60)
        let third = RateLimiter.shared(token: token, requestsPerMinute: 0)
        let other = RateLimiter.shared(token: uniqueToken(), requestsPerMinute: 100)
        #expect(first === second && second === third)
        #expect(first !== other)
        #expect(first.requestsPerMinute == 60)
    }

    @Test("two clients with one token share its limit")
    func clientsShareLimiter() async throws {
        let clock = VirtualClock()
        let token = uniqueToken()
        let transport = FakeTransport(clock: clock, always: success())
        let configuration = BaseLinkerConfiguration(token: token, requestsPerMinute: 5)
        let a = BaseLinkerClient(configuration: configuration, transport: transport, clock: clock)
        let b = BaseLinkerClient(configuration: configuration, transport: transport, clock: clock)
        #expect(a.rateLimiter === b.rateLimiter)
        for _ in 0..<6 {
            _ = try await a.call("getOrders")
            _ = try await b.call("getInventories")
        }
        #expect(busiestMinute(transport.sent.map(\.at)) == 5)
        #expect(a.requestCounts == RequestCounts(total: 6, byMethod: ["getOrders": 6]))
        #expect(b.requestCounts.byMethod == ["getInventories": 6])
    }
}
