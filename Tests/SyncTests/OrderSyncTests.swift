import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Config
import FirminoStore
import Foundation
import Testing

@testable import Sync

/// `sync orders` against the sandbox over HTTP, in-process.
@Suite("sync orders end to end", .serialized)
struct OrderSyncTests {
    @Test("a sync issues one numbered document per taken order, moves stock, attaches invoice files and sets statuses")
    func fullSync() async throws {
        try await withSyncHarness { harness in
            let taken = await harness.takenOrders()
            let issuable = await harness.issuableOrders()
            let configuration = try harness.configuration()
            let summary = try await harness.sync(configuration)

            // An order without lines or paid delivery has nothing to issue: it fails, saying so.
            let empty = Set(taken.map(\.id)).subtracting(issuable.map(\.id))
            #expect(Set(summary.orders.failed.map(\.orderId)) == empty)
            #expect(summary.orders.failed.allSatisfy { $0.reason.contains("nothing to issue") })
            #expect(summary.orders.held.isEmpty)
            #expect(summary.orders.fetched == taken.count)
            // Every fetched order met accept_order, every accepted one several hooks more.
            #expect(summary.rules.hookCalls > summary.orders.fetched + summary.orders.accepted, "\(summary.rules)")
            #expect(summary.rules.hookSeconds > 0, "\(summary.rules)")
            #expect(summary.outbox.failed.isEmpty, "\(summary.outbox.failed)")
            #expect(summary.outbox.pending == 0)
            let documents = try harness.documents()
            #expect(documents.count == issuable.count)
            #expect(Set(documents.compactMap(\.baselinkerOrderId)) == Set(issuable.map { Int64($0.id) }))
            for type in DocumentType.allCases {
                #expect(summary.orders.documents[type.rawValue, default: 0] == documents.filter { $0.type == type }.count)
            }
            // The sandbox's account holds receipts, invoices, WDT and export invoices.
            #expect(Set(documents.map(\.type)) == Set(DocumentType.allCases))

            // Numbers run 1…n per type within the month, each once.
            for type in DocumentType.allCases {
                let sequences = documents.filter { $0.type == type }.map(\.sequence).sorted()
                let expected: [Int64] = (0..<sequences.count).map { Int64($0 + 1) }
                #expect(sequences == expected)
            }
            #expect(Set(documents.map(\.number)).count == documents.count)

            // Every linked line took its quantity out of its warehouse exactly once.
            let store = try Store(path: harness.storePath)
            let movements = try store.read { try $0.stockMovements() }
            try store.close()
            let linkedLines = documents.flatMap(\.lines).filter { $0.productId != nil && $0.warehouseId != nil }
            #expect(movements.count == linkedLines.count)
            let moved: Int = movements.map(\.delta).reduce(0, +)
            let sold: Int = linkedLines.map(\.quantity).reduce(0, +)
            #expect(moved == -sold)

            // Invoices carry exactly one attached printout with our number; receipts none.
            for document in documents {
                let orderId = Int(document.baselinkerOrderId!)
                let invoices = await harness.sandbox.account.invoices(orderId: orderId)
                if document.type == .receipt {
                    #expect(invoices.isEmpty)
                } else {
                    #expect(invoices.count == 1, "order \(orderId)")
                    #expect(invoices.first?.externalInvoiceNumber == document.number)
                    #expect(invoices.first?.fileUploads == 1)
                    #expect((invoices.first?.fileBytes ?? 0) > 1_000)
                }
                #expect(await harness.sandbox.account.order(orderId)?.statusId == SyncHarness.documentIssued)
            }
            // WDT and export lines are at 0 %.
            for document in documents where document.type == .invoiceWDT || document.type == .invoiceExport {
                #expect(document.totalVAT == .zero)
                #expect(document.lines.allSatisfy { $0.vatRate == document.type.forcedVATRate })
            }
            // Documents keep the order's currency, and the seller as issued.
            #expect(documents.allSatisfy { $0.seller == configuration.seller.details })
            for document in documents {
                let order = await harness.sandbox.account.order(Int(document.baselinkerOrderId!))
                #expect(document.currency == order?.currency)
            }
        }
    }

