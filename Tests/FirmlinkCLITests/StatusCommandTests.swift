import BaseLinkerModels
import BaseLinkerSandbox
import FirminoStore
import Foundation
import Testing

/// `firmlink status [--json]` (docs/json.md): the store, the cursors, the last runs with how
/// each ended, the outbox backlog, the failed and held orders.
struct StatusCommandTests {
    @Test("after a sync: the run with its outcome, duration and summary, the failed orders, an empty outbox")
    func afterASync() async throws {
        try await SandboxSeller.with { seller in
            let sync = try await seller.firmlink(["sync", "--json"])
            #expect(sync.status == 1, "\(sync.stderr)")
            let synced = try sync.json()

            let status = try await seller.json(["status"])
            #expect(status.keys == ["cursors", "orders", "outbox", "runs", "store"], "\(status)")
            #expect(status["store"]?["exists"] == .bool(true))
            #expect(status["store"]?["documents"]?.integer == synced["orders"]?["documents"]?.objectValue?.values.compactMap(\.integer).reduce(0, +))
            let runs = try #require(status["runs"]?.arrayValue)
            #expect(runs.count == 1)
            let run = runs[0]
            #expect(run.keys == ["duration_seconds", "error", "finished_at", "id", "outcome", "started_at", "summary"], "\(run)")
            #expect(run["outcome"]?.stringValue == "partial", "an order failed: \(run)")
            if case .double(let seconds)? = run["duration_seconds"] {
                #expect(seconds > 0 && seconds < 300)
            } else if run["duration_seconds"]?.integer == nil {
                Issue.record("duration_seconds is a number: \(run)")
            }
            #expect(run["error"]?.isNull == true)
            #expect(run["summary"]?["orders"] == synced["orders"], "the run's summary is the sync's")

            let failedIds = Set((synced["orders"]?["failed"]?.arrayValue ?? []).compactMap { $0["order_id"]?.integer })
            let listed = try #require(status["orders"]?["failed"]?.arrayValue)
            #expect(Set(listed.compactMap { $0["order_id"]?.integer }) == failedIds)
            #expect(listed.allSatisfy { $0["tries"]?.integer == 1 && !($0["reason"]?.stringValue ?? "").isEmpty })
            #expect(status["outbox"]?["pending"]?.integer == 0)
            let cursors = status["cursors"]?.keys ?? []
            #expect(cursors.contains("baselinker.order_statuses"), "the cursors a sync keeps: \(cursors)")

            let text = try await seller.firmlink(["status"])
            #expect(text.status == 0)
            #expect(text.stdout.contains("partial"), "\(text.stdout)")
            #expect(text.stdout.contains("\(failedIds.count) failed"), "\(text.stdout)")
            #expect(!text.output.contains(SandboxSeller.token))
        }
    }

    @Test("a sync killed before sending leaves an interrupted run and the outbox backlog by kind; one that cannot reach BaseLinker is a failed run with its error")
    func interruptedAndFailed() async throws {
        try await SandboxSeller.with { seller in
            var environment = ["BASELINKER_TOKEN": SandboxSeller.token]
            environment["FIRMLINK_FAULT"] = "batch-durable:1"
            let crashed = try await seller.firmlink(["sync"], environment: environment)
            #expect(crashed.status == 86, "\(crashed.stderr)")

            let status = try await seller.json(["status"])
            #expect(status["runs"]?.arrayValue?.first?["outcome"]?.stringValue == "interrupted", "\(status)")
            let outbox = try #require(status["outbox"])
            #expect((outbox["pending"]?.integer ?? 0) > 0, "\(outbox)")
            let kinds = try #require(outbox["kinds"]?.arrayValue)
            #expect(Set(kinds.compactMap { $0["kind"]?.stringValue }) == ["attach_invoice", "set_order_status"], "\(kinds)")
            #expect(kinds.allSatisfy { $0.keys == ["kind", "last_error", "oldest", "pending", "tried"] }, "\(kinds)")
            #expect(kinds.compactMap { $0["pending"]?.integer }.reduce(0, +) == outbox["pending"]?.integer)

            await seller.sandbox.stop()
            let unreachable = try await seller.firmlink(["sync"])
            #expect(unreachable.status == 2)
            let after = try await seller.json(["status"])
            let last = try #require(after["runs"]?.arrayValue?.first)
            #expect(last["outcome"]?.stringValue == "failed", "\(last)")
            let error = last["error"]?.stringValue ?? ""
            #expect(error.contains("Connection refused") || error.contains("could not connect"), "\(last)")
            #expect(after["runs"]?.arrayValue?.count == 2)
            let text = try await seller.firmlink(["status"])
            #expect(text.stdout.contains("interrupted") && text.stdout.contains("failed"), "\(text.stdout)")
            #expect(text.stdout.contains("attach_invoice"), "\(text.stdout)")
        }
    }

    @Test("before the first sync it says there is no store yet")
    func noStoreYet() async throws {
        try await SandboxSeller.with { seller in
            let text = try await seller.firmlink(["status"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("none yet"), "\(text.stdout)")
            let json = try await seller.json(["status"])
            #expect(json["store"]?["exists"] == .bool(false))
            #expect(!FileManager.default.fileExists(atPath: seller.folder.url.appendingPathComponent("firmlink.sqlite").path),
                    "status makes no store")
        }
    }
}
