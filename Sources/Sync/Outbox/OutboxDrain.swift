import BaseLinker
import BaseLinkerModels
import FirminoStore
import Foundation
import Logging

/// Sends the outbox to BaseLinker once the batch it stems from is durable: invoice printouts
/// (`addInvoice` + `addOrderInvoiceFile`) and order statuses (`setOrderStatuses`, one call per
/// status for up to 100 orders).
///
/// Every row's try is counted in the store *before* anything is sent. A row tried before, or a
/// document with a BaseLinker invoice id, is looked up with `getInvoices` first: an invoice
/// that already carries our number means the file is there; one in our series without a file
/// is the invoice an earlier, interrupted try made. So a retry after a crash or an answer lost
/// in transit never attaches a second file. Status changes are idempotent and are simply sent
/// again.
final class OutboxDrain {
    struct Result: Sendable {
        var sent = 0
        /// Rows that failed twice in this run, as ``OrderFailure/Kind/outbox`` failures.
        var failures: [OrderFailure] = []
        var pending = 0
        /// Set when sending stopped because BaseLinker could not be reached: why.
        var unreachable: String?
        /// Writes dropped because their order is gone from BaseLinker, each saying so.
        var dropped: [String] = []
    }

    /// Rows in a row that found BaseLinker unreachable (each after the client's own retries)
    /// before the drain stops and leaves the rest queued: an outage ends the run, not the
    /// patience of whoever waits for it.
    static let unreachableAfter = 3

    private let client: BaseLinkerClient
    private let store: Store
    private let printer: DocumentPrinter
    private let configuredSeries: Int
    private let logger: Logger
    /// Told how many rows are to send and how many went, as they go.
    var progress: @Sendable (SyncProgress) -> Void = { _ in }
    /// Rows read at a time.
    var pageSize = 1_000
    /// Asked before each row: once it answers true, the rest stays queued for the next run.
    var shouldStop: @Sendable () -> Bool = { false }
    private var series: Int?
    /// Connection failures in a row, and the last one's message.
    private var unreachableRun = 0
    private var lastUnreachable = ""

    /// `seriesId`: the `invoice_series_id` of `[baselinker]`; 0 takes the account's first
    /// invoice series.
    init(client: BaseLinkerClient, store: Store, printer: DocumentPrinter, seriesId: Int, logger: Logger) {
        self.client = client
        self.store = store
        self.printer = printer
        configuredSeries = seriesId
        self.logger = logger
    }

    /// Sends every pending row; a row that fails is tried once more after the others, then
    /// left for the next run with its error.
    func drain() async throws -> Result {
        var result = Result()
        var failed: [Int64: OrderFailure] = [:]
        progress(.began(.sending, total: try store.read { try $0.pendingOutboxCount() }))
        defer { progress(.ended(.sending, done: result.sent)) }
        passes: for pass in 1...2 {
            failed = [:]
            // Invoices a page at a time: a first sync of many orders queues many, and each is
            // sent on its own.
            var invoices = 0
            var after: Int64 = 0
            while case let page = try store.read({ try $0.pendingOutbox(kind: .attachInvoice, after: after, limit: max(pageSize, 1)) }),
                  let last = page.last {
                after = last.id
                invoices += page.count
                for item in page {
                    if isUnreachable || shouldStop() { break passes }
                    do {
                        try await attach(item)
                        reached()
                        result.sent += 1
                        progress(.advanced(.sending, done: result.sent))
                    } catch {
                        failed[item.id] = try record(error, for: item)
                    }
                }
            }
            if isUnreachable || shouldStop() { break }
            // Statuses: only the last one queued for an order is sent, and they go out a
            // hundred orders a call.
            let (rows, statuses) = try latestStatuses(failed: &failed)
            if invoices == 0 && rows == 0 { break }
            result.sent += try await setStatuses(statuses, failed: &failed, result: &result)
            if failed.isEmpty || isUnreachable { break }
            logger.info("outbox: \(failed.count) rows failed on pass \(pass)")
        }
        result.failures = failed.sorted { $0.key < $1.key }.map(\.value)
        result.pending = try store.read { try $0.pendingOutboxCount() }
        if isUnreachable {
            result.unreachable = lastUnreachable
            logger.error(
                "BaseLinker is unreachable (\(lastUnreachable)); stopped sending, \(result.pending) writes stay queued for the next run")
        }
        return result
    }

    // MARK: Invoices

