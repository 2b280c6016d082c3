import Foundation
import Testing

@testable import BaseLinker

@Suite("Blocked token")
struct BlockedTokenTests {
    /// 2022-05-03 17:10:34 in Warsaw (CEST, UTC+2).
    private static let warsawTenPastFive = Date(timeIntervalSince1970: 1_651_590_634)

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
        let client = makeClient(transport: transport, clock: clock)
        let orders = try await client.getOrders(OrdersQuery())
        #expect(orders.isEmpty)
        #expect(transport.count == 2)
        // Five minutes to the until time, plus a two-second margin.
        #expect(clock.sleeps == [.seconds(302)])
        #expect(transport.sent[1].at == .seconds(302))
    }

    @Test("without a time it backs off about 60 s")
    func fallsBack() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(clock: clock, steps: [
            .success(apiError("ERROR_BLOCKED_TOKEN", "Query limit exceeded")),
            .success(apiError("ERROR_BLOCKED_TOKEN", "Query limit exceeded")),
            .success(success()),
        ])
        _ = try await makeClient(transport: transport, clock: clock).call("getOrders")
        #expect(clock.sleeps == [.seconds(60), .seconds(60)])
        #expect(transport.count == 3)
    }

    @Test("a block that outlasts the bound fails at once with a clear error")
    func givesUpWhenUntilIsTooFar() async throws {
        let clock = VirtualClock(start: Self.warsawTenPastFive)
        let transport = FakeTransport(clock: clock, always: apiError(
            "ERROR_BLOCKED_TOKEN", "Query limit exceeded, token blocked until 2022-05-03 18:10:34"))
        let client = makeClient(transport: transport, clock: clock)
        let error = await #expect(throws: BaseLinkerError.self) { _ = try await client.call("getOrders") }
        #expect(error?.kind == .blocked)
        #expect(error?.code == .blockedToken)
        #expect(error?.message.contains("2022-05-03 18:10:34 Europe/Warsaw") == true)
        #expect(error?.message.contains("660 s") == true)
        #expect(clock.sleeps.isEmpty)
        #expect(transport.count == 1)
    }

    @Test("repeated blocks are waited out only up to the total bound")
    func givesUpPastTotalBound() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(clock: clock, always: apiError("ERROR_BLOCKED_TOKEN", "Query limit exceeded"))
        let client = makeClient(transport: transport, clock: clock, maxBlockedWait: .seconds(660))
        let error = await #expect(throws: BaseLinkerError.self) { _ = try await client.call("getOrders") }
        #expect(error?.kind == .blocked)
        #expect(error?.message.contains("after waiting 660 s") == true)
        #expect(clock.totalSlept == .seconds(660))
        #expect(transport.count == 12)
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
