import BaseLinker
import BaseLinkerModels
@testable import BaseLinkerSandbox
import Config
import FirminoStore
import Foundation
import Testing

@testable import Sync

/// What an adversarial run broke: odd dates, unreadable fields, amounts that cannot be right,
/// text that is not text, an order deleted under a batch of statuses.
@Suite("hardening", .serialized)
struct HardeningTests {
    static let buyer = SandboxAddress(fullname: "Jan Kowalski", address: "ul. Lipowa 1", postcode: "00-950", city: "Warszawa", countryCode: "PL")

    /// A plain receipt order in "Nowe zamówienia" with one line.
    static func order(
        dateConfirmed: Int = 0, currency: String = "PLN", name: String = "Kubek", price: Double = 20,
        delivery: Double = 0, line: [String: JSONValue] = [:], fields: [String: JSONValue] = [:]
    ) -> SandboxOrder {
        var lineValue = SandboxOrderLine(name: name, warehouseId: 1, priceGross: price)
        lineValue.fieldOverrides = line
        var order = SandboxOrder(
            statusId: 1001, dateConfirmed: dateConfirmed, currency: currency, delivery: buyer, lines: [lineValue],
            deliveryPrice: delivery)
        order.fieldOverrides = fields
        return order
    }

    @Test("an order dated in 2100 is issued, warned about, and never carries the cursor past the orders confirmed after it")
    func futureDate() async throws {
        try await withSyncHarness(seed: 31, orders: 10) { harness in
            let configuration = try harness.configuration(orders: "statuses = \"all\"")
            let future = await harness.sandbox.account.addOrder(Self.order(dateConfirmed: 4_102_444_800))  // 2100-01-01
            let first = try await harness.sync(configuration)
            #expect(first.warnings.contains { $0.contains("order \(future.id): the sale date 2100-01-01") }, "\(first.warnings)")
            #expect(try harness.documents().contains { $0.baselinkerOrderId == Int64(future.id) })

            // An order confirmed after the sync (but before 2100) is read by the next one.
            let now = Int(Date().timeIntervalSince1970)
            let later = await harness.sandbox.account.addOrder(Self.order(dateConfirmed: now + 5))
            let second = try await harness.sync(configuration)
            #expect(second.orders.documents.values.reduce(0, +) == 1, "\(second.orders)")
            #expect(try harness.documents().contains { $0.baselinkerOrderId == Int64(later.id) })
        }
    }

    static let unreadable: [(String, JSONValue)] = [
        ("price_brutto", .string("29,99")), ("price_brutto", .string("abc")), ("price_brutto", .string("NaN")),
        ("price_brutto", .string("1e400")), ("price_brutto", .array([.int(1)])), ("tax_rate", .string("abc")),
        ("quantity", .double(1.5)), ("quantity", .bool(true)),
    ]

    @Test("an unreadable field sets its order aside, naming the field; the rest of the page is issued", arguments: unreadable)
    func unreadableField(field: String, value: JSONValue) async throws {
        try await withSyncHarness(seed: 32, orders: 8) { harness in
            let bad = await harness.sandbox.account.addOrder(Self.order(line: [field: value]))
            let good = await harness.sandbox.account.addOrder(Self.order(name: "Talerz"))
            let summary = try await harness.sync(try harness.configuration())
            let failure = try #require(summary.orders.failed.first { $0.orderId == bad.id }, "\(summary.orders.failed)")
            #expect(failure.kind == "order_data")
            #expect(failure.reason.contains(field), "\(failure.reason)")
            #expect(summary.exitStatus == 1)
            #expect(try harness.documents().contains { $0.baselinkerOrderId == Int64(good.id) })
            #expect(!(try harness.documents().contains { $0.baselinkerOrderId == Int64(bad.id) }))
        }
    }