    private func attach(_ item: OutboxItem) async throws {
        let payload = try item.decodePayload(AttachInvoice.self)
        guard let documentId = item.documentId, let document = try store.read({ try $0.document(id: documentId) }) else {
            throw OrderFailure(.outbox, orderId: payload.orderId, "the outbox row \(item.id) names no document")
        }
        let mayHaveBeenSent = item.attempts > 0 || document.baselinkerInvoiceId != nil
        try store.write { try $0.beginOutboxAttempt(id: item.id) }
        let series = try await invoiceSeries()
        var invoiceId = document.baselinkerInvoiceId.map(Int.init)
        if mayHaveBeenSent {
            let existing = try await client.getInvoices(InvoicesQuery(orderID: payload.orderId))
            if let attached = existing.first(where: { $0.externalInvoiceNumber == payload.number }) {
                logger.info("order \(payload.orderId): invoice \(attached.id) already carries \(payload.number)")
                try finish(item, document: document, invoiceId: attached.id)
                return
            }
            if invoiceId == nil {
                invoiceId = existing.first { $0.seriesID == series && $0.externalInvoiceNumber.isEmpty }?.id
            }
        }
        if invoiceId == nil {
            let added = try await client.addInvoice(orderID: payload.orderId, seriesID: series)
            FaultPoint.invoiceAdded.reach()
            try store.write { try $0.setBaseLinkerInvoiceId(documentId: document.id, invoiceId: Int64(added)) }
            FaultPoint.invoiceSaved.reach()
            invoiceId = added
        }
        let pdf = try printer.pdf(for: document)
        try await client.addOrderInvoiceFile(invoiceID: invoiceId!, file: pdf, externalInvoiceNumber: payload.number)
        FaultPoint.fileAttached.reach()
        try finish(item, document: document, invoiceId: invoiceId!)
    }

    private func finish(_ item: OutboxItem, document: Document, invoiceId: Int) throws {
        try store.write { tx in
            if document.baselinkerInvoiceId != Int64(invoiceId) {
                try tx.setBaseLinkerInvoiceId(documentId: document.id, invoiceId: Int64(invoiceId))
            }
            try tx.markDocumentSent(documentId: document.id)
            try tx.markOutboxDone(id: item.id)
        }
    }

    private func invoiceSeries() async throws -> Int {
        if let series { return series }
        if configuredSeries > 0 {
            series = configuredSeries
            return configuredSeries
        }
        guard let first = try await client.getSeries().first(where: { $0.type.uppercased() == "INVOICE" }) else {
            throw OrderFailure(
                .outbox, "BaseLinker has no invoice numbering series; add one, or set baselinker.invoice_series_id")
        }
        series = first.id
        return first.id
    }

    // MARK: Statuses

    /// A queued status change as sending needs it: its row and its order.
    private typealias StatusRow = (row: Int64, orderId: Int)

    /// The status queued last for each order, and how many rows were pending. The rows are read
    /// a page at a time and only their ids are kept: a first sync of many orders queues one per
    /// order. The rows a later one supersedes are closed: a status_failed still pending from an
    /// earlier run must not win over a later status_after.
    private func latestStatuses(failed: inout [Int64: OrderFailure]) throws -> (rows: Int, latest: [Int: [StatusRow]]) {
        var latest: [Int: (row: Int64, statusId: Int)] = [:]
        var superseded: [Int64] = []
        var rows = 0
        var after: Int64 = 0
        let decoder = JSONDecoder()
        while case let page = try store.read({ try $0.pendingOutbox(kind: .setOrderStatus, after: after, limit: max(pageSize, 1)) }),
              let last = page.last {
            after = last.id
            rows += page.count
            for item in page {  // oldest first
                do {
                    let payload = try item.decodePayload(SetOrderStatus.self, using: decoder)
                    if let earlier = latest[payload.orderId] { superseded.append(earlier.row) }
                    latest[payload.orderId] = (item.id, payload.statusId)
                } catch {
                    failed[item.id] = try record(error, for: item)
                }
            }
        }
        if !superseded.isEmpty {
            try store.write { tx in for row in superseded { try tx.markOutboxDone(id: row) } }
        }
        var groups: [Int: [StatusRow]] = [:]
        for (orderId, entry) in latest.sorted(by: { $0.key < $1.key }) {
            groups[entry.statusId, default: []].append((entry.row, orderId))
        }
        return (rows, groups)
    }