    @Test("warnings an order gives are listed 20 of a kind, the rest counted in one line: the summary does not grow with the orders")
    func warningsAreCapped() async throws {
        // Without the products module every line's product starts at 0: each order leaves levels below zero.
        try await withSyncHarness(seed: 5, orders: 150) { harness in
            let summary = try await harness.sync(try harness.configuration())
            let below = try harness.read { try $0.negativeStockLevels() }
            try #require(below.count > SyncSummary.WarningKind.keptPerKind, "the account leaves many levels below zero")
            let listed = summary.warnings.filter { $0.contains(" is at -") }
            #expect(listed.count == SyncSummary.WarningKind.keptPerKind)
            let closing = try #require(summary.warnings.first { $0.hasPrefix("… and ") && $0.contains("below zero") }, "\(summary.warnings)")
            let more = try #require(Int(closing.dropFirst("… and ".count).prefix { $0.isNumber }))
            // One warning per order and level it left below zero: at least one per level below zero now.
            #expect(listed.count + more >= below.count, "\(closing); \(below.count) levels below zero")
            #expect(summary.warnings.filter { $0.hasPrefix("… and ") }.count <= 2)
        }
    }

    @Test("orders of two selected statuses, many to a second across page boundaries, are decided in one order: date_confirmed, then id")
    func mergedListingOrder() async throws {
        try await withSyncHarness(seed: 9, orders: 0) { harness in
            let start = 1_795_000_000  // 2026-11-18
            var added: [(id: Int, confirmed: Int)] = []
            // Three orders a second, the statuses taking turns: pages of 100 end inside a second.
            // Added out of order, so that ids do not follow the dates.
            for index in (0..<260).map({ $0 * 97 % 260 }) {
                var order = HardeningTests.order(dateConfirmed: start + index / 3, name: "Kubek \(index)")
                order.statusId = index % 4 == 0 ? 1002 : 1001
                let stored = await harness.sandbox.account.addOrder(order)
                added.append((stored.id, stored.dateConfirmed))
            }
            let summary = try await harness.sync(try harness.configuration(orders: "statuses = [1001, 1002]"), ordersPerPart: 37)
            #expect(summary.orders.fetched == added.count)
            let decided = try harness.documents().sorted { $0.id < $1.id }.compactMap(\.baselinkerOrderId).map(Int.init)
            let expected = added.sorted { ($0.confirmed, $0.id) < ($1.confirmed, $1.id) }.map(\.id)
            #expect(decided == expected)
        }
    }

    @Test("a second sync changes nothing")
    func secondRun() async throws {
        try await withSyncHarness(seed: 11) { harness in
            let configuration = try harness.configuration()
            _ = try await harness.sync(configuration)
            let before = try harness.documents()
            let invoicesBefore = await harness.sandbox.account.invoices()

            let second = try await harness.sync(configuration)
            #expect(second.orders.documents.values.allSatisfy { $0 == 0 })
            #expect(second.orders.failed.isEmpty)
            #expect(second.outbox.sent == 0)
            #expect(try harness.documents() == before)
            #expect(await harness.sandbox.account.invoices() == invoicesBefore)
        }
    }

    @Test("without status_after a second sync reads the orders again and skips every one")
    func secondRunWithoutStatusAfter() async throws {
        try await withSyncHarness(seed: 12) { harness in
            let configuration = try harness.configuration(orders: "statuses = [1001, 1002]")
            let first = try await harness.sync(configuration)
            let second = try await harness.sync(configuration)
            #expect(second.orders.fetched == first.orders.fetched)
            #expect(second.orders.skipped == first.orders.documents.values.reduce(0, +))
            #expect(second.orders.documents.values.allSatisfy { $0 == 0 })
            #expect(try harness.documents().count == first.orders.documents.values.reduce(0, +))
        }
    }

    @Test("a status left pending from an earlier run gives way to the one queued after it, and is not sent")
    func laterStatusWins() async throws {
        try await withSyncHarness(seed: 17, orders: 12) { harness in
            let order = try #require(await harness.issuableOrders().first)
            // An earlier run failed this order and could not send its status_failed.
            let store = try Store(path: harness.storePath)
            _ = try store.write { tx in
                try tx.enqueueOutbox(kind: .setOrderStatus, payload: SetOrderStatus(orderId: order.id, statusId: SyncHarness.problem))
            }
            try store.close()

            let summary = try await harness.sync(try harness.configuration())
            #expect(summary.outbox.pending == 0 && summary.outbox.failed.isEmpty, "\(summary.outbox)")
            let status = await harness.sandbox.account.orders().first { $0.id == order.id }?.statusId
            // Sent by status id, the old row (1007) would have landed after status_after (1006).
            #expect(status == SyncHarness.documentIssued)
        }
    }

