public import BaseLinker
public import Config
public import FirminoStore
public import Foundation
public import LuaHost
public import Logging

/// `firmlink sync orders` (DESIGN §1 step 2, §6): resolve statuses, put warehouses in step,
/// read the orders to consider, decide and write each one in its own store transaction, make
/// the batch durable, then send the outbox.
///
/// The `date_confirmed` cursor (used when no status is selected) moves only past orders that
/// were committed or turned down; a failed or held order keeps it where it is, so the next run
/// reads that order again. In a dry run every order is decided and written inside one
/// transaction that is rolled back, and nothing is sent.
public final class OrderSync {
    public struct Options: Sendable {
        public var dryRun = false
        /// The instant of the sync: its day (in the seller's timezone) is the issue date.
        public var now = Date()
        public init(dryRun: Bool = false, now: Date = Date()) {
            self.dryRun = dryRun
            self.now = now
        }
    }

    static let cursorKey = "orders.date_confirmed"

    private let configuration: Configuration
    private let client: BaseLinkerClient
    private let store: Store
    private let rules: RulesSource?
    private let logger: Logger

    public init(
        configuration: Configuration, client: BaseLinkerClient, store: Store, rules: RulesSource?, logger: Logger
    ) {
        self.configuration = configuration
        self.client = client
        self.store = store
        self.rules = rules
        self.logger = logger
    }

    /// Runs the sync and returns its summary. Throws for what stops the whole run (a bad
    /// configuration, BaseLinker unreachable, a rules script that does not load); a single
    /// order's failure is in the summary instead.
    public func run(_ options: Options) async throws -> SyncSummary {
        let requestsBefore = client.requestCounts.total
        var summary = SyncSummary()
        summary.dryRun = options.dryRun

        let resolver = StatusResolver(statuses: try await client.getOrderStatusList(), configuration: configuration)
        let settings = try OrderSettings(configuration.orders, timeZone: configuration.seller.timeZone) { reference in
            let key = configuration.orders.statuses.contains(reference) ? "orders.statuses"
                : reference == configuration.orders.statusAfter ? "orders.status_after" : "orders.status_failed"
            return try resolver.resolve(reference, key: key)
        }
        guard let from = settings.fromTimestamp else {
            throw configuration.error(
                key: "orders.from", "set the date from which orders are pulled, such as from = \"2026-11-01\"")
        }
        let ruleSet = try RuleSet(user: rules, limits: configuration.rules.limits)
        let processor = try OrderProcessor(
            rules: ruleSet, settings: settings, issueDate: BusinessDate(options.now, in: settings.timeZone),
            seller: configuration.seller.details)

        let remoteWarehouses = try await client.getInventoryWarehouses()
        let setup = WarehouseSetup(settings: configuration.warehouses, sellerCountry: configuration.seller.country)

        let fetcher = OrderFetcher(client: client)
        let cursor = try store.read { try $0.cursor(Self.cursorKey) }.flatMap(Int.init)
        let orders = settings.statuses.isEmpty
            ? try await fetcher.orders(confirmedFrom: max(from, cursor ?? from))
            : try await fetcher.orders(inStatuses: settings.statuses, confirmedFrom: from)
        summary.orders.fetched = orders.count
        let documented = try store.read { try $0.ordersWithDocuments(among: orders.map { Int64($0.id) }) }
        let todo = orders.filter { !documented.contains(Int64($0.id)) }
        summary.orders.skipped = orders.count - todo.count

        let batch = OrderBatch(
            processor: processor, statusNames: resolver.names, settings: settings, usesCursor: settings.statuses.isEmpty,
            logger: logger)
        if options.dryRun {
            try batch.dryRun(todo, setup: setup, remoteWarehouses: remoteWarehouses, store: store, into: &summary)
        } else {
            try store.write { tx in _ = try setup.apply(remote: remoteWarehouses, in: tx) }
            try await batch.run(todo, store: store, into: &summary)
            try store.makeDurable()
            FaultPoint.batchDurable.reach()
            let drain = OutboxDrain(
                client: client, store: store, printer: DocumentPrinter(seller: configuration.seller.details),
                seriesId: configuration.baselinker.invoiceSeriesId, logger: logger)
            let sent = try await drain.drain()
            summary.outbox.sent = sent.sent
            summary.outbox.pending = sent.pending
            summary.outbox.failed = sent.failures.map { SyncSummary.OutboxProblem(orderId: $0.orderId, reason: $0.message) }
        }
        summary.requests = client.requestCounts.total - requestsBefore
        return summary
    }
}

extension Configuration.Seller {
    /// The seller as printed on documents.
    public var details: PartyDetails {
        PartyDetails(name: name, taxId: taxId, address: address, postcode: postcode, city: city, country: country)
    }
}

extension Configuration.Rules {
    /// The limits of one hook call.
    public var limits: LuaLimits {
        LuaLimits(instructions: instructions, timeout: .milliseconds(timeoutMilliseconds), memory: memoryMegabytes << 20)
    }
}