    /// Sends the statuses of `groups` (orders by status), a hundred orders a call.
    private func setStatuses(
        _ groups: [Int: [StatusRow]], failed: inout [Int64: OrderFailure], result: inout Result
    ) async throws -> Int {
        var sent = 0
        for (status, group) in groups.sorted(by: { $0.key < $1.key }) {
            for start in stride(from: 0, to: group.count, by: 100) {
                var chunk = Array(group[start..<min(start + 100, group.count)])
                // An order BaseLinker no longer has fails the whole call: it is dropped (and
                // its row closed, saying why) and the call sent again for the rest.
                while !chunk.isEmpty {
                    do {
                        if shouldStop() { return sent }
                        try await setStatus(status, of: chunk)
                        reached()
                        sent += chunk.count
                        progress(.advanced(.sending, done: result.sent + sent))
                        break
                    } catch let error as BaseLinkerError where error.code == .orderNotFound {
                        let missing = try await missingOrders(in: chunk.map(\.orderId), error: error)
                        guard !missing.isEmpty else {
                            for entry in chunk { failed[entry.row] = try record(error, row: entry.row, kind: .setOrderStatus, orderId: entry.orderId) }
                            break
                        }
                        try store.write { tx in
                            for entry in chunk where missing.contains(entry.orderId) {
                                try tx.closeOutboxRow(id: entry.row, reason: "BaseLinker has no order \(entry.orderId): its status was not set")
                            }
                        }
                        result.dropped += chunk.filter { missing.contains($0.orderId) }.map {
                            "order \($0.orderId) is no longer in BaseLinker: its status was not set"
                        }
                        chunk.removeAll { missing.contains($0.orderId) }
                    } catch {
                        for entry in chunk { failed[entry.row] = try record(error, row: entry.row, kind: .setOrderStatus, orderId: entry.orderId) }
                        if isUnreachable { return sent }
                        break
                    }
                }
            }
        }
        return sent
    }

    /// One `setOrderStatus(es)` call for `chunk`, its tries counted before and its rows closed after.
    private func setStatus(_ status: Int, of chunk: [StatusRow]) async throws {
        let orderIds = Array(Set(chunk.map(\.orderId))).sorted()
        try store.write { tx in for entry in chunk { try tx.beginOutboxAttempt(id: entry.row) } }
        if orderIds.count == 1 {
            try await client.setOrderStatus(orderID: orderIds[0], statusID: status)
        } else {
            try await client.setOrderStatuses(orderIDs: orderIds, statusID: status)
        }
        FaultPoint.statusSet.reach()
        try store.write { tx in for entry in chunk { try tx.markOutboxDone(id: entry.row) } }
    }

    /// Which of `orderIds` BaseLinker does not have: the one its message names, else those a
    /// look-up (`getOrders` by id, one each) does not find.
    private func missingOrders(in orderIds: [Int], error: BaseLinkerError) async throws -> Set<Int> {
        let named = Set(error.message.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) })
            .intersection(orderIds)
        if !named.isEmpty { return named }
        var missing = Set<Int>()
        for id in orderIds where try await client.getOrders(OrdersQuery(orderID: id)).isEmpty {
            missing.insert(id)
        }
        return missing
    }

    private var isUnreachable: Bool { unreachableRun >= Self.unreachableAfter }

    private func reached() { unreachableRun = 0 }

    private func record(_ error: any Error, for item: OutboxItem) throws -> OrderFailure {
        let orderId = (try? item.decodePayload(AttachInvoice.self).orderId)
            ?? (try? item.decodePayload(SetOrderStatus.self).orderId)
        return try record(error, row: item.id, kind: item.kind, orderId: orderId)
    }

    /// Counts a connection failure towards ``unreachableAfter``, logs the failure and records it
    /// on the row.
    private func record(_ error: any Error, row: Int64, kind: OutboxKind, orderId: Int?) throws -> OrderFailure {
        if let error = error as? BaseLinkerError, error.kind == .transport || error.kind == .inDoubt {
            unreachableRun += 1
            lastUnreachable = error.message
        } else {
            unreachableRun = 0
        }
        let message = (error as? OrderFailure)?.message ?? "\(error)"
        logger.warning("outbox row \(row) (\(kind.rawValue)) failed: \(message)")
        try store.write { try $0.recordOutboxFailure(id: row, error: message) }
        return OrderFailure(.outbox, orderId: orderId, message)
    }
}
