import BaseLinkerModels
import FirminoStore
import Logging

/// The orders of one sync, decided and written in groups — one store transaction per group,
/// each order in a savepoint of its own, so that it is written all or nothing — or all inside
/// one rolled-back transaction for a dry run, counted into the summary.
///
/// A group holds up to ``groupSize`` orders: a commit writes every page the orders changed to
/// the log once, where a commit per order wrote the same pages again and again (a tenth of a
/// sync's time). A crash loses the group being written, never part of an order; nothing is sent
/// before the batch is made durable, and the next run decides the lost orders again.
struct OrderBatch {
    static let groupSize = 200

    let processor: OrderProcessor
    let statusNames: [Int: String]
    let settings: OrderSettings
    let logger: Logger
    var progress: @Sendable (SyncProgress) -> Void = { _ in }
    /// Asked before each order: once it answers true, no further order is begun.
    var shouldStop: @Sendable () -> Bool = { false }

    /// Decides and writes `orders` — one part of the orders read — within a deciding phase the
    /// caller begins and ends, adding each order decided to `decided`, the phase's count: all of
    /// them, or those before a stop was asked for. Yields between groups: a long batch does not
    /// hold a thread that other tasks of the process (an embedding server, a test's sandbox) need.
    func decide(_ orders: [Order], store: Store, into summary: inout SyncSummary, counting decided: inout Int) async throws {
        var next = orders.startIndex
        while next < orders.endIndex, !shouldStop() {
            let reports = try store.write { tx in
                var reports: [OrderReport] = []
                while next < orders.endIndex, reports.count < Self.groupSize, !shouldStop() {
                    let order = orders[next]
                    next += 1
                    let report = decide(order) { decided in
                        processor.report(decided, in: tx) { outcome, tx in
                            FaultPoint.orderWritten.reach()
                            if case .held(let reason) = outcome {
                                try tx.recordOrderTry(orderId: Int64(order.id), state: .held, reason: reason)
                            } else {
                                try tx.clearOrderIssue(orderId: Int64(order.id))
                            }
                        }
                    }
                    if case .failed(let failure) = report.outcome { try recordFailure(order, failure, in: tx) }
                    reports.append(report)
                }
                return reports
            }
            for report in reports {
                if case .issued = report.outcome { FaultPoint.orderCommitted.reach() }
                log(report)
                summary.count(report)
                decided += 1
                progress(.advanced(.deciding, done: decided))
            }
            await Task.yield()
        }
    }

    /// Decides and writes every order inside `tx`, each in a savepoint; the caller rolls the
    /// transaction back (a dry run).
    func dryRun(_ orders: [Order], in tx: StoreTransaction, into summary: inout SyncSummary) {
        progress(.began(.deciding, total: orders.count))
        defer { progress(.ended(.deciding, done: orders.count)) }
        for (index, order) in orders.enumerated() {
            defer { progress(.advanced(.deciding, done: index + 1)) }
            let report = decide(order) { decided in
                var decisions = OrderDecisions()
                let outcome: OrderOutcome
                do {
                    outcome = try tx.inSavepoint { try processor.process(decided, in: tx, decisions: &decisions) }
                } catch {
                    outcome = .failed(.of(error, orderId: order.id))
                }
                return OrderReport(orderId: order.id, outcome: outcome, decisions: decisions)
            }
            summary.count(report)
            summary.plan.append(SyncSummary.PlannedOrder(report))
        }
    }

    /// The order made exact for the hooks and decided by `body`; an order whose data cannot
    /// be issued fails without running any hook.
    private func decide(_ order: Order, _ body: (SyncOrder) -> OrderReport) -> OrderReport {
        do {
            return body(try SyncOrder(order, statusNames: statusNames))
        } catch {
            return OrderReport(orderId: order.id, outcome: .failed(error), decisions: OrderDecisions())
        }
    }

    /// The order's trace (each hook's answer and the `ctx.log` lines) at info level, and its
    /// failure at warning level.
    private func log(_ report: OrderReport) {
        let metadata: Logger.Metadata = ["order_id": "\(report.orderId)"]
        for line in report.decisions.trace { logger.info("\(line)", metadata: metadata) }
        if case .failed(let failure) = report.outcome {
            logger.warning("order failed: \(failure)", metadata: metadata)
        }
    }

    /// Records the failed try (for `orders list`), and queues `status_failed` — unless
    /// BaseLinker already shows the order in that status (an order failing again on every
    /// sync, as one that holds the cursor back does, is not sent the same status again and
    /// again).
    private func recordFailure(_ order: Order, _ failure: OrderFailure, in tx: StoreTransaction) throws {
        try tx.recordOrderTry(
            orderId: Int64(order.id), state: .failed, reason: failure.description, kind: failure.kind.description)
        guard let status = settings.statusFailed, order.statusID != status else { return }
        try tx.enqueueOutbox(kind: .setOrderStatus, payload: SetOrderStatus(orderId: order.id, statusId: status))
    }
}

extension SyncSummary {
    /// Counts one order's report.
    mutating func count(_ report: OrderReport) {
        let decisions = report.decisions
        switch report.outcome {
        case .issued(let inserted):
            orders.accepted += 1
            orders.documents[inserted.document.type.rawValue, default: 0] += 1
            contractors.count(decisions.contractor)
            for line in decisions.lines { products.count(line.product) }
            let document = inserted.document
            if document.saleDate > document.issueDate {
                warn(.futureSaleDate,
                    "order \(report.orderId): the sale date \(document.saleDate) of \(document.number) is after the day of issue "
                        + "\(document.issueDate): BaseLinker's date_confirmed is in the future; check the order")
            }
            for level in inserted.negativeLevels {
                warn(.negativeStock,
                    "order \(report.orderId): product \(level.productId) is at \(level.quantity) in warehouse \(level.warehouseId)")
            }
        case .turnedDown:
            orders.rejected += 1
        case .held(let reason):
            orders.accepted += 1
            orders.held.append(Problem(orderId: report.orderId, reason: reason))
        case .failed(let failure):
            // An order accept_order took before a later step failed still counts as accepted.
            if decisions.accepted { orders.accepted += 1 }
            orders.failed.append(Problem(orderId: report.orderId, reason: failure.description, kind: failure.kind.description))
        }
    }
}

extension SyncSummary.Linking {
    mutating func count<Fields>(_ link: OrderDecisions.Link<Fields>?) {
        switch link {
        case .linked?: linked += 1
        case .created?: created += 1
        default: break
        }
    }
}

extension SyncSummary.Products {
    mutating func count(_ link: OrderDecisions.Link<ProductFields>?) {
        switch link {
        case .linked?: linked += 1
        case .created?: created += 1
        default: break
        }
    }
}

extension SyncSummary.PlannedOrder {
    /// What the dry run says of an order.
    init(_ report: OrderReport) {
        orderId = report.orderId
        switch report.outcome {
        case .issued(let inserted):
            outcome = "issued"
            documentType = inserted.document.type.rawValue
            number = inserted.document.number
        case .turnedDown(let reason):
            outcome = "turned_down"
            self.reason = reason
        case .held(let reason):
            outcome = "held"
            documentType = nil
            self.reason = reason
        case .failed(let failure):
            outcome = "failed"
            documentType = report.decisions.documentType?.rawValue
            reason = failure.description
        }
    }
}
