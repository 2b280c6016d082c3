import BaseLinkerSandbox
import FirminoStore
import Foundation
import Testing

/// A crash at any step of an order's processing or of the outbox drain, followed by
/// a re-run, leaves exactly the state of an uninterrupted run — one document per order, stock
/// moved once per line, gap-free numbers, one invoice file per order in BaseLinker.
///
/// Each case runs the real `firmlink sync` with `FIRMLINK_FAULT=<point>:<n>`, which ends the
/// process at once (as `kill -9` would) the n-th time it reaches the point, then runs it again.
@Suite("crash and re-run", .serialized)
struct CrashTests {
    static let seed: UInt64 = 31
    static let orders = 24

    /// Everything a sync leaves behind, in the store and in BaseLinker, by stable keys.
    struct State: Equatable, CustomStringConvertible {
        var documents: [String] = []
        var stock: [String] = []
        var contractors: [String] = []
        var products: [String] = []
        var pendingOutbox = 0
        var remote: [String] = []

        var description: String {
            (["documents:"] + documents + ["stock:"] + stock + ["contractors: \(contractors.count)",
                "products: \(products.count)", "pending: \(pendingOutbox)", "remote:"] + remote)
                .joined(separator: "\n")
        }
    }

    /// `firmlink sync --json` for `seller`, stopped at `fault` when one is given.
    func sync(_ seller: SandboxSeller, fault: String? = nil) async throws -> FirmlinkProcess.Result {
        var environment = ["BASELINKER_TOKEN": SandboxSeller.token]
        if let fault { environment["FIRMLINK_FAULT"] = fault }
        return try await seller.firmlink(["sync", "--json"], environment: environment)
    }

    func state(of seller: SandboxSeller) async throws -> State {
        let sandbox = seller.sandbox
        let store = try Store(path: seller.folder.url.appendingPathComponent("firmlink.sqlite").path)
        defer { try? store.close() }
        var state = State()
        let (documents, levels, contractors, products, pending) = try store.read { reader in
            (try reader.documents(), try reader.stockLevels(), try reader.contractors(), try reader.products(),
             try reader.pendingOutbox().count)
        }
        let productNames = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0.name) })
        state.documents = documents.map { document in
            let lines = document.lines.map {
                "\($0.name)×\($0.quantity)@\($0.unitGross.decimalString) \($0.vatRate.name) "
                    + "\($0.productId.flatMap { productNames[$0] } ?? "-")/\($0.warehouseId.map(String.init) ?? "-")"
            }
            return "\(document.baselinkerOrderId ?? 0) \(document.number) \(document.type.rawValue) "
                + "\(document.totalGross.decimalString) \(document.buyer.name) [\(lines.joined(separator: "; "))]"
        }.sorted()
        state.stock = levels.map { "\(productNames[$0.productId] ?? "?")@\($0.warehouseId)=\($0.quantity)" }.sorted()
        state.contractors = contractors.map(\.name).sorted()
        state.products = products.map(\.name).sorted()
        state.pendingOutbox = pending
        for order in await sandbox.account.orders() {
            let invoices = await sandbox.account.invoices(orderId: order.id)
            state.remote.append(
                "\(order.id) status \(order.statusId) invoices "
                    + invoices.map { "\($0.externalInvoiceNumber)×\($0.fileUploads)" }.joined(separator: ","))
        }
        return state
    }

    @Test("a crash at any step, then a re-run, leaves the state of an uninterrupted run", arguments: [
        "order-written:1", "order-written:7", "order-committed:1", "order-committed:7", "batch-durable:1",
        "invoice-added:1", "invoice-added:3", "invoice-saved:1", "invoice-saved:3",
        "file-attached:1", "file-attached:3", "status-set:1",
    ])
    func crashThenRerun(fault: String) async throws {
        let expected = try await SandboxSeller.with(orders: Self.orders, seed: Self.seed) { seller in
            let run = try await sync(seller)
            #expect(run.status <= 1, "\(run.stderr)")
            return try await state(of: seller)
        }
        #expect(!expected.documents.isEmpty)
        #expect(expected.pendingOutbox == 0)

        let recovered = try await SandboxSeller.with(orders: Self.orders, seed: Self.seed) { seller in
            let crashed = try await sync(seller, fault: fault)
            #expect(crashed.status == 86, "the fault point \(fault) was reached: \(crashed.stderr)")
            #expect(crashed.stderr.contains("fault point"))
            let rerun = try await sync(seller)
            #expect(rerun.status <= 1, "\(rerun.stderr)")
            return try await state(of: seller)
        }
        #expect(recovered == expected, "after \(fault):\n\(recovered)\n--- expected ---\n\(expected)")
        // Exactly one file per invoice: nothing was attached twice.
        #expect(recovered.remote.allSatisfy { !$0.contains("×2") })
    }
}
