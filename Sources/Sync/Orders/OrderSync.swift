import BaseLinker
import BaseLinkerModels
import Config
import FirminoStore
import Foundation
import LuaHost

/// The orders module (docs/architecture.md, "One order's path"): resolve statuses, read the
/// orders to consider, decide and write each one in its own store transaction, make the batch
/// durable, then send the outbox.
///
/// The `date_confirmed` cursor (used when no status is selected) moves only past orders that
/// were committed or turned down; a failed or held order keeps it where it is, so the next run
/// reads that order again. In a dry run every order is decided and written inside one
/// transaction that is rolled back, and nothing is sent.
struct OrderSync {
    static let cursorKey = "orders.date_confirmed"

    let session: SyncSession
    let settings: OrderSettings
    let batch: OrderBatch
    /// Every order read, oldest confirmation first.
    let orders: [Order]
    /// The orders to decide: not documented, not skipped, not invoiced in BaseLinker.
    let todo: [Order]
    /// What reading found: fetched, skipped, set aside, already invoiced.
    let found: SyncSummary.Orders
    private let invoices: InvoiceIndex
    private let newInvoices: [BaseLinkerInvoice]

    /// What can be checked without BaseLinker: run before anything is asked of it.
    static func check(_ configuration: Configuration) throws {
        guard configuration.orders.from != nil else {
            throw configuration.error(
                key: "orders.from", "set the date from which orders are pulled, such as from = \"2026-11-01\"")
        }
        try configuration.checkSellerCanIssue()
    }

    /// Resolves the statuses, reads the orders to consider and the invoices BaseLinker added,
    /// and sets aside what needs no decision. Throws for what stops the whole run (a bad
    /// configuration, BaseLinker unreachable).
    static func prepare(_ session: SyncSession, rules: RuleSet) async throws -> OrderSync {
        let (configuration, client, store) = (session.configuration, session.client, session.store)
        let resolver = StatusResolver(statuses: try await client.getOrderStatusList(), configuration: configuration)
        if configuration.orders.statuses == .unset { throw resolver.chooseStatuses() }
        if !session.options.dryRun { try store.write { try resolver.save(in: $0) } }
        let settings = try OrderSettings(configuration.orders, timeZone: configuration.seller.timeZone, resolve: resolver.resolve)
        let processor = try OrderProcessor(
            rules: rules, settings: settings, issueDate: BusinessDate(session.options.now, in: settings.timeZone),
            seller: configuration.seller.details)

        var found = SyncSummary.Orders()
        let orders = try await fetch(session, settings)
        found.fetched = orders.count
        let documented = try store.read { try $0.ordersWithDocuments(among: orders.map { Int64($0.id) }) }
        var todo = orders.filter { !documented.contains(Int64($0.id)) }
        found.skipped = orders.count - todo.count

        // Orders skipped by hand (`orders skip`) are never taken again.
        let skipped = Dictionary(
            uniqueKeysWithValues: try store.read { try $0.orderIssues(state: .skipped) }.map { ($0.orderId, $0.reason) })
        found.setAside = todo.compactMap { order in
            skipped[Int64(order.id)].map { SyncSummary.Problem(orderId: order.id, reason: $0) }
        }
        todo.removeAll { skipped[Int64($0.id)] != nil }

        // An order BaseLinker already holds an invoice for gets no second document.
        let index = InvoiceIndex(client: client, store: store)
        var added: [BaseLinkerInvoice] = []
        if !todo.isEmpty {
            added = try await index.newInvoices(from: settings.fromTimestamp ?? 0)
            var invoiced = try store.read { try $0.baselinkerInvoices(forOrders: todo.map { Int64($0.id) }) }
            for invoice in added where invoiced[invoice.orderId] == nil { invoiced[invoice.orderId] = invoice }
            found.alreadyInvoiced = todo.compactMap { order in
                invoiced[Int64(order.id)].map { SyncSummary.Invoiced(orderId: order.id, number: $0.shownNumber) }
            }
            todo.removeAll { invoiced[Int64($0.id)] != nil }
        }
        var batch = OrderBatch(processor: processor, statusNames: resolver.names, settings: settings, logger: session.logger)
        batch.progress = session.options.progress
        batch.shouldStop = session.options.shouldStop
        return OrderSync(
            session: session, settings: settings, batch: batch, orders: orders, todo: todo, found: found, invoices: index,
            newInvoices: added)
    }

    /// Decides and writes each order, moves the cursor, makes the batch durable and sends the
    /// outbox. A stop asked for (``SyncSession/Options/shouldStop``) ends the batch between two
    /// orders: the cursor stays before the first order not decided, and what the decided ones
    /// queued is sent only until the stop is seen again — the rest waits for the next run.
    func run(into summary: inout SyncSummary) async throws {
        let (configuration, client, store) = (session.configuration, session.client, session.store)
        summary.orders.merge(found)
        try invoices.record(newInvoices)
        let decided = try await batch.run(todo, store: store, into: &summary)
        if settings.statuses.isEmpty {
            let undecided = Set(todo.dropFirst(decided).map(\.id))
            try moveCursor(past: Array(orders.prefix { !undecided.contains($0.id) }), leaving: summary.orders)
        }
        try store.makeDurable()
        FaultPoint.batchDurable.reach()
        let drain = OutboxDrain(
            client: client, store: store, printer: DocumentPrinter(seller: configuration.seller.details),
            seriesId: configuration.baselinker.invoiceSeriesId, logger: session.logger)
        drain.progress = session.options.progress
        drain.shouldStop = session.options.shouldStop
        let sent = try await drain.drain()
        summary.outbox.sent = sent.sent
        summary.outbox.pending = sent.pending
        summary.outbox.unreachable = sent.unreachable
        summary.warnings += sent.dropped
        summary.outbox.failed = sent.failures.map { SyncSummary.OutboxProblem(orderId: $0.orderId, reason: $0.description) }
    }

    /// Decides every order inside `tx`, which the caller rolls back: a dry run.
    func dryRun(in tx: StoreTransaction, into summary: inout SyncSummary) {
        summary.orders.merge(found)
        batch.dryRun(todo, in: tx, into: &summary)
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
    private static func fetch(_ session: SyncSession, _ settings: OrderSettings) async throws -> [Order] {
        var fetcher = OrderFetcher(client: session.client)
        let progress = session.options.progress
        fetcher.read = { progress(.advanced(.reading, done: $0)) }
        progress(.began(.reading, total: nil))
        let from = settings.fromTimestamp ?? 0
        var orders: [Order]
        if settings.statuses.isEmpty {
            let cursor = try session.store.read { try $0.cursor(cursorKey) }.flatMap(Int.init)
            orders = try await fetcher.orders(confirmedFrom: max(from, cursor ?? from))
        } else {
            orders = try await fetcher.orders(inStatuses: settings.statuses, confirmedFrom: from)
        }
        let listed = Set(orders.map(\.id))
        let retried = try session.store.read { try $0.orderIssues(state: .retry) }.map { Int($0.orderId) }
        for id in retried where !listed.contains(id) {
            orders += try await fetcher.order(id: id)
        }
        progress(.ended(.reading, done: orders.count))
        return orders.sorted(by: OrderFetcher.confirmationOrder)
    }
}
