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
        let settings = try OrderSettings(configuration.orders, timeZone: configuration.seller.timeZone, resolve: resolver.resolve)
        let processor = try OrderProcessor(
            rules: ruleSet, settings: settings, issueDate: BusinessDate(session.options.now, in: settings.timeZone),
            seller: configuration.seller.details)

        let remoteWarehouses = try await client.getInventoryWarehouses()
        let setup = WarehouseSetup(settings: configuration.warehouses, sellerCountry: configuration.seller.country)

        let orders = try await fetch(settings)
        summary.orders.fetched = orders.count
        let documented = try store.read { try $0.ordersWithDocuments(among: orders.map { Int64($0.id) }) }
        let todo = orders.filter { !documented.contains(Int64($0.id)) }
        summary.orders.skipped = orders.count - todo.count

        let batch = OrderBatch(
            processor: processor, statusNames: resolver.names, settings: settings, usesCursor: settings.statuses.isEmpty,
            logger: session.logger)
        if session.options.dryRun {
            try batch.dryRun(todo, setup: { tx in _ = try setup.apply(remote: remoteWarehouses, in: tx) }, store: store, into: &summary)
        } else {
            try store.write { tx in _ = try setup.apply(remote: remoteWarehouses, in: tx) }
            try await batch.run(todo, store: store, into: &summary)
            try store.makeDurable()
            FaultPoint.batchDurable.reach()
            let drain = OutboxDrain(
                client: client, store: store, printer: DocumentPrinter(seller: configuration.seller.details),
                seriesId: configuration.baselinker.invoiceSeriesId, logger: session.logger)
            let sent = try await drain.drain()
            summary.outbox.sent = sent.sent
            summary.outbox.pending = sent.pending
            summary.outbox.unreachable = sent.unreachable
            summary.outbox.failed = sent.failures.map { SyncSummary.OutboxProblem(orderId: $0.orderId, reason: $0.description) }
        }
        summary.requests = client.requestCounts.total - requestsBefore
        return summary
    }

    /// With statuses selected, every order in each of them confirmed since `from`; with none,
    /// the orders confirmed since the cursor.
    private func fetch(_ settings: OrderSettings) async throws -> [Order] {
        let fetcher = OrderFetcher(client: session.client)
        let from = settings.fromTimestamp ?? 0
        guard settings.statuses.isEmpty else {
            return try await fetcher.orders(inStatuses: settings.statuses, confirmedFrom: from)
        }
        let cursor = try session.store.read { try $0.cursor(Self.cursorKey) }.flatMap(Int.init)
        return try await fetcher.orders(confirmedFrom: max(from, cursor ?? from))
    }
}
