import Foundation
import Logging
import Testing

@testable import BaseLinker
import BaseLinkerModels

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

    @Test("a wait for the limit of 3 s or more is told at warning level before it starts; a shorter one is not")
    func waitsAreTold() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(clock: clock, always: success())
        let lines = CapturingLogHandler.Store()
        let logger = Logger(label: "test", factory: { _ in CapturingLogHandler(store: lines) })
        let client = makeClient(transport: transport, clock: clock, requestsPerMinute: 2, logger: logger)
        for _ in 0..<3 { _ = try await client.call("getOrders") }
        let told = lines.all.filter { $0.hasPrefix("warning ") && $0.contains("request limit") }
        #expect(told.count == 1, "\(lines.all)")
        #expect(told.first?.contains("waiting 60 s for BaseLinker's request limit (2 a minute)") == true, "\(told)")
        #expect(transport.sent.map(\.at).last == .seconds(60))
    }

    @Test("requests an earlier run sent in the window count: the first request of a new run waits for them")
    func remembersAnEarlierRun() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 3, clock: clock)
        let now = clock.date()
        await limiter.remember([now.addingTimeInterval(-50), now.addingTimeInterval(-40), now.addingTimeInterval(-30), now.addingTimeInterval(-90)])
        #expect(await limiter.recentRequests.count == 3, "one was older than the window")
        let slot = try await limiter.acquire()
        #expect(slot.grantedAt == .seconds(10), "the oldest of the three leaves the window 10 s from now")
    }

    @Test("after a block the limit drops below what went through, so the run goes on slower instead of meeting the next block")
    func slowsDownAfterABlock() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 0, clock: clock)
        for _ in 0..<40 { await limiter.complete(try await limiter.acquire()) }
        await limiter.slowDown()
        #expect(limiter.requestsPerMinute == 30)
    }

    @Test("a request that reached BaseLinker late counts in the window of its arrival")
    func lateArrivalCountsWhenItArrives() async throws {
        // The first request spends 5 s setting up its connection before BaseLinker sees it.
        let clock = VirtualClock()
        let transport = SlowTransport(clock: clock) { index in (index == 0 ? .seconds(5) : .zero, .zero) }
        let client = makeClient(transport: transport, clock: clock, requestsPerMinute: 100)
        for _ in 0..<101 { _ = try await client.call("getOrders") }

        let arrivals = transport.arrivals
        #expect(arrivals[0] == .seconds(5))
        #expect(busiestMinute(arrivals) == 100)
        // The first slot frees 60 s after its answer came back, not after its grant.
        #expect(arrivals[100] == .seconds(65))
    }

    @Test("never more than N arrivals in any 60 s window, however late each request arrives")
    func slowConcurrentRequests() async throws {
        let clock = VirtualClock()
        // Short enough that the limit, not the delays, sets the pace.
        let transport = SlowTransport(clock: clock) { _ in
            (.milliseconds(Int64.random(in: 0...3_000)), .milliseconds(Int64.random(in: 0...1_000)))
        }
        let client = makeClient(transport: transport, clock: clock, requestsPerMinute: 20)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask { for _ in 0..<100 { _ = try await client.call("getOrders") } }
            }
            try await group.waitForAll()
        }
        #expect(transport.arrivals.count == 300)
        #expect(busiestMinute(transport.arrivals) <= 20)
    }

    @Test("a slot in flight holds its place until completed, and frees a window after that")
    func inFlightSlotHoldsItsPlace() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 1, clock: clock)
        let first = try await limiter.acquire()
        let second = Task { try await limiter.acquire() }
        clock.advance(by: .seconds(100))
        await limiter.complete(first)
        await limiter.complete(first)
        #expect(try await second.value.grantedAt == .seconds(160))
        #expect(await limiter.granted == 2)
    }

    @Test("a caller waiting for a slot in flight can be cancelled")
    func waitingCallerCancelled() async throws {
        let limiter = RateLimiter(requestsPerMinute: 1, clock: VirtualClock())
        _ = try await limiter.acquire()
        let waiting = Task { try await limiter.acquire() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        #expect(await limiter.granted == 1)
    }

    @Test("concurrent callers share the window")
    func concurrentCallers() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 10, clock: clock)
        let instants = try await withThrowingTaskGroup(of: Duration.self) { group in
            for _ in 0..<45 {
                group.addTask {
                    let slot = try await limiter.acquire()
                    await limiter.complete(slot)
                    return slot.grantedAt
                }
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
            let slot = try await limiter.acquire()
            instants.append(clock.uptime())
            await limiter.complete(slot)
        }
        #expect(busiestMinute(instants) <= 7)
    }

    @Test("0 requests per minute means no limit")
    func unlimited() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 0, clock: clock)
        for _ in 0..<1000 { _ = try await limiter.acquire() }
        #expect(clock.sleeps.isEmpty)
    }

    @Test("a hold makes every caller wait it out, even without a limit")
    func hold() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 0, clock: clock)
        await limiter.hold(for: .seconds(90))
        await limiter.hold(for: .seconds(30))
        let slot = try await limiter.acquire()
        #expect(slot.grantedAt == .seconds(90))
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

/// A transport whose requests reach the server some time after they are sent and are answered
/// some time after that; it records the clock when each arrives.
private final class SlowTransport: BaseLinkerTransport, @unchecked Sendable {
    /// For the n-th request: the time before it arrives, and the time from arrival to answer.
    typealias Delays = @Sendable (_ index: Int) -> (toArrival: Duration, toAnswer: Duration)

    private let clock: VirtualClock
    private let delays: Delays
    private let state = Locked<[Duration]>([])

    init(clock: VirtualClock, delays: @escaping Delays) {
        self.clock = clock
        self.delays = delays
    }

    func send(_ request: BaseLinkerHTTPRequest) async throws -> BaseLinkerHTTPResponse {
        let index = state.withLock { $0.count }
        let (toArrival, toAnswer) = delays(index)
        clock.advance(by: toArrival)
        state.withLock { $0.append(clock.uptime()) }
        await Task.yield()
        clock.advance(by: toAnswer)
        return success()
    }

    /// When each request reached the server, in the order they arrived.
    var arrivals: [Duration] { state.withLock { $0 } }
}
