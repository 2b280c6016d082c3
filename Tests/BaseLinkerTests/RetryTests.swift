import Foundation
import Testing

@testable import BaseLinker
import BaseLinkerModels

@Suite("Retries of reads and writes")
struct RetryTests {
    private let refused = BaseLinkerTransportError(.notSent, "connection refused")
    private let timedOut = BaseLinkerTransportError(.maybeSent, "no answer within 60 s")

    @Test("reads retry transport failures with exponential backoff, then succeed")
    func readRetriesThenSucceeds() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(clock: clock, steps: [
            .failure(refused), .failure(timedOut), .success(raw("", status: 502)),
            .success(raw("<html>oops")), .success(success(["orders": []])),
        ])
        let client = makeClient(transport: transport, clock: clock, retry: RetryPolicy(maxAttempts: 5, jitter: 0))
        let orders = try await client.getOrders(OrdersQuery())
        #expect(orders.isEmpty)
        #expect(transport.count == 5)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4)])
        #expect(client.requestCounts == RequestCounts(total: 5, byMethod: ["getOrders": 5]))
    }

    @Test("reads give up after the configured attempts with the last failure")
    func readGivesUpAfterAttempts() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(clock: clock, always: raw("Internal Server Error", status: 500))
        let client = makeClient(transport: transport, clock: clock, retry: RetryPolicy(maxAttempts: 3, jitter: 0))
        let error = await #expect(throws: BaseLinkerError.self) { _ = try await client.call("getInventories") }
        #expect(error?.kind == .http)
        #expect(error?.httpStatus == 500)
        #expect(error?.attempts == 3)
        #expect(error?.bodyExcerpt == "Internal Server Error")
        #expect(error?.description.contains("after 3 requests") == true)
        #expect(transport.count == 3)
    }

    @Test("retries stop once the total time bound would be passed")
    func totalTimeBound() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(clock: clock, always: .init(status: 503, body: Data()))
        let policy = RetryPolicy(maxAttempts: 100, initialDelay: .seconds(1), maxDelay: .seconds(8),
                                 maxTotalTime: .seconds(20), jitter: 0)
        let client = makeClient(transport: transport, clock: clock, retry: policy)
        await #expect(throws: BaseLinkerError.self) { _ = try await client.call("getOrders") }
        // 1 + 2 + 4 + 8 = 15 s; the next 8 s would end at 23 s.
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4), .seconds(8)])
        #expect(clock.totalSlept <= .seconds(20))
        #expect(transport.count == 5)
    }

    @Test("a client error (4xx) is not retried")
    func clientErrorNotRetried() async throws {
        let transport = FakeTransport(always: raw("Forbidden", status: 403))
        let client = makeClient(transport: transport)
        let error = await #expect(throws: BaseLinkerError.self) { _ = try await client.call("getOrders") }
        #expect(error?.kind == .http)
        #expect(error?.message.contains("token") == true)
        #expect(transport.count == 1)
    }

    @Test("jitter shortens each wait by up to its share, never lengthens it")
    func jitterBounds() {
        let policy = RetryPolicy(initialDelay: .seconds(1), maxDelay: .seconds(10), jitter: 0.5)
        #expect(policy.delay(afterAttempt: 1, random: 0) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, random: 1) == .milliseconds(500))
        #expect(policy.delay(afterAttempt: 3, random: 0) == .seconds(4))
        #expect(policy.delay(afterAttempt: 10, random: 0) == .seconds(10))
        for attempt in 1...8 {
            let delay = policy.delay(afterAttempt: attempt)
            let full = min(Duration.seconds(1) * (1 << (attempt - 1)), .seconds(10))
            #expect(delay <= full && delay >= full / 2)
        }
    }

    @Test("get* methods are reads; set, add, update, delete and the rest are writes")
    func writeClassification() {
        for method in ["getOrders", "getInventoryProductsStock", "getJournalList"] {
            #expect(!BaseLinkerClient.isWrite(method))
        }
        for method in ["setOrderStatus", "addInvoice", "updateInventoryProductsStock", "deleteInventoryProduct", "createPackage", "runOrderMacroTrigger"] {
            #expect(BaseLinkerClient.isWrite(method))
        }
    }

    @Test("a write whose request never left is retried: connect failures, 503, 429")
    func writeRejectedIsRetried() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(clock: clock, steps: [
            .failure(refused), .success(raw("busy", status: 503)), .success(raw("", status: 429)),
            .success(success(["invoice_id": 20276565])),
        ])
        let client = makeClient(transport: transport, clock: clock)
        let id = try await client.addInvoice(orderID: 3754894, seriesID: 15)
        #expect(id == 20276565)
        #expect(transport.count == 4)
    }

    @Test("a write that timed out after sending is in doubt and not sent again")
    func writeTimeoutInDoubt() async throws {
        let failing = FakeTransport(steps: [.failure(timedOut), .success(success())])
        let client = makeClient(transport: failing)
        let error = await #expect(throws: BaseLinkerError.self) {
            try await client.setOrderStatus(orderID: 1, statusID: 2)
        }
        #expect(error?.kind == .inDoubt)
        #expect(error?.method == "setOrderStatus")
        #expect(error?.description.contains("may or may not have been applied") == true)
        #expect(failing.count == 1)
    }

    @Test("a write answered by HTTP 500, 502 or 504 is in doubt")
    func writeServerErrorInDoubt() async throws {
        for status in [500, 502, 504] {
            let transport = FakeTransport(always: raw("<h1>error</h1>", status: status))
            let client = makeClient(transport: transport)
            let error = await #expect(throws: BaseLinkerError.self) {
                _ = try await client.addInvoice(orderID: 1, seriesID: 2)
            }
            #expect(error?.kind == .inDoubt)
            #expect(error?.httpStatus == status)
            #expect(error?.bodyExcerpt == "<h1>error</h1>")
            #expect(transport.count == 1)
        }
    }

    @Test("a write answered by a malformed body is in doubt")
    func writeMalformedInDoubt() async throws {
        let transport = FakeTransport(always: raw(#"{"status":"SUCC"#))
        let client = makeClient(transport: transport)
        let error = await #expect(throws: BaseLinkerError.self) {
            try await client.addOrderInvoiceFile(invoiceID: 1, file: Data([1, 2, 3]))
        }
        #expect(error?.kind == .inDoubt)
        #expect(error?.message.contains("not JSON") == true)
        #expect(transport.count == 1)
    }

    @Test("a write failing with an unknown transport error is in doubt")
    func writeUnknownErrorInDoubt() async throws {
        struct Odd: Error {}
        let transport = FakeTransport(steps: [.failure(Odd())])
        let error = await #expect(throws: BaseLinkerError.self) {
            _ = try await makeClient(transport: transport).updateInventoryProductsStock(inventoryID: 1, stock: [1: ["bl_1": 2]])
        }
        #expect(error?.kind == .inDoubt)
    }

    @Test("a write that stays unreachable ends as a transport error, never in doubt")
    func writeRejectedExhausted() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(clock: clock, steps: [.failure(refused)])
        let client = makeClient(transport: transport, clock: clock, retry: RetryPolicy(maxAttempts: 4, jitter: 0))
        let error = await #expect(throws: BaseLinkerError.self) {
            try await client.setOrderStatus(orderID: 1, statusID: 2)
        }
        #expect(error?.kind == .transport)
        #expect(error?.attempts == 4)
        #expect(error?.message == "connection refused")
    }

    @Test("cancellation ends a call instead of being retried")
    func cancellation() async throws {
        let transport = FakeTransport(steps: [.failure(CancellationError())])
        let client = makeClient(transport: transport)
        await #expect(throws: CancellationError.self) { _ = try await client.call("getOrders") }
        #expect(transport.count == 1)
    }
}
