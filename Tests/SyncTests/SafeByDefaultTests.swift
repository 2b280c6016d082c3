import BaseLinkerModels
import BaseLinkerSandbox
import Config
import FirminoStore
import Foundation
import Testing

@testable import Sync

/// What keeps a seller from a wrong or second document, and from an order stuck for ever.
@Suite("safe by default", .serialized)
struct SafeByDefaultTests {
    @Test("a new store against an account already synced issues no second document for an order BaseLinker holds an invoice for")
    func secondStore() async throws {
        try await withSyncHarness(seed: 21) { harness in
            let configuration = try harness.configuration(orders: "statuses = \"all\"")
            let first = try await harness.sync(configuration)
            #expect(first.orders.alreadyInvoiced.isEmpty)
            let invoices = await harness.sandbox.account.invoices()
            #expect(!invoices.isEmpty)

            // The first store is lost; a new one is synced against the same account.
            var other = configuration
            other.store.path = harness.folder.appendingPathComponent("other.sqlite").path
            let requestsBefore = await harness.sandbox.stats.requests["getInvoices"] ?? 0
            let second = try await harness.sync(other)
            #expect(Set(second.orders.alreadyInvoiced.map(\.orderId)) == Set(invoices.map(\.orderId)))
            for invoiced in second.orders.alreadyInvoiced {
                let invoice = invoices.first { $0.orderId == invoiced.orderId }
                #expect(invoiced.number == invoice?.externalInvoiceNumber, "order \(invoiced.orderId)")
            }
            #expect(second.orders.documents["invoice", default: 0] == 0)
            #expect(second.orders.documents["invoice_wdt", default: 0] == 0)
            #expect(second.orders.documents["invoice_export", default: 0] == 0)
            #expect(await harness.sandbox.account.invoices() == invoices, "no invoice and no file was added")
            // The invoices were listed page by page, not asked for order by order.
            let listed = (await harness.sandbox.stats.requests["getInvoices"] ?? 0) - requestsBefore
            #expect(listed == invoices.count / InvoiceIndex.pageSize + 1, "\(listed) getInvoices requests")

            // The next sync reads only the invoices added since: one short page.
            let beforeThird = await harness.sandbox.stats.requests["getInvoices"] ?? 0
            _ = try await harness.sync(other)
            #expect((await harness.sandbox.stats.requests["getInvoices"] ?? 0) - beforeThird <= 1)
            let store = try Store(path: other.store.path)
            let cursor = try store.read { try $0.cursor(InvoiceIndex.cursorKey) }
            try store.close()
            #expect(cursor == String(invoices.map(\.id).max()!))
        }
    }

    @Test("orders skip: a failing order is never taken again, no longer holds the cursor, and the sync exits 0; retry takes it again")
    func skipAndRetry() async throws {
        try await withSyncHarness(seed: 7) { harness in
            let configuration = try harness.configuration(orders: "statuses = \"all\"")
            let first = try await harness.sync(configuration)
            #expect(first.exitStatus == 1)
            let failing = first.orders.failed.map(\.orderId)
            #expect(!failing.isEmpty, "the sandbox has orders with nothing to issue")

            let second = try await harness.sync(configuration)
            let store = try Store(path: harness.storePath)
            let issues = try store.read { try $0.orderIssues(state: .failed) }
            #expect(issues.map { Int($0.orderId) }.sorted() == failing.sorted())
            #expect(issues.allSatisfy { $0.tries == 2 && $0.kind == "order_data" && $0.reason.contains("nothing to issue") })
            #expect(second.orders.fetched > 0)

            try store.write { tx in
                for id in failing { try tx.skipOrder(orderId: Int64(id), reason: "pusty koszyk") }
            }
            let third = try await harness.sync(configuration)
            #expect(third.exitStatus == 0, "\(third.orders.failed)")
            #expect(third.orders.failed.isEmpty)
            #expect(Set(third.orders.setAside.map(\.orderId)) == Set(failing))
            #expect(third.orders.setAside.allSatisfy { $0.reason == "pusty koszyk" })
            // The cursor passed them: the next sync reads at most the orders of the last second.
            let fourth = try await harness.sync(configuration)
            #expect(fourth.orders.fetched < second.orders.fetched, "\(fourth.orders.fetched) ≥ \(second.orders.fetched)")
            #expect(fourth.orders.setAside.isEmpty)

            let again = try #require(failing.first)
            try store.write { try $0.retryOrder(orderId: Int64(again)) }
            try store.close()
            let fifth = try await harness.sync(configuration)
            #expect(fifth.orders.failed.map(\.orderId) == [again], "read again by id from behind the cursor")
            #expect(fifth.exitStatus == 1)
            // Failed again, it stays in sight: each sync reads it by id until it is skipped.
            let sixth = try await harness.sync(configuration)
            #expect(sixth.orders.failed.map(\.orderId) == [again])
            #expect(sixth.exitStatus == 1)

            // Deleted in BaseLinker, it is awaited no more: said once, then never asked for again.
            try await harness.sandbox.account.deleteOrder(again)
            let seventh = try await harness.sync(configuration)
            #expect(seventh.exitStatus == 0 && seventh.orders.failed.isEmpty)
            #expect(seventh.warnings.contains("order \(again) (failed) is no longer in BaseLinker: it is no longer awaited"), "\(seventh.warnings)")
            #expect(try harness.read { try $0.orderIssue(orderId: Int64(again)) } == nil)
            let quiet = await harness.sandbox.stats
            let eighth = try await harness.sync(configuration)
            #expect(eighth.warnings.isEmpty && eighth.exitStatus == 0, "\(eighth.warnings)")
            #expect((await harness.requests(since: quiet))["getOrders"] == 1, "one listing page, no order read by id")
        }
    }

