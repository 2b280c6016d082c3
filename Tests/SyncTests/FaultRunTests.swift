import BaseLinkerSandbox
import FirminoStore
import Foundation
import Testing

import Sync

/// A sync against a BaseLinker that fails often — HTTP 500, answers held back past the client's
/// timeout (applied all the same), answers cut short or behind a PHP notice, values of another
/// type — re-run until it is done, ends in exactly the state a clean run of the same seed leaves.
@Suite("fault runs", .serialized)
struct FaultRunTests {
    static let seed: UInt64 = 19
    static let orders = 100
    static let faults = "500:0.1,timeout:0.02,malformed:0.05,types:0.3"
    /// Re-runs allowed before the test gives up.
    static let maxRuns = 15

    /// What a sync leaves, in the store and in BaseLinker, by stable keys.
    struct State: Equatable, CustomStringConvertible {
        var documents: [String] = []
        var stock: [String] = []
        var contractors: [String] = []
        var issues: [String] = []
        var pendingOutbox = 0
        var remote: [String] = []

        var description: String {
            (["documents:"] + documents + ["stock:"] + stock + ["contractors: \(contractors.count)", "issues:"] + issues
                + ["pending: \(pendingOutbox)", "remote:"] + remote).joined(separator: "\n")
        }

        init(_ harness: SyncHarness) async throws {
            let (documents, levels, contractors, products, warehouses, issues, pending) = try harness.read { reader in
                (try reader.documents(), try reader.stockLevels(), try reader.contractors(), try reader.products(),
                 try reader.warehouses(), try reader.orderIssues(), try reader.pendingOutbox().count)
            }
            let productNames = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0.sku ?? $0.name) })
            let warehouseNames = Dictionary(uniqueKeysWithValues: warehouses.map { ($0.id, $0.baselinkerWarehouse ?? $0.name) })
            self.documents = documents.map { document in
                let lines = document.lines.map { line in
                    "\(line.name)×\(line.quantity)@\(line.unitGross.decimalString) \(line.vatRate.name) "
                        + "\(line.productId.flatMap { productNames[$0] } ?? "-")/\(line.warehouseId.flatMap { warehouseNames[$0] } ?? "-")"
                }
                return "\(document.baselinkerOrderId ?? 0) \(document.number) \(document.type.rawValue) "
                    + "\(document.totalGross.decimalString) \(document.buyer.name) [\(lines.joined(separator: "; "))]"
            }.sorted()
            stock = levels.map { "\(productNames[$0.productId] ?? "?")@\(warehouseNames[$0.warehouseId] ?? "?")=\($0.quantity)" }
                .sorted()
            self.contractors = contractors.map(\.name).sorted()
            self.issues = issues.map { "\($0.orderId) \($0.state.rawValue) \($0.kind ?? "-")" }.sorted()
            pendingOutbox = pending
            for order in await harness.sandbox.account.orders() {
                let invoices = await harness.sandbox.account.invoices(orderId: order.id)
                remote.append(
                    "\(order.id) status \(order.statusId) invoices "
                        + invoices.map { "\($0.externalInvoiceNumber)×\($0.fileUploads)" }.joined(separator: ","))
            }
        }
    }

    @Test("500s, timeouts, malformed answers and type variance: re-run until done, the state of a clean run")
    func faultedRunsEndAsACleanRun() async throws {
        let expected = try await withSyncHarness(seed: Self.seed, orders: Self.orders) { harness in
            let summary = try await harness.sync(try harness.configuration())
            #expect(summary.outbox.pending == 0)
            return try await State(harness)
        }
        #expect(expected.documents.count > 10)
        #expect(expected.remote.contains { $0.contains("×1") }, "the clean run attached invoice files")

        let faults = try SandboxFaults(parsing: Self.faults)
        let (recovered, stats, endings, done) = try await withSyncHarness(
            seed: Self.seed, orders: Self.orders, faults: faults, timeoutDelay: 1.5
        ) { harness in
            let configuration = try harness.configuration()
            var endings: [String] = []
            var done = false
            while !done, endings.count < Self.maxRuns {
                // A run may end in an error (a page that failed every retry): the next one goes on.
                // A run is the last when it ends with nothing left to send. Its exit status is not
                // the clean run's: orders that fail are reported by the run that failed them.
                let summary = try? await harness.sync(configuration, requestTimeout: .milliseconds(700))
                endings.append(summary.map { "exit \($0.exitStatus), \($0.outbox.pending) pending" } ?? "an error")
                done = summary.map { $0.outbox.pending == 0 && $0.outbox.failed.isEmpty && $0.outbox.unreachable == nil }
                    ?? false
            }
            return (try await State(harness), await harness.sandbox.stats, endings, done)
        }
        let injected = stats.faults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("fault runs: \(endings.count) runs (\(endings.joined(separator: "; "))); "
            + "faults injected in \(stats.totalRequests) requests: \(injected)")
        #expect(done, "not done after \(endings.count) runs: \(endings)")
        for kind in ["500", "timeout", "malformed", "types"] {
            #expect((stats.faults[kind] ?? 0) > 0, "no \(kind) fault was injected: \(injected)")
        }
        #expect(recovered == expected, "after faults:\n\(recovered)\n--- expected ---\n\(expected)")
        #expect(recovered.remote.allSatisfy { !$0.contains("×2") })
    }
}
