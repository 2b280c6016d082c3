import BaseLinker
import BaseLinkerModels
import Config
import FirminoStore
import Foundation
import LuaHost

/// The orders module (docs/architecture.md, "One order's path"): resolve statuses, put
/// warehouses in step, read the orders to consider, decide and write each one in its own store
/// transaction, make the batch durable, then send the outbox.
///
/// The `date_confirmed` cursor (used when no status is selected) moves only past orders that
/// were committed or turned down; a failed or held order keeps it where it is, so the next run
/// reads that order again. In a dry run every order is decided and written inside one
/// transaction that is rolled back, and nothing is sent.
struct OrderSync {
    static let cursorKey = "orders.date_confirmed"

    let session: SyncSession

    /// Runs the module and returns its summary. Throws for what stops the whole run (a bad
    /// configuration, BaseLinker unreachable, a rules script that does not load); a single
    /// order's failure is in the summary instead.
    func run() async throws -> SyncSummary {
        let (configuration, client, store) = (session.configuration, session.client, session.store)
        let requestsBefore = client.requestCounts.total
        var summary = SyncSummary()
        summary.dryRun = session.options.dryRun

        // Everything that can be checked here is, before BaseLinker is asked anything.
        guard configuration.orders.from != nil else {
            throw configuration.error(
                key: "orders.from", "set the date from which orders are pulled, such as from = \"2026-11-01\"")
        }
        try configuration.checkSellerCanIssue()
        let ruleSet = try RuleSet(user: session.rules, limits: configuration.rules.limits)
        let resolver = StatusResolver(statuses: try await client.getOrderStatusList(), configuration: configuration)
        if configuration.orders.statuses == .unset { throw resolver.chooseStatuses() }
        if !session.options.dryRun { try store.write { try resolver.save(in: $0) } }
        let settings = try OrderSettings(configuration.orders, timeZone: configuration.seller.timeZone, resolve: resolver.resolve)
        let processor = try OrderProcessor(
            rules: ruleSet, settings: settings, issueDate: BusinessDate(session.options.now, in: settings.timeZone),
            seller: configuration.seller.details)

        let remoteWarehouses = try await client.getInventoryWarehouses()
        let setup = WarehouseSetup(settings: configuration.warehouses, sellerCountry: configuration.seller.country)

        let orders = try await fetch(settings)
        summary.orders.fetched = orders.count
        let documented = try store.read { try $0.ordersWithDocuments(among: orders.map { Int64($0.id) }) }
        var todo = orders.filter { !documented.contains(Int64($0.id)) }
        summary.orders.skipped = orders.count - todo.count

        // Orders skipped by hand (`orders skip`) are never taken again.
        let skipped = Dictionary(
            uniqueKeysWithValues: try store.read { try $0.orderIssues(state: .skipped) }.map { ($0.orderId, $0.reason) })
        summary.orders.setAside = todo.compactMap { order in
            skipped[Int64(order.id)].map { SyncSummary.Problem(orderId: order.id, reason: $0) }
        }
        todo.removeAll { skipped[Int64($0.id)] != nil }

        // An order BaseLinker already holds an invoice for gets no second document.
        if !todo.isEmpty {
            let index = InvoiceIndex(client: client, store: store)
            let added = try await index.newInvoices(from: settings.fromTimestamp ?? 0)
            var invoiced = try store.read { try $0.baselinkerInvoices(forOrders: todo.map { Int64($0.id) }) }
            for invoice in added where invoiced[invoice.orderId] == nil { invoiced[invoice.orderId] = invoice }
            if !session.options.dryRun { try index.record(added) }
            summary.orders.alreadyInvoiced = todo.compactMap { order in
                invoiced[Int64(order.id)].map { SyncSummary.Invoiced(orderId: order.id, number: $0.shownNumber) }
            }
            todo.removeAll { invoiced[Int64($0.id)] != nil }
        }

        let batch = OrderBatch(processor: processor, statusNames: resolver.names, settings: settings, logger: session.logger)
        if session.options.dryRun {
            try batch.dryRun(todo, setup: { tx in try setup.apply(remote: remoteWarehouses, in: tx) }, store: store, into: &summary)
        } else {
            summary.count(try store.write { tx in try setup.apply(remote: remoteWarehouses, in: tx) })
            try await batch.run(todo, store: store, into: &summary)
            if settings.statuses.isEmpty { try moveCursor(past: orders, leaving: summary.orders) }
            try store.makeDurable()
            FaultPoint.batchDurable.reach()
            let drain = OutboxDrain(
                client: client, store: store, printer: DocumentPrinter(seller: configuration.seller.details),
                seriesId: configuration.baselinker.invoiceSeriesId, logger: session.logger)
            let sent = try await drain.drain()
            summary.outbox.sent = sent.sent
            summary.outbox.pending = sent.pending
            summary.outbox.unreachable = sent.unreachable
            summary.warnings += sent.dropped
            summary.outbox.failed = sent.failures.map { SyncSummary.OutboxProblem(orderId: $0.orderId, reason: $0.description) }
        }
        summary.requests = client.requestCounts.total - requestsBefore
        return summary
    }

    /// Moves the `date_confirmed` cursor past the orders settled in this run — issued, turned
    /// down, documented before, invoiced in BaseLinker, skipped by hand — up to the first that
    /// is not (failed or held), which the next run reads again. An order dated after the sync
    /// (a clock gone wrong) is taken but never carries the cursor: it would hide the orders
    /// confirmed in between.
    private func moveCursor(past orders: [Order], leaving unsettled: SyncSummary.Orders) throws {
        let waiting = Set((unsettled.failed + unsettled.held).map(\.orderId))
        let now = Int(session.options.now.timeIntervalSince1970)
        var cursor: Int?
        for order in orders {  // oldest confirmation first
            if waiting.contains(order.id) { break }
            if let confirmed = order.dateConfirmed, confirmed <= now { cursor = confirmed }
        }
        guard let cursor else { return }
        try session.store.write { tx in
            if let kept = try tx.cursor(Self.cursorKey).flatMap(Int.init), kept >= cursor { return }
            try tx.setCursor(Self.cursorKey, to: String(cursor))
        }
    }

    /// With statuses selected, every order in each of them confirmed since `from`; with none,
    /// the orders confirmed since the cursor. Orders marked for a retry (`orders retry`) are
    /// read by id when the listing does not hold them (the cursor may have passed them).
    private func fetch(_ settings: OrderSettings) async throws -> [Order] {
        let fetcher = OrderFetcher(client: session.client)
        let from = settings.fromTimestamp ?? 0
        var orders: [Order]
        if settings.statuses.isEmpty {
            let cursor = try session.store.read { try $0.cursor(Self.cursorKey) }.flatMap(Int.init)
            orders = try await fetcher.orders(confirmedFrom: max(from, cursor ?? from))
        } else {
            orders = try await fetcher.orders(inStatuses: settings.statuses, confirmedFrom: from)
        }
        let listed = Set(orders.map(\.id))
        let retried = try session.store.read { try $0.orderIssues(state: .retry) }.map { Int($0.orderId) }
        for id in retried where !listed.contains(id) {
            orders += try await fetcher.order(id: id)
        }
        return orders.sorted(by: OrderFetcher.confirmationOrder)
    }
}