    /// How a failed order can stop needing a decision.
    enum LeftBehind: String, CaseIterable, CustomTestStringConvertible {
        case invoicedInBaseLinker = "invoiced in BaseLinker since"
        case startDateMovedPast = "[orders] from moved past it"
        var testDescription: String { rawValue }
    }

    @Test("a failed order that needs no decision any more is said once and awaited no more", arguments: LeftBehind.allCases)
    func failedOrderLeftBehind(_ way: LeftBehind) async throws {
        try await withSyncHarness(seed: 7) { harness in
            var configuration = try harness.configuration(orders: "statuses = \"all\"")
            let first = try await harness.sync(configuration)
            let failing = try #require(first.orders.failed.first?.orderId)
            switch way {
            case .invoicedInBaseLinker:
                _ = try await harness.sandbox.account.call("addInvoice", parameters: ["order_id": .int(Int64(failing)), "series_id": 11])
            case .startDateMovedPast:
                let confirmed = try #require(await harness.sandbox.account.order(failing)?.dateConfirmed)
                configuration.orders.from = BusinessDate(  // the day after it was confirmed
                    Date(timeIntervalSince1970: TimeInterval(confirmed + 86_400)), in: configuration.seller.timeZone)
            }
            let second = try await harness.sync(configuration)
            #expect(!second.orders.failed.map(\.orderId).contains(failing))
            #expect(try harness.read { try $0.orderIssue(orderId: Int64(failing)) } == nil, "no longer listed as failed")
            let said = switch way {
            case .invoicedInBaseLinker: second.orders.alreadyInvoiced.map(\.orderId).contains(failing)
            case .startDateMovedPast:
                second.warnings.contains("order \(failing) (failed) was confirmed before [orders] from: it is no longer awaited")
            }
            #expect(said, "\(second.orders.alreadyInvoiced); \(second.warnings)")
            let third = try await harness.sync(configuration)
            #expect(!third.orders.alreadyInvoiced.map(\.orderId).contains(failing) && !third.warnings.contains { $0.contains("order \(failing)") },
                    "said once: \(third.warnings)")
        }
    }

    @Test("[warehouses] countries set after the first sync corrects the warehouse and says so")
    func warehouseCountry() async throws {
        try await withSyncHarness(seed: 22, orders: 20) { harness in
            _ = try await harness.sync(try harness.configuration())
            var configuration = try harness.configuration()
            configuration.warehouses.countries["bl_2"] = "CZ"
            let summary = try await harness.sync(configuration)
            let change = try #require(summary.warehouses.countryChanged.first)
            #expect(summary.warehouses.countryChanged.count == 1)
            #expect(change.warehouseId == 2 && change.from == "PL" && change.to == "CZ")
            let store = try Store(path: harness.storePath)
            #expect(try store.read { try $0.warehouse(id: 2)?.country } == "CZ")
            try store.close()
            let again = try await harness.sync(configuration)
            #expect(again.warehouses.countryChanged.isEmpty)
        }
    }
}
