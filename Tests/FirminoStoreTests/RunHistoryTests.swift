import Foundation
import Testing
@testable import FirminoStore

/// How runs end (migration v6) and the outbox backlog that `firmlink status` shows.
struct RunHistoryTests {
    @Test("a run ends done, partial or stopped with its summary, or failed with its error; its process is kept")
    func outcomes() throws {
        let test = try TestStore()
        let done = try test.store.write { try $0.startRun(pid: 4242) }
        test.clock.advance(by: 3)
        try test.store.write { try $0.finishRun(id: done, summary: Data("{}".utf8), outcome: .partial) }
        let failed = try test.store.write { try $0.startRun(pid: 4243) }
        try test.store.write { try $0.failRun(id: failed, error: "BaseLinker getOrders: no answer") }
        let running = try test.store.write { try $0.startRun() }

        let runs = try test.store.read { try $0.runs() }
        #expect(runs.map(\.id) == [running, failed, done])
        #expect(runs[2].outcome == .partial && runs[2].pid == 4242 && runs[2].error == nil)
        #expect(runs[2].finishedAt == runs[2].startedAt.addingTimeInterval(3))
        #expect(runs[1].outcome == .failed && runs[1].error == "BaseLinker getOrders: no answer" && runs[1].summary == nil)
        #expect(runs[1].finishedAt != nil)
        #expect(runs[0].outcome == nil && runs[0].finishedAt == nil && runs[0].pid == nil)
        #expect(throws: StoreError.self) { try test.store.write { try $0.failRun(id: 999, error: "x") } }
    }

    @Test("runs finished before v6 are done, or partial when their summary lists failed or held orders")
    func earlierRunsGetAnOutcome() throws {
        let test = try TestStore(migratedUpTo: "v5: products linked to a BaseLinker variant", rows: """
            INSERT INTO runs (id, started_at, finished_at, summary) VALUES
                (1, '2026-11-01 10:00:00.000', '2026-11-01 10:01:00.000', '{"orders":{"failed":[],"held":[]}}'),
                (2, '2026-11-02 10:00:00.000', '2026-11-02 10:01:00.000', '{"orders":{"failed":[{"order_id":1}],"held":[]}}'),
                (3, '2026-11-03 10:00:00.000', NULL, NULL);
            """)
        let outcomes = try test.store.read { try $0.runs() }.map { ($0.id, $0.outcome) }
        let outcome: (Int64) -> RunOutcome? = { id in outcomes.first { $0.0 == id }?.1 ?? nil }
        #expect(outcomes.count == 3)
        #expect(outcome(1) == .done)
        #expect(outcome(2) == .partial)
        #expect(outcome(3) == nil, "a run that never finished says nothing")
    }

    @Test("the backlog counts pending rows per kind, how many were tried, the oldest, and the error of the latest that failed")
    func backlog() throws {
        let test = try TestStore()
        let (first, second, status, sent) = try test.store.write { tx throws in
            (
                try tx.enqueueOutbox(kind: .attachInvoice, payload: Data(#"{"order_id": 1}"#.utf8)),
                try tx.enqueueOutbox(kind: .attachInvoice, payload: Data(#"{"order_id": 2}"#.utf8)),
                try tx.enqueueOutbox(kind: .setOrderStatus, payload: Data(#"{"order_id": 1, "status_id": 7}"#.utf8)),
                try tx.enqueueOutbox(kind: .setOrderStatus, payload: Data(#"{"order_id": 3, "status_id": 7}"#.utf8))
            )
        }
        let queued = test.clock.now
        test.clock.advance(by: 60)
        try test.store.write { tx in
            try tx.recordOutboxFailure(id: first.id, error: "HTTP 500")
            try tx.recordOutboxFailure(id: second.id, error: "timeout")
            try tx.recordOutboxFailure(id: first.id, error: "no answer")  // the row that failed last is `second`
            try tx.markOutboxDone(id: sent.id)
        }
        let backlog = try test.store.read { try $0.outboxBacklog() }
        #expect(backlog.map(\.kind) == [.attachInvoice, .setOrderStatus])
        #expect(backlog[0].pending == 2 && backlog[0].tried == 2 && backlog[0].oldest == queued)
        #expect(backlog[0].lastError == "timeout", "the latest row with an error, by id")
        #expect(backlog[1].pending == 1 && backlog[1].tried == 0 && backlog[1].lastError == nil)
        _ = status
        #expect(try test.store.read { try $0.documentCount() } == 0)
    }
}
