import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

@Suite("The rate limit")
struct RateLimitTests {
    /// 2026-11-18 12:00:00 in Warsaw (11:00 UTC).
    static let noon = Date(timeIntervalSince1970: 1_795_000_000 - 400)

    func configuration(_ clock: ManualSandboxClock, limit: Int = 3, block: TimeInterval = 60) -> SandboxConfiguration {
        var configuration = SandboxConfiguration(orders: 5, products: 5, requestsPerMinute: limit)
        configuration.clock = clock
        configuration.blockDuration = block
        return configuration
    }

    @Test("the request over the limit blocks the token until a Warsaw wall time, and counts as rejected")
    func blocksOverTheLimit() async throws {
        let clock = ManualSandboxClock(Self.noon)
        try await withSandbox(configuration(clock)) { (server, client) async throws in
            for _ in 0..<3 { #expect(try await client.call("getSeries").isSuccess) }
            let blocked = try await client.call("getSeries")
            #expect(blocked.status == 200)
            #expect(blocked.errorCode == "ERROR_BLOCKED_TOKEN")
            #expect(blocked.errorMessage == "Query limit exceeded, token blocked until 2026-11-18 12:01:00")
            clock.advance(by: 59)
            #expect(try await client.call("getSeries").errorCode == "ERROR_BLOCKED_TOKEN")
            clock.advance(by: 1)
            #expect(try await client.call("getSeries").isSuccess)
            let stats = await server.stats
            #expect(stats.rejected == 2)
            #expect(stats.requests["getSeries"] == 4)
        }
    }

    @Test("the window slides: a request is allowed once the oldest one is 60 seconds old")
    func slidingWindow() async throws {
        let clock = ManualSandboxClock(Self.noon)
        try await withSandbox(configuration(clock)) { (_, client) async throws in
            #expect(try await client.call("getSeries").isSuccess)
            clock.advance(by: 30)
            #expect(try await client.call("getSeries").isSuccess)
            #expect(try await client.call("getSeries").isSuccess)
            clock.advance(by: 29.5)
            clock.advance(by: 0.5)
            #expect(try await client.call("getSeries").isSuccess, "the first request left the window")
            #expect(try await client.call("getSeries").errorCode == "ERROR_BLOCKED_TOKEN")
        }
    }

    @Test("a wrong token is refused before the limit and does not use it up")
    func wrongTokenDoesNotCount() async throws {
        let clock = ManualSandboxClock(Self.noon)
        try await withSandbox(configuration(clock, limit: 1)) { (server, client) async throws in
            var stranger = client
            stranger.token = "other"
            for _ in 0..<5 { #expect(try await stranger.call("getSeries").errorCode == "ERROR_BAD_TOKEN") }
            #expect(try await client.call("getSeries").isSuccess)
            #expect(await server.stats.rejected == 0)
        }
    }

    @Test("a limit of 0 means no limit; the block length is configurable")
    func unlimitedAndBlockLength() async throws {
        let clock = ManualSandboxClock(Self.noon)
        try await withSandbox(configuration(clock, limit: 0)) { (_, client) async throws in
            for _ in 0..<150 { #expect(try await client.call("getSeries").isSuccess) }
        }
        try await withSandbox(configuration(clock, limit: 1, block: 600)) { (_, client) async throws in
            _ = try await client.call("getSeries")
            #expect(try await client.call("getSeries").errorMessage == "Query limit exceeded, token blocked until 2026-11-18 12:10:00")
        }
    }
}