    @Test("money that cannot be right is not issued", arguments: [
        ("a negative unit price", order(price: -10), "is negative"),
        ("a negative delivery price", order(delivery: -5), "delivery_price -5 is negative"),
        ("a VAT rate no document carries", order(line: ["tax_rate": 7.777]), "is not a VAT rate a Polish or EU document carries"),
        ("a currency that is none", order(currency: "ZZZ"), "currency \"ZZZ\" is not an ISO 4217 code"),
        ("a quantity of zero", order(line: ["quantity": 0]), "a line sells 1 or more"),
    ])
    func impossibleMoney(what: String, order: SandboxOrder, reason: String) async throws {
        try await withSyncHarness(seed: 33, orders: 4) { harness in
            let added = await harness.sandbox.account.addOrder(order)
            let summary = try await harness.sync(try harness.configuration())
            let failure = try #require(summary.orders.failed.first { $0.orderId == added.id }, "\(what): \(summary.orders.failed)")
            #expect(failure.reason.contains(reason), "\(what): \(failure.reason)")
            #expect(!(try harness.documents().contains { $0.baselinkerOrderId == Int64(added.id) }))
        }
    }

    @Test("text survives: NUL, control and bidi-override characters are stripped, the rest kept, a long name cut with a mark")
    func text() async throws {
        try await withSyncHarness(seed: 34, orders: 4) { harness in
            let nul = await harness.sandbox.account.addOrder(Self.order(name: "Kubek\u{0}Żółty\u{7}\u{202E}duży\tzestaw"))
            let long = await harness.sandbox.account.addOrder(Self.order(name: String(repeating: "Ą", count: 1 << 20)))
            _ = try await harness.sync(try harness.configuration())
            let documents = try harness.documents()
            let first = try #require(documents.first { $0.baselinkerOrderId == Int64(nul.id) }?.lines.first)
            #expect(first.name == "KubekŻółtyduży zestaw")
            let cut = try #require(documents.first { $0.baselinkerOrderId == Int64(long.id) }?.lines.first)
            #expect(cut.name.count == 300 && cut.name.hasSuffix("…") && cut.name.hasPrefix("ĄĄĄ"))
        }
    }

    @Test("a deleted order does not keep status_after from the others of its batch; the summary says why")
    func deletedOrder() async throws {
        try await withSyncHarness(seed: 35, orders: 30) { harness in
            let configuration = try harness.configuration()
            let store = try Store(path: harness.storePath)
            // Statuses queued by an earlier run, one for an order since deleted.
            let issuable = await harness.issuableOrders()
            let doomed = try #require(issuable.first)
            _ = try store.write { tx in
                for order in issuable {
                    try tx.enqueueOutbox(
                        kind: .setOrderStatus, payload: SetOrderStatus(orderId: order.id, statusId: SyncHarness.problem))
                }
            }
            try store.close()
            try await harness.sandbox.account.deleteOrder(doomed.id)
            let summary = try await harness.sync(configuration)
            #expect(summary.outbox.failed.isEmpty, "\(summary.outbox.failed)")
            #expect(summary.warnings.contains("order \(doomed.id) is no longer in BaseLinker: its status was not set"), "\(summary.warnings)")
            for order in issuable.dropFirst() {
                #expect(await harness.sandbox.account.order(order.id)?.statusId == SyncHarness.documentIssued)
            }
            let again = try await harness.sync(configuration)
            #expect(again.outbox.sent == 0 && again.outbox.pending == 0)
        }
    }

    @Test("the request limit holds across runs: a run's requests of the last minute are kept, and the next run counts them")
    func requestWindowAcrossRuns() async throws {
        // A token of its own: the process shares one limiter per token.
        let token = "window-\(UUID().uuidString)"
        try await withSyncHarness(seed: 36, orders: 10, token: token) { harness in
            var configuration = try harness.configuration()
            configuration.baselinker.requestsPerMinute = 1_000
            let first = try await harness.sync(configuration)
            let store = try Store(path: harness.storePath)
            let kept = try store.read { try $0.cursor(SyncSession.recentRequestsKey) }
            try store.close()
            let instants = try JSONDecoder().decode([Double].self, from: Data(try #require(kept).utf8))
            #expect(instants.count == first.requests, "every request of the run is in the window")

            // A new process starts with an empty limiter: opened on the store, it counts them.
            let fresh = RateLimiter(requestsPerMinute: 1_000)
            let session = try SyncSession(configuration: configuration, options: .init(rateLimiter: fresh))
            try await session.continueRequestWindow()
            #expect(await fresh.recentRequests.count == instants.count)
            await session.close()
        }
    }
}
