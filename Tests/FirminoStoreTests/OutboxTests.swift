import Foundation
import Testing
import FirminoStore

struct OutboxTests {
    struct AttachInvoice: Codable, Equatable {
        var orderId: Int64
        var number: String
    }

    @Test("pending rows come oldest first; failures count and keep the last error; done rows leave the queue")
    func lifecycle() throws {
        let test = try TestStore()
        let (first, second) = try test.store.write { tx throws in
            (
                try tx.enqueueOutbox(kind: .attachInvoice, payload: AttachInvoice(orderId: 1, number: "FV/1/11/2026")),
                try tx.enqueueOutbox(kind: .setOrderStatus, payload: Data(#"{"order_id": 1, "status_id": 7}"#.utf8))
            )
        }
        try test.store.read { reader throws in
            let pending = try reader.pendingOutbox()
            #expect(pending.map(\.id) == [first.id, second.id])
            #expect(pending.map(\.kind) == [.attachInvoice, .setOrderStatus])
            #expect(try pending[0].decodePayload(AttachInvoice.self) == AttachInvoice(orderId: 1, number: "FV/1/11/2026"))
            #expect(pending[0].attempts == 0)
            #expect(pending[0].createdAt == test.clock.now)
            #expect(try reader.pendingOutbox(kind: .setOrderStatus).map(\.id) == [second.id])
            #expect(try reader.pendingOutbox(kind: .attachInvoice, limit: 1).map(\.id) == [first.id])
            #expect(try reader.pendingOutbox(kind: .attachInvoice, after: first.id).isEmpty, "a page after the last row")
        }
        try test.store.write { tx throws in
            try tx.recordOutboxFailure(id: first.id, error: "HTTP 500")
            try tx.recordOutboxFailure(id: first.id, error: "timeout")
        }
        test.clock.advance(by: 60)
        try test.store.write { tx in try tx.markOutboxDone(id: second.id) }
        try test.store.read { reader throws in
            let item = try #require(try reader.outboxItem(id: first.id))
            #expect(item.attempts == 2)
            #expect(item.lastError == "timeout")
            #expect(!item.isDone)
            #expect(try reader.pendingOutbox().map(\.id) == [first.id])
            let done = try #require(try reader.outboxItem(id: second.id))
            #expect(done.doneAt == test.clock.now)
            #expect(done.attempts == 1)
        }
        try test.store.write { tx in try tx.markOutboxDone(id: second.id) }
        #expect(try test.store.read { try $0.outboxItem(id: second.id)?.attempts } == 1)
    }

    @Test("a begun try is counted before sending, stays visible if the process stops, and counts once")
    func begunAttempts() throws {
        let test = try TestStore()
        let item = try test.store.write { tx in try tx.enqueueOutbox(kind: .attachInvoice, payload: Data("{}".utf8)) }
        try test.store.write { try $0.beginOutboxAttempt(id: item.id) }
        var read = try #require(try test.store.read { try $0.outboxItem(id: item.id) })
        #expect(read.attempts == 1)
        #expect(read.unfinishedAttempt)
        // The process stopped here; the next run begins again, then fails.
        try test.store.write { try $0.beginOutboxAttempt(id: item.id) }
        try test.store.write { try $0.recordOutboxFailure(id: item.id, error: "HTTP 502") }
        read = try #require(try test.store.read { try $0.outboxItem(id: item.id) })
        #expect(read.attempts == 2)
        #expect(!read.unfinishedAttempt)
        #expect(read.lastError == "HTTP 502")
        try test.store.write { try $0.beginOutboxAttempt(id: item.id) }
        try test.store.write { try $0.markOutboxDone(id: item.id) }
        read = try #require(try test.store.read { try $0.outboxItem(id: item.id) })
        #expect(read.attempts == 3)
        #expect(read.isDone && !read.unfinishedAttempt)
        #expect(throws: StoreError.self) { try test.store.write { try $0.beginOutboxAttempt(id: 999) } }
    }

    @Test("rows tied to a document are found by it; bad JSON and unknown rows are refused")
    func documentsAndErrors() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            let document = try tx.insertDocument(receiptDraft(orderId: 8, lines: [
                DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("1.00"), vatRate: .standard),
            ]))
            let item = try tx.enqueueOutbox(kind: .attachInvoice, payload: Data("{}".utf8), documentId: document.document.id)
            #expect(try tx.outboxItems(documentId: document.document.id).map(\.id) == [item.id])
            let error = #expect(throws: StoreError.self) {
                try tx.enqueueOutbox(kind: .pushStock, payload: Data("{not json".utf8))
            }
            #expect(error?.message.contains("push_stock") == true)
            #expect(throws: StoreError.self) { try tx.recordOutboxFailure(id: 999, error: "x") }
            #expect(throws: StoreError.self) { try tx.markOutboxDone(id: 999) }
        }
    }

    @Test("cursors are named values that can be set, replaced and removed")
    func cursors() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            try tx.setCursor("orders.date_confirmed", to: "100")
            try tx.setCursor("journal.last_log_id", to: "5")
            try tx.setCursor("orders.date_confirmed", to: "200")
        }
        try test.store.read { reader throws in
            #expect(try reader.cursor("orders.date_confirmed") == "200")
            #expect(try reader.cursor("missing") == nil)
            #expect(try reader.cursors() == ["orders.date_confirmed": "200", "journal.last_log_id": "5"])
        }
        try test.store.write { try $0.removeCursor("journal.last_log_id") }
        #expect(try test.store.read { try $0.cursors().count } == 1)
    }

    @Test("runs keep their start, end and JSON summary, newest first")
    func runs() throws {
        let test = try TestStore()
        let first = try test.store.write { try $0.startRun() }
        test.clock.advance(by: 5)
        try test.store.write { try $0.finishRun(id: first, summary: Data(#"{"orders":{"fetched":3}}"#.utf8)) }
        let second = try test.store.write { try $0.startRun() }
        let runs = try test.store.read { try $0.runs() }
        #expect(runs.map(\.id) == [second, first])
        #expect(runs[1].finishedAt == runs[1].startedAt.addingTimeInterval(5))
        #expect(runs[1].summary.map { String(decoding: $0, as: UTF8.self) } == #"{"orders":{"fetched":3}}"#)
        #expect(runs[0].finishedAt == nil)
        #expect(throws: StoreError.self) { try test.store.write { try $0.finishRun(id: second, summary: Data("nope".utf8)) } }
    }
}
