import Foundation
import Logging
import Testing

@testable import BaseLinker
import BaseLinkerModels

@Suite("Blocked token")
struct BlockedTokenTests {
    /// 2022-05-03 17:10:34 in Warsaw (CEST, UTC+2).
    private static let warsawTenPastFive = Date(timeIntervalSince1970: 1_651_590_634)

    /// Calls `getOrders` through `transport`, which answers `ERROR_BLOCKED_TOKEN` every time: the
    /// error the call throws, which the test expects to say the token is blocked.
    private func blockedError(
        through transport: FakeTransport, clock: VirtualClock, maxBlockedWait: Duration = .seconds(660),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> BaseLinkerError? {
        let client = makeClient(transport: transport, clock: clock, maxBlockedWait: maxBlockedWait)
        let error = await #expect(throws: BaseLinkerError.self, sourceLocation: sourceLocation) {
            _ = try await client.call("getOrders")
        }
        #expect(error?.kind == .blocked, sourceLocation: sourceLocation)
        return error
    }

    /// Calls `getOrders` where every answer is `ERROR_BLOCKED_TOKEN` with `message`: the blocked
    /// error the call throws, and the transport that counted the requests.
    private func alwaysBlocked(
        _ message: String, clock: VirtualClock, maxBlockedWait: Duration = .seconds(660),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> (error: BaseLinkerError?, transport: FakeTransport) {
        let transport = FakeTransport(clock: clock, always: apiError("ERROR_BLOCKED_TOKEN", message))
        let error = await blockedError(through: transport, clock: clock, maxBlockedWait: maxBlockedWait, sourceLocation: sourceLocation)
        return (error, transport)
    }

    @Test("the until time is read as Europe/Warsaw wall time, summer and winter")
    func parsesUntil() throws {
        let summer = try #require(BlockedToken.blockedUntil(in: "Query limit exceeded, token blocked until 2022-05-03 17:15:34"))
        #expect(summer == Date(timeIntervalSince1970: 1_651_590_934))
        let winter = try #require(BlockedToken.blockedUntil(in: "token blocked until 2026-01-10 12:00:00"))
        #expect(winter == Date(timeIntervalSince1970: 1_768_042_800))
        #expect(BlockedToken.blockedUntil(in: "Query limit exceeded") == nil)
        #expect(BlockedToken.blockedUntil(in: "blocked until 2022-02-30 10:00:00") == nil)
    }

    @Test("a blocked token waits until the given time, then the call succeeds")
    func waitsUntilGivenTime() async throws {
        let clock = VirtualClock(start: Self.warsawTenPastFive)
        let transport = FakeTransport(clock: clock, steps: [
            .success(apiError("ERROR_BLOCKED_TOKEN", "Query limit exceeded, token blocked until 2022-05-03 17:15:34")),
            .success(success(["orders": []])),
        ])
        let lines = CapturingLogHandler.Store()
        let logger = Logger(label: "test", factory: { _ in CapturingLogHandler(store: lines) })
        let client = makeClient(transport: transport, clock: clock, logger: logger)
        let orders = try await client.getOrders(OrdersQuery())
        #expect(orders.isEmpty)
        #expect(transport.count == 2)
        // Five minutes to the until time, plus a two-second margin; told at the default level.
        #expect(clock.sleeps == [.seconds(302)])
        #expect(lines.all.contains { $0.hasPrefix("warning ") && $0.contains("waiting 302 s before sending again") }, "\(lines.all)")
        #expect(transport.sent[1].at == .seconds(302))
    }

    @Test(
        "without a time, or with one already past or within the margin, it backs off the fallback 60 s",
        arguments: [
            ["Query limit exceeded", "Query limit exceeded"],
            [
                "Query limit exceeded, token blocked until 2022-05-03 17:05:00",
                // One second after the first wait of 60 s ends: within the margin.
                "Query limit exceeded, token blocked until 2022-05-03 17:11:35",
            ],
        ])
    func fallsBack(messages: [String]) async throws {
        let clock = VirtualClock(start: Self.warsawTenPastFive)
        let transport = FakeTransport(
            clock: clock, steps: messages.map { .success(apiError("ERROR_BLOCKED_TOKEN", $0)) } + [.success(success())])
        _ = try await makeClient(transport: transport, clock: clock).call("getOrders")
        #expect(clock.sleeps == [.seconds(60), .seconds(60)])
        #expect(transport.count == 3)
    }

    @Test("a block that outlasts the bound fails at once with a clear error")
    func givesUpWhenUntilIsTooFar() async throws {
        let clock = VirtualClock(start: Self.warsawTenPastFive)
        let (error, transport) = await alwaysBlocked(
            "Query limit exceeded, token blocked until 2022-05-03 18:10:34", clock: clock)
        #expect(error?.code == .blockedToken)
        #expect(error?.message.contains("2022-05-03 18:10:34 Europe/Warsaw") == true)
        #expect(error?.message.contains("660 s") == true)
        #expect(clock.sleeps.isEmpty)
        #expect(transport.count == 1)
    }

    @Test("repeated blocks are waited out only up to the total bound")
    func givesUpPastTotalBound() async throws {
        let clock = VirtualClock()
        let (error, transport) = await alwaysBlocked("Query limit exceeded", clock: clock, maxBlockedWait: .seconds(300))
        #expect(error?.message.contains("after waiting 300 s") == true)
        #expect(error?.message.contains("300 s bound") == true)
        #expect(clock.totalSlept == .seconds(300))
        #expect(transport.count == 6)
    }

    @Test("a token blocked until a time that stays past is not asked again every few seconds")
    func staleUntilIsNotHammered() async throws {
        let clock = VirtualClock(start: Self.warsawTenPastFive)
        let (_, transport) = await alwaysBlocked(
            "Query limit exceeded, token blocked until 2022-05-03 17:10:00", clock: clock)
        #expect(transport.count <= 11)
        #expect(clock.sleeps.allSatisfy { $0 == .seconds(60) })
    }

    @Test("a token that stays blocked is sent the request again at most 10 times")
    func blockedResendsAreCapped() async throws {
        let clock = VirtualClock(start: Self.warsawTenPastFive)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = BlockedToken.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        // Every answer says: blocked for 10 s more.
        let transport = FakeTransport(clock: clock) { _, _, _ in
            apiError("ERROR_BLOCKED_TOKEN", "Query limit exceeded, token blocked until "
                + formatter.string(from: clock.date().addingTimeInterval(10)))
        }
        let error = await blockedError(through: transport, clock: clock)
        #expect(error?.message.contains("after 10 re-sends") == true)
        #expect(error?.attempts == 11)
        #expect(transport.count == 11)
        #expect(clock.sleeps == Array(repeating: .seconds(12), count: 10))
    }

    @Test("a transient failure after blocks still gets its retries")
    func retriesAfterBlocks() async throws {
        let clock = VirtualClock()
        let refused = BaseLinkerTransportError(.notSent, "connection refused")
        let transport = FakeTransport(clock: clock, steps: [
            .success(apiError("ERROR_BLOCKED_TOKEN", "Query limit exceeded")),
            .success(apiError("ERROR_BLOCKED_TOKEN", "Query limit exceeded")),
            .success(apiError("ERROR_BLOCKED_TOKEN", "Query limit exceeded")),
            .failure(refused), .failure(refused),
            .success(success(["orders": []])),
        ])
        let client = makeClient(transport: transport, clock: clock, retry: RetryPolicy(maxAttempts: 3, jitter: 0))
        let orders = try await client.getOrders(OrdersQuery())
        #expect(orders.isEmpty)
        #expect(transport.count == 6)
    }

    @Test("time spent waiting out a block does not use up the retries' time bound")
    func blockWaitNotRetryTime() async throws {
        let clock = VirtualClock()
        let refused = BaseLinkerTransportError(.notSent, "connection refused")
        let transport = FakeTransport(clock: clock, steps: [
            .failure(refused),
            .success(apiError("ERROR_BLOCKED_TOKEN", "Query limit exceeded")),
            .failure(refused),
            .success(success()),
        ])
        let policy = RetryPolicy(maxAttempts: 5, initialDelay: .seconds(1), maxTotalTime: .seconds(20), jitter: 0)
        _ = try await makeClient(transport: transport, clock: clock, retry: policy).call("getOrders")
        #expect(clock.sleeps == [.seconds(1), .seconds(60), .seconds(2)])
        #expect(transport.count == 4)
    }

    @Test("the wait: a named time clearly ahead plus the margin; otherwise the fallback")
    func waitRule() {
        let now = Self.warsawTenPastFive
        func wait(_ message: String) -> Duration {
            BlockedToken.wait(message: message, now: now, margin: .seconds(2), fallback: .seconds(60)).wait
        }
        #expect(wait("token blocked until 2022-05-03 17:15:34") == .seconds(302))
        #expect(wait("token blocked until 2022-05-03 17:10:37") == .seconds(5))
        #expect(wait("token blocked until 2022-05-03 17:10:36") == .seconds(60))
        #expect(wait("token blocked until 2022-05-03 17:10:34") == .seconds(60))
        #expect(wait("token blocked until 2022-05-03 16:00:00") == .seconds(60))
        #expect(wait("Query limit exceeded") == .seconds(60))
    }

    @Test("a blocked write is waited out and sent again: it was not processed")
    func blockedWriteRetried() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(clock: clock, steps: [
            .success(apiError("ERROR_BLOCKED_TOKEN", "Query limit exceeded")),
            .success(success(["invoice_id": 77])),
        ])
        let id = try await makeClient(transport: transport, clock: clock).addInvoice(orderID: 1, seriesID: 2)
        #expect(id == 77)
        #expect(transport.count == 2)
    }
}
