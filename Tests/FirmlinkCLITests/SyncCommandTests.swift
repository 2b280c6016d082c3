import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

/// `firmlink sync [--dry-run] [--json]` against a sandbox (docs/json.md): the summary's keys and
/// types, the exit status, the plain-text summary, and a dry run that writes and sends nothing.
struct SyncCommandTests {
    /// Ids of the sandbox's orders in the statuses `sandboxConfiguration` takes.
    func takenOrders(_ sandbox: SandboxServer) async -> Set<Int> {
        Set(await sandbox.account.orders().filter { [1001, 1002].contains($0.statusId) }.map(\.id))
    }

    /// The orders that cannot get a document: no lines and free delivery.
    func orderIdsWithNothingToIssue(_ sandbox: SandboxServer) async -> Set<Int> {
        Set(await sandbox.account.orders()
            .filter { [1001, 1002].contains($0.statusId) && $0.lines.isEmpty && $0.deliveryPrice == 0 }.map(\.id))
    }

    @Test("sync --json has every documented key with its type, and an order that failed makes the status 1")
    func jsonSummary() async throws {
        try await SandboxSeller.with { seller in
            let taken = await takenOrders(seller.sandbox)
            let nothingToIssue = await orderIdsWithNothingToIssue(seller.sandbox)
            try #require(!nothingToIssue.isEmpty, "the seeded account has an order without lines and free delivery")

            let result = try await seller.firmlink(["sync", "--json"])
            #expect(result.status == 1, "an order failed: \(result.stderr)")
            #expect(!result.output.contains(SandboxSeller.token))
            let summary = try result.json()

            let orders = try #require(summary["orders"], "\(summary)")
            let fetched = try #require(orders["fetched"]?.integer)
            let accepted = try #require(orders["accepted"]?.integer)
            #expect(fetched == Int64(taken.count), "every order in a selected status is read once")
            let skipped = orders["skipped"]?.integer ?? 0
            let rejected = orders["rejected"]?.integer ?? 0

            let documents = try #require(orders["documents"]?.objectValue, "documents is an object of counts")
            #expect(Set(documents.keys) == ["receipt", "invoice", "invoice_wdt", "invoice_export"], "every type, 0 or not: \(documents.keys)")
            #expect(documents.values.allSatisfy { $0.integer != nil }, "\(documents)")
            let issued = documents.values.compactMap(\.integer).reduce(0, +)
            #expect(issued > 0)

            let failed = try #require(orders["failed"]?.arrayValue)
            let held = try #require(orders["held"]?.arrayValue)
            for problem in failed + held {
                #expect(problem.keys.contains("order_id") && problem.keys.contains("reason"), "\(problem)")
                #expect(problem["order_id"]?.integer != nil && !(problem["reason"]?.stringValue ?? "").isEmpty, "\(problem)")
            }
            #expect(issued + Int64(held.count) <= accepted && accepted <= fetched)
            #expect(issued + Int64(held.count + failed.count) + rejected + skipped == fetched,
                    "every fetched order is issued, held, failed, not taken or skipped: \(orders)")
            // Every failure here comes after accept_order took the order (the trace says
            // `accept_order → true`), so `accepted` — "orders accept_order took" — counts it.
            #expect(accepted == fetched - rejected - skipped, "\(orders)")
            let outbox = try #require(summary["outbox"]?.objectValue)
            #expect(Set(outbox.keys) == ["sent", "pending", "failed", "unreachable"], "every key, even a null one: \(outbox.keys)")
            #expect(outbox["unreachable"] == .null)
            for id in nothingToIssue {
                let problem = try #require(failed.first { $0["order_id"]?.integer == Int64(id) }, "order \(id) failed: \(failed)")
                #expect(problem["reason"]?.stringValue?.contains("nothing to issue") == true, "\(problem)")
            }

            for (section, keys) in [("contractors", ["linked", "created"]), ("products", ["linked", "created", "pushed", "pulled"]),
                                    ("stock", ["pushed"])] {
                for key in keys {
                    #expect(summary[section]?[key]?.integer != nil, "\(section).\(key) is a whole number: \(summary)")
                }
            }
            #expect((summary["contractors"]?["created"]?.integer ?? 0) > 0)
            #expect((summary["products"]?["created"]?.integer ?? 0) > 0)
            let requests = try #require(summary["requests"]?.integer)
            let served = await seller.sandbox.stats.totalRequests
            #expect(requests == Int64(served), "requests counts what BaseLinker served")

            // status_after and status_failed were set on BaseLinker's orders.
            let after = Dictionary(uniqueKeysWithValues: await seller.sandbox.account.orders().map { ($0.id, $0.statusId) })
            let failedIds = Set(failed.compactMap { $0["order_id"]?.integer.map(Int.init) })
            for id in taken {
                #expect(after[id] == (failedIds.contains(id) ? 1007 : 1006), "order \(id)")
            }
        }
    }

    @Test("the plain-text summary reads as a report and lists the failed orders with their reasons")
    func textSummary() async throws {
        try await SandboxSeller.with { seller in
            let nothingToIssue = await orderIdsWithNothingToIssue(seller.sandbox)
            let result = try await seller.firmlink(["sync"])
            #expect(result.status == 1, "\(result.stderr)")
            let text = result.stdout
            #expect(text.hasPrefix("Sync finished."), "\(text)")
            for label in ["Orders fetched", "accepted", "Documents issued", "Contractors linked / created",
                          "Products linked / created", "Sent to BaseLinker", "BaseLinker requests",
                          "Failed orders (nothing was written for them):"] {
                #expect(text.contains(label), "\(label) in:\n\(text)")
            }
            for id in nothingToIssue {
                #expect(result.lines.contains { $0.hasPrefix("  \(id): ") && $0.contains("nothing to issue") }, "\(text)")
            }
            #expect(!text.contains("{"), "not JSON")
            #expect(!result.output.contains(SandboxSeller.token))
        }
    }

    @Test("FIRMLINK_LOG_LEVEL=info writes each order's trace to standard error; standard output stays the JSON")
    func traceInTheLog() async throws {
        try await SandboxSeller.with(orders: 8) { seller in
            let quiet = try await seller.firmlink(["sync", "--dry-run", "--json"])
            #expect(!quiet.stderr.contains("document_type →"), "no trace by default: \(quiet.stderr)")
            let traced = try await seller.firmlink(
                ["sync", "--json"], environment: ["BASELINKER_TOKEN": SandboxSeller.token, "FIRMLINK_LOG_LEVEL": "info"])
            let summary = try traced.json()
            let failed = summary["orders"]?["failed"]?.arrayValue ?? []
            let taken = await takenOrders(seller.sandbox)
            for id in taken {
                #expect(traced.stderr.contains("order_id=\(id)"), "order \(id) in:\n\(traced.stderr)")
            }
            #expect(traced.stderr.contains("accept_order → true"), "\(traced.stderr)")
            for problem in failed {
                let id = try #require(problem["order_id"]?.integer)
                #expect(traced.stderr.split(separator: "\n").contains { $0.contains("order failed") && $0.contains("order_id=\(id)") })
            }
            #expect(!traced.output.contains(SandboxSeller.token))
        }
    }

    @Test("a second sync finds nothing new, issues nothing and exits with 0")
    func secondSyncIsQuiet() async throws {
        try await SandboxSeller.with { seller in
            let first = try await seller.json(["sync"], statuses: [1])
            let listed = try await seller.json(["documents", "list"])
            let second = try await seller.json(["sync"], statuses: [0])
            #expect(second["orders"]?["documents"]?.objectValue?.values.allSatisfy { $0 == .int(0) } == true, "\(second)")
            #expect(second["orders"]?["failed"]?.arrayValue?.isEmpty == true, "\(second)")
            let relisted = try await seller.json(["documents", "list"])
            #expect(relisted == listed, "the store is as the first sync left it")
            #expect(first["orders"]?["documents"] != second["orders"]?["documents"])
        }
    }

    @Test("sync --dry-run --json decides every order but writes no document and sends nothing to BaseLinker")
    func dryRun() async throws {
        try await SandboxSeller.with { seller in
            let before = await seller.sandbox.account.orders().map { "\($0.id):\($0.statusId)" }
            let result = try await seller.firmlink(["sync", "--dry-run", "--json"])
            #expect(result.status == 1, "the order without lines would fail: \(result.stderr)")
            let summary = try result.json()
            #expect(summary["dry_run"] == .bool(true), "\(summary)")
            let planned = try #require(summary["orders"]?["documents"]?.objectValue)
            #expect(!planned.isEmpty, "the dry run says what would be issued")
            // The plan: an object per order, every key present (null where it does not apply).
            let plan = try #require(summary["plan"]?.arrayValue)
            #expect(plan.count == summary["orders"]?["fetched"]?.integer.map(Int.init), "\(plan)")
            for entry in plan {
                let keys = try #require(entry.objectValue?.keys)
                #expect(Set(keys) == ["order_id", "outcome", "document_type", "number", "reason"], "\(entry)")
            }
            #expect(plan.contains { $0["outcome"]?.stringValue == "issued" && $0["number"]?.stringValue != nil })
            #expect(plan.contains { $0["outcome"]?.stringValue == "failed" && $0["reason"]?.stringValue != nil })
            let left = try FileManager.default.contentsOfDirectory(atPath: seller.folder.url.path)
            #expect(!left.contains { $0.hasPrefix("firmlink.sqlite") }, "a first dry run makes no store: \(left)")

            let listed = try await seller.firmlink(["documents", "list"])
            #expect(listed.status == 2 && listed.stderr.contains("no store"), "nothing was written: \(listed.stderr)")

            let stats = await seller.sandbox.stats
            for write in ["addInvoice", "addOrderInvoiceFile", "setOrderStatus", "updateInventoryProductsStock"] {
                #expect(stats.requests[write, default: 0] == 0, "\(write) was sent: \(stats.requests)")
            }
            let invoices = await seller.sandbox.account.invoices()
            #expect(invoices.isEmpty)
            let after = await seller.sandbox.account.orders().map { "\($0.id):\($0.statusId)" }
            #expect(after == before, "no order changed status")

            // The real run then issues exactly what the dry run planned.
            let real = try await seller.json(["sync"], statuses: [1])
            #expect(real["orders"]?["documents"]?.objectValue == planned)
        }
    }

    @Test("sync orders runs the orders module; an unknown module is a usage error")
    func moduleArgument() async throws {
        try await SandboxSeller.with { seller in
            let orders = try await seller.json(["sync", "orders"], statuses: [1])
            #expect((orders["orders"]?["fetched"]?.integer ?? 0) > 0)
            let unknown = try await seller.firmlink(["sync", "invoices"])
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("invoices"), "\(unknown.stderr)")
        }
    }
}
