import BaseLinker
import FirminoStore
import Logging

/// The orders of one sync, decided and written one transaction each (or all inside one
/// rolled-back transaction for a dry run), counted into the summary.
struct OrderBatch {
    let processor: OrderProcessor
    let statusNames: [Int: String]
    let settings: OrderSettings
    /// Whether the `date_confirmed` cursor follows the orders (no status selected).
    let usesCursor: Bool
    let logger: Logger

    /// Yields between orders: a long batch does not hold a thread that other tasks of the
    /// process (an embedding server, a test's sandbox) need.
    func run(_ orders: [Order], store: Store, into summary: inout SyncSummary) async throws {
        var cursorMoves = usesCursor
        for order in orders {
            var report = OrderReport(orderId: order.id)
            do {
                let decided = try SyncOrder(order, statusNames: statusNames)
                try store.write { tx in
                    try processor.process(decided, in: tx, report: &report)
                    FaultPoint.orderWritten.reach()
                    if cursorMoves, !report.held {
                        try tx.setCursor(OrderSync.cursorKey, to: String(decided.dateConfirmed))
                    }
                }
                FaultPoint.orderCommitted.reach()
            } catch {
                report.failure = Self.reason(error)
                try recordFailure(order, store: store)
            }
            if report.failure != nil || report.held { cursorMoves = false }
            log(report)
            count(report, into: &summary)
            await Task.yield()
        }
    }

    /// Decides and writes every order inside one transaction, then rolls it all back.
    func dryRun(
        _ orders: [Order], setup: WarehouseSetup, remoteWarehouses: [InventoryWarehouse], store: Store,
        into summary: inout SyncSummary
    ) throws {
        struct RollBack: Error {}
        var counted = summary
        do {
            try store.write { tx in
                _ = try setup.apply(remote: remoteWarehouses, in: tx)
                for order in orders {
                    var report = OrderReport(orderId: order.id)
                    do {
                        let decided = try SyncOrder(order, statusNames: statusNames)
                        try tx.inSavepoint { try processor.process(decided, in: tx, report: &report) }
                    } catch {
                        report.failure = Self.reason(error)
                    }
                    count(report, into: &counted)
                    counted.plan.append(describe(report))
                }
                throw RollBack()
            }
        } catch is RollBack {}
        summary = counted
    }

    /// The order's trace (each hook's answer and the `ctx.log` lines) at info level, and its
    /// failure at warning level.
    private func log(_ report: OrderReport) {
        let metadata: Logger.Metadata = ["order_id": "\(report.orderId)"]
        for line in report.trace { logger.info("\(line)", metadata: metadata) }
        if let failure = report.failure { logger.warning("order failed: \(failure)", metadata: metadata) }
    }

    /// Why an order failed, without the order id the summary gives beside it.
    static func reason(_ error: any Error) -> String {
        (error as? OrderDataError)?.message ?? "\(error)"
    }

    /// Queues `status_failed` for an order that could not be processed — unless BaseLinker
    /// already shows it in that status (an order failing again on every sync, as one that
    /// holds the cursor back does, is not sent the same status again and again).
    private func recordFailure(_ order: Order, store: Store) throws {
        guard let status = settings.statusFailed, order.statusID != status else { return }
        _ = try store.write { tx in
            try tx.enqueueOutbox(kind: .setOrderStatus, payload: SetOrderStatus(orderId: order.id, statusId: status))
        }
    }

    private func count(_ report: OrderReport, into summary: inout SyncSummary) {
        if let failure = report.failure {
            // An order accept_order took before a later step failed still counts as accepted.
            if report.accepted == true { summary.orders.accepted += 1 }
            summary.orders.failed.append(.init(orderId: report.orderId, reason: failure))
            return
        }
        guard report.accepted == true else {
            summary.orders.rejected += 1
            return
        }
        summary.orders.accepted += 1
        if report.held {
            summary.orders.held.append(.init(orderId: report.orderId, reason: report.reason ?? "held for review"))
            return
        }
        if let document = report.document {
            summary.orders.documents[document.type.rawValue, default: 0] += 1
        }
        switch report.contractor {
        case .linked: summary.contractors.linked += 1
        case .created: summary.contractors.created += 1
        default: break
        }
        for line in report.lines {
            switch line.product {
            case .linked: summary.products.linked += 1
            case .created: summary.products.created += 1
            default: break
            }
        }
        for level in report.negativeLevels {
            summary.warnings.append(
                "order \(report.orderId): product \(level.productId) is at \(level.quantity) in warehouse \(level.warehouseId)")
        }
    }

    /// One line per order for the dry run's log.
    func describe(_ report: OrderReport) -> String {
        if let failure = report.failure { return "order \(report.orderId): would fail: \(failure)" }
        if report.accepted != true { return "order \(report.orderId): not taken: \(report.reason ?? "")" }
        if report.held { return "order \(report.orderId): held: \(report.reason ?? "")" }
        guard let document = report.document else { return "order \(report.orderId): nothing" }
        return "order \(report.orderId): \(document.type.rawValue) \(document.number), gross \(document.totalGross.decimalString) \(document.currency)"
    }
}