    @Test("an order that reaches a selected status after the first sync is taken by the next")
    func lateStatus() async throws {
        try await withSyncHarness(seed: 13) { harness in
            let configuration = try harness.configuration()
            let from = Int(SandboxAccount.defaultOrdersStart.timeIntervalSince1970)
            let waiting = try #require(
                await harness.sandbox.account.orders().first {
                    $0.statusId == 1003 && $0.confirmed && $0.dateConfirmed >= from
                }, "the sandbox has an order in W realizacji")
            _ = try await harness.sync(configuration)
            #expect(try harness.documents().contains { $0.baselinkerOrderId == Int64(waiting.id) } == false)

            try await harness.sandbox.account.setOrderStatus(waiting.id, to: 1002)
            let second = try await harness.sync(configuration)
            #expect(second.orders.documents.values.reduce(0, +) == 1)
            #expect(try harness.documents().filter { $0.baselinkerOrderId == Int64(waiting.id) }.count == 1)
        }
    }

    @Test("with no status selected the cursor moves past issued orders only; the next run reads from the first failed one")
    func cursorMode() async throws {
        try await withSyncHarness(seed: 14) { harness in
            let configuration = try harness.configuration(orders: "statuses = \"all\"\nstatus_failed = \"Problem z zamówieniem\"")
            let first = try await harness.sync(configuration)
            let from = Int(SandboxAccount.defaultOrdersStart.timeIntervalSince1970)
            let confirmed = await harness.sandbox.account.orders().filter { $0.confirmed && $0.dateConfirmed >= from }
            let empty = confirmed.filter { $0.lines.isEmpty && $0.deliveryPrice == 0 }
            #expect(first.orders.fetched == confirmed.count)
            #expect(first.orders.documents.values.reduce(0, +) == confirmed.count - empty.count)
            #expect(Set(first.orders.failed.map(\.orderId)) == Set(empty.map(\.id)))

            for order in empty {
                #expect(await harness.sandbox.account.order(order.id)?.statusId == SyncHarness.problem)
            }
            let statusWrites = { (stats: SandboxStats) in
                (stats.requests["setOrderStatus"] ?? 0) + (stats.requests["setOrderStatuses"] ?? 0)
            }
            let writesBefore = statusWrites(await harness.sandbox.stats)

            let second = try await harness.sync(configuration)
            let resumeAt = empty.map(\.dateConfirmed).min() ?? confirmed.map(\.dateConfirmed).max()!
            #expect(second.orders.fetched == confirmed.filter { $0.dateConfirmed >= resumeAt }.count)
            #expect(second.orders.documents.values.allSatisfy { $0 == 0 })
            // They fail again, but BaseLinker already shows status_failed: it is not sent again.
            #expect(Set(second.orders.failed.map(\.orderId)) == Set(empty.map(\.id)))
            #expect(statusWrites(await harness.sandbox.stats) == writesBefore)
            #expect(second.outbox.sent == 0)
        }
    }

    @Test("with no status selected, orders read and decided a few at a time get the documents, numbers and cursor of one reading")
    func cursorModeInParts() async throws {
        func run(ordersPerPart: Int) async throws -> (documents: [String], cursor: String?, summary: SyncSummary) {
            try await withSyncHarness(seed: 14) { harness in
                let configuration = try harness.configuration(orders: "statuses = \"all\"")
                let summary = try await harness.sync(configuration, ordersPerPart: ordersPerPart)
                let documents = try harness.documents().map { "\($0.baselinkerOrderId ?? 0) \($0.number) \($0.totalGross)" }
                return (documents.sorted(), try harness.read { try $0.cursor("orders.date_confirmed") }, summary)
            }
        }
        let whole = try await run(ordersPerPart: 1_000)
        let parts = try await run(ordersPerPart: 7)
        #expect(whole.summary.orders.fetched > 21, "several parts of 7")
        #expect(parts.documents == whole.documents)
        #expect(parts.cursor == whole.cursor && parts.cursor != nil)
        #expect(parts.summary.orders.fetched == whole.summary.orders.fetched)
        #expect(parts.summary.orders.documents == whole.summary.orders.documents)
        #expect(parts.summary.orders.failed.map(\.orderId) == whole.summary.orders.failed.map(\.orderId))
        // Invoices sent 7 at a time: every one, as at once.
        #expect(parts.summary.outbox.sent == whole.summary.outbox.sent && parts.summary.outbox.pending == 0)
    }

    @Test("a dry run decides like a real run but writes and sends nothing")
    func dryRun() async throws {
        try await withSyncHarness(seed: 15) { harness in
            let configuration = try harness.configuration()
            let dry = try await harness.sync(configuration, dryRun: true)
            #expect(dry.dryRun)
            #expect(try harness.documents().isEmpty)
            let stats = await harness.sandbox.stats
            #expect(stats.requests["addInvoice"] == nil && stats.requests["setOrderStatuses"] == nil)
            #expect(dry.plan.count == dry.orders.fetched)

            let real = try await harness.sync(configuration)
            #expect(real.orders.documents == dry.orders.documents)
            #expect(real.contractors == dry.contractors)
            #expect(real.products.created == dry.products.created)
        }
    }

    @Test("a failing hook sets its order aside with file:line and the order id; the others are issued")
    func failingHook() async throws {
        try await withSyncHarness(seed: 16) { harness in
            let taken = await harness.issuableOrders()
            let victim = try #require(taken.dropFirst(3).first)
            let rules = """
                function document_type(order, ctx)
                  if order.id == \(victim.id) then
                    local missing = nil
                    return missing.field
                  end
                  return defaults.document_type(order, ctx)
                end
                """
            let configuration = try harness.configuration(rules: rules)
            let summary = try await harness.sync(configuration)
            #expect(summary.exitStatus == 1)
            let failed = summary.orders.failed.filter { !$0.reason.contains("nothing to issue") }
            #expect(failed.map(\.orderId) == [victim.id])
            let reason = try #require(failed.first?.reason)
            #expect(reason.contains("rules.lua:4:"), "\(reason)")
            #expect(try harness.documents().count == taken.count - 1)
            #expect(await harness.sandbox.account.order(victim.id)?.statusId == SyncHarness.problem)
        }
    }

    @Test("BaseLinker gone mid-sync: the drain stops after a few rows, says so once, leaves the rest queued, exits 1")
    func outage() async throws {
        try await withSyncHarness(seed: 18, orders: 40, timeoutDelay: 1.5) { harness in
            let configuration = try harness.configuration()
            // The dry run reads what the real run reads before it sends anything.
            let dry = try await harness.sync(configuration, dryRun: true)
            let before = await harness.sandbox.stats.totalRequests
            await harness.sandbox.simulateOutage(afterRequests: before + dry.requests)

            let summary = try await harness.sync(configuration, requestTimeout: .milliseconds(500))
            #expect(summary.exitStatus == 1)
            let reason = try #require(summary.outbox.unreachable)
            #expect(!reason.isEmpty)
            #expect(summary.outbox.sent == 0)
            #expect(summary.outbox.pending > 3, "\(summary.outbox)")
            // Three rows in a row found nobody, each after the client's own retries (4 here).
            let unanswered = await harness.sandbox.stats.faults["unreachable"] ?? 0
            #expect(unanswered <= OutboxDrain.unreachableAfter * 4, "\(unanswered) requests went unanswered")
            #expect(summary.text.contains("BaseLinker could not be reached"))
        }
    }

    @Test("under HTTP 500s, timeouts and malformed answers, repeated syncs end with exactly one document and one file per order")
    func faults() async throws {
        let faults = try SandboxFaults(parsing: "500:0.05,timeout:0.02,malformed:0.02,types:0.2")
        try await withSyncHarness(seed: 17, orders: 40, faults: faults, timeoutDelay: 1.5) { harness in
            let configuration = try harness.configuration()
            var runs = 0
            var last: SyncSummary?
            repeat {
                runs += 1
                last = try? await harness.sync(configuration, requestTimeout: .milliseconds(700))
            } while (last == nil || last!.exitStatus != 0 || last!.outbox.pending > 0) && runs < 12
            let summary = try #require(last)
            #expect(summary.exitStatus == 0)

            let documents = try harness.documents()
            let taken = await harness.takenOrders()
            // Orders already moved to "Dokument wystawiony" are no longer in a selected status.
            let documented = Set(documents.compactMap(\.baselinkerOrderId))
            #expect(documented.count == documents.count)
            for document in documents where document.type != .receipt {
                let invoices = await harness.sandbox.account.invoices(orderId: Int(document.baselinkerOrderId!))
                let withFile = invoices.filter { $0.fileUploads > 0 }
                #expect(invoices.count == 1, "order \(document.baselinkerOrderId!)")
                #expect(withFile.count == 1, "order \(document.baselinkerOrderId!)")
                #expect(withFile.allSatisfy { $0.fileUploads == 1 && $0.externalInvoiceNumber == document.number })
            }
            #expect(taken.isEmpty || taken.allSatisfy { documented.contains(Int64($0.id)) })
        }
    }
}
