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
///
/// A real run reads and decides the orders a part at a time
/// (``SyncSession/Options/ordersPerPart``), oldest confirmation first across the selected
/// statuses: memory stays the same for ten thousand orders or a million. A dry run reads every
/// order before it decides them in one transaction it rolls back.
struct OrderSync {
    static let cursorKey = "orders.date_confirmed"

    let session: SyncSession
    let settings: OrderSettings
    let batch: OrderBatch
    /// In a dry run, the orders read before deciding; nil when they are read a part at a time as
    /// they are decided.
    private let read: Read?
    private let invoices: InvoiceIndex
    /// Orders skipped by hand, with the reason given.
    private let skippedByHand: [Int64: String]

    /// Orders read, and which of them to decide.
    struct Read {
        /// Every order read, oldest confirmation first.
        var orders: [Order] = []
        /// The orders to decide: not documented, not skipped, not invoiced in BaseLinker.
        var todo: [Order] = []
        /// What reading found: fetched, skipped, set aside, already invoiced.
        var found = SyncSummary.Orders()
    }

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

        var batch = OrderBatch(processor: processor, statusNames: resolver.names, settings: settings, logger: session.logger)
        batch.progress = session.options.progress
        batch.shouldStop = session.options.shouldStop
        let invoices = InvoiceIndex(client: client, store: store, from: settings.fromTimestamp ?? 0)
        // Orders skipped by hand (`orders skip`) are never taken again. Read once: nothing else
        // writes the store while the sync holds it.
        let skippedByHand = Dictionary(
            uniqueKeysWithValues: try store.read { try $0.orderIssues(state: .skipped) }.map { ($0.orderId, $0.reason) })
        var read: Read?
        if session.options.dryRun {
            read = try await sortOut(
                try await fetch(session, settings), store: store, invoices: invoices, skippedByHand: skippedByHand)
        }
        return OrderSync(
            session: session, settings: settings, batch: batch, read: read, invoices: invoices, skippedByHand: skippedByHand)
    }

    /// Sets aside the orders that need no decision — documented, skipped by hand, invoiced in
    /// BaseLinker — and counts them.
    private static func sortOut(
        _ orders: [Order], store: Store, invoices: InvoiceIndex, skippedByHand skipped: [Int64: String]
    ) async throws -> Read {
        var read = Read(orders: orders)
        read.found.fetched = orders.count
        let documented = try store.read { try $0.ordersWithDocuments(among: orders.map { Int64($0.id) }) }
        var todo = orders.filter { !documented.contains(Int64($0.id)) }
        read.found.skipped = orders.count - todo.count

        read.found.setAside = todo.compactMap { order in
            skipped[Int64(order.id)].map { SyncSummary.Problem(orderId: order.id, reason: $0) }
        }
        todo.removeAll { skipped[Int64($0.id)] != nil }

        // An order BaseLinker already holds an invoice for gets no second document.
        if !todo.isEmpty {
            let invoiced = try await invoices.invoices(forOrders: todo.map { Int64($0.id) })
            read.found.alreadyInvoiced = todo.compactMap { order in
                invoiced[Int64(order.id)].map { SyncSummary.Invoiced(orderId: order.id, number: $0.shownNumber) }
            }
            todo.removeAll { invoiced[Int64($0.id)] != nil }
        }
        read.todo = todo
        return read
    }

    /// Decides and writes each order, moves the cursor, makes the batch durable and sends the
    /// outbox. A stop asked for (``SyncSession/Options/shouldStop``) ends the batch between two
    /// orders: the cursor stays before the first order not decided, and what the decided ones
    /// queued is sent only until the stop is seen again — the rest waits for the next run.
    func run(into summary: inout SyncSummary) async throws {
        let (configuration, client, store) = (session.configuration, session.client, session.store)
        try await runInParts(into: &summary)
        try store.makeDurable()
        FaultPoint.batchDurable.reach()
        let drain = OutboxDrain(
            client: client, store: store, printer: DocumentPrinter(seller: configuration.seller.details),
            seriesId: configuration.baselinker.invoiceSeriesId, logger: session.logger)
        drain.progress = session.options.progress
        drain.shouldStop = session.options.shouldStop
        drain.pageSize = session.options.ordersPerPart
        let sent = try await drain.drain()
        summary.outbox.sent = sent.sent
        summary.outbox.pending = sent.pending
        summary.outbox.unreachable = sent.unreachable
        summary.warnings += sent.dropped
        summary.outbox.failed = sent.failures.map { SyncSummary.OutboxProblem(orderId: $0.orderId, reason: $0.description) }
    }

    /// Reads the orders a part at a time, oldest confirmation first (the next page is read while
    /// a part is decided), and decides each part before reading on; with no status selected,
    /// moves the cursor as the orders are settled. The orders awaited from behind the cursor
    /// (``readAwaited(_:_:notIn:)``) that the listing did not hold come last.
    private func runInParts(into summary: inout SyncSummary) async throws {
        let store = session.store
        let progress = session.options.progress
        var listing = try Self.listing(session, settings)
        var cursor = CursorMove()
        // Orders failed, held or marked for a retry: once one needs no decision any more
        // (documented, or invoiced in BaseLinker), it is no longer awaited.
        var waiting = Set(try store.read { reader in
            try [OrderIssue.State.failed, .held, .retry].flatMap { try reader.orderIssues(state: $0) }
        }.map { Int($0.orderId) })
        var decided = 0
        progress(.began(.deciding, total: nil))
        defer { progress(.ended(.deciding, done: decided)) }

        func decide(_ part: [Order]) async throws -> Bool {
            let read = try await Self.sortOut(part, store: store, invoices: invoices, skippedByHand: skippedByHand)
            try invoices.recordAdded()
            summary.orders.merge(read.found)
            let settled = Set(part.map(\.id)).subtracting(read.todo.map(\.id))
                .subtracting(read.found.setAside.map(\.orderId)).intersection(waiting)
            if !settled.isEmpty {
                try store.write { tx in for id in settled { try tx.clearOrderIssue(orderId: Int64(id)) } }
                waiting.subtract(settled)
            }
            let before = decided
            try await batch.decide(read.todo, store: store, into: &summary, counting: &decided)
            let undecided = Set(read.todo.dropFirst(decided - before).map(\.id))
            if settings.statuses.isEmpty {
                try moveCursor(past: Array(read.orders.prefix { !undecided.contains($0.id) }), leaving: summary.orders, &cursor)
            }
            return undecided.isEmpty && !session.options.shouldStop()
        }

        while !session.options.shouldStop(),
              case let part = try await listing.next(max(session.options.ordersPerPart, 1)), !part.isEmpty {
            guard try await decide(part) else { return }
        }
        guard !session.options.shouldStop() else { return }
        let (orders, gone) = try await Self.readAwaited(session, settings, notIn: listing.seen)
        if !gone.isEmpty {
            try store.write { tx in for (id, _) in gone { try tx.clearOrderIssue(orderId: Int64(id)) } }
            summary.warnings += gone.map(\.why)
        }
        if !orders.isEmpty { _ = try await decide(orders.sorted(by: OrderFetcher.confirmationOrder)) }
    }

    /// The listing of the orders to consider: with statuses selected, those in each confirmed
    /// since `from`; with none, those confirmed since the cursor.
    private static func listing(_ session: SyncSession, _ settings: OrderSettings) throws -> OrderListing {
        let from = settings.fromTimestamp ?? 0
        let cursor = settings.statuses.isEmpty ? try session.store.read { try $0.cursor(cursorKey) }.flatMap(Int.init) : nil
        return OrderFetcher(client: session.client).listing(statuses: settings.statuses, confirmedFrom: max(from, cursor ?? from))
    }

    /// Decides every order inside `tx`, which the caller rolls back: a dry run.
    func dryRun(in tx: StoreTransaction, into summary: inout SyncSummary) {
        guard let read else { return }
        summary.orders.merge(read.found)
        batch.dryRun(read.todo, in: tx, into: &summary)
    }

    /// Where the cursor stands in a run that moves it part by part: once an order is left
    /// unsettled (failed or held), it moves no further.
    struct CursorMove {
        var blocked = false
    }

    /// Moves the `date_confirmed` cursor past the orders settled in this run — issued, turned
    /// down, documented before, invoiced in BaseLinker, skipped by hand — up to the first that
    /// is not (failed or held), which the next run reads again. An order dated after the sync
    /// (a clock gone wrong) is taken but never carries the cursor: it would hide the orders
    /// confirmed in between.
    private func moveCursor(past orders: [Order], leaving unsettled: SyncSummary.Orders, _ move: inout CursorMove) throws {
        guard !move.blocked else { return }
        let waiting = Set((unsettled.failed + unsettled.held).map(\.orderId))
        let now = Int(session.options.now.timeIntervalSince1970)
        var cursor: Int?
        for order in orders {  // oldest confirmation first
            if waiting.contains(order.id) {
                move.blocked = true
                break
            }
            if let confirmed = order.dateConfirmed, confirmed <= now { cursor = confirmed }
        }
        guard let cursor else { return }
        try session.store.write { tx in
            if let kept = try tx.cursor(Self.cursorKey).flatMap(Int.init), kept >= cursor { return }
            try tx.setCursor(Self.cursorKey, to: String(cursor))
        }
    }

    /// Reads by id the orders awaited that the listing did not hold: those marked for a retry
    /// (`orders retry`), whom the cursor may have passed; and with no status selected, those that
    /// failed or are held — one keeps the cursor before it, but one retried from behind the cursor
    /// and failing again would otherwise drop out of sight. An order BaseLinker no longer has,
    /// and a failed or held one confirmed before `from` (the start date was moved past it), is
    /// `gone`: no longer awaited, and said why.
    private static func readAwaited(
        _ session: SyncSession, _ settings: OrderSettings, notIn listed: Set<Int>
    ) async throws -> (orders: [Order], gone: [(id: Int, why: String)]) {
        let states: [OrderIssue.State] = settings.statuses.isEmpty ? [.retry, .failed, .held] : [.retry]
        let awaited = try session.store.read { reader in try states.flatMap { try reader.orderIssues(state: $0) } }
        let fetcher = OrderFetcher(client: session.client)
        let from = settings.fromTimestamp ?? 0
        var orders: [Order] = []
        var gone: [(id: Int, why: String)] = []
        for issue in awaited where !listed.contains(Int(issue.orderId)) {
            let id = Int(issue.orderId)
            guard let order = try await fetcher.order(id: id).first else {
                gone.append((id, "order \(id) (\(issue.state.rawValue)) is no longer in BaseLinker: it is no longer awaited"))
                continue
            }
            if issue.state != .retry, (order.dateConfirmed ?? 0) < from {
                gone.append((id, "order \(id) (\(issue.state.rawValue)) was confirmed before [orders] from: it is no longer awaited"))
                continue
            }
            orders.append(order)
        }
        return (orders, gone)
    }

    /// With statuses selected, every order in each of them confirmed since `from`; with none,
    /// the orders confirmed since the cursor. Orders marked for a retry (`orders retry`) are
    /// read by id when the listing does not hold them (the cursor may have passed them), and
    /// with no status selected the failed and held ones too.
    private static func fetch(_ session: SyncSession, _ settings: OrderSettings) async throws -> [Order] {
        let progress = session.options.progress
        progress(.began(.reading, total: nil))
        var listing = try listing(session, settings)
        var orders: [Order] = []
        while let order = try await listing.next() {
            orders.append(order)
            progress(.advanced(.reading, done: orders.count))
        }
        orders += try await readAwaited(session, settings, notIn: listing.seen).orders
        progress(.ended(.reading, done: orders.count))
        return orders.sorted(by: OrderFetcher.confirmationOrder)
    }
}
