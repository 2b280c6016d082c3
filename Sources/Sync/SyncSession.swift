public import BaseLinker
public import Config
public import FirminoStore
public import Foundation
public import Logging
public import LuaHost

/// A sync opened from a configuration: the one place that turns `firmlink.toml` into a running
/// sync. It checks what the run needs before anything is contacted (the token, the rules
/// script), takes the store's writer lock, opens the store with the configured numbering, and
/// makes the BaseLinker client. The command line and the tests open a sync this way, and only
/// this way.
///
/// A dry run on a store that does not exist yet works on an empty store in a temporary folder,
/// removed on ``close()``, so that it leaves no file behind.
public final class SyncSession {
    public struct Options: Sendable {
        /// Decide everything and roll it back; send nothing.
        public var dryRun: Bool
        /// The instant of the sync: its day (in the seller's timezone) is the issue date.
        public var now: Date
        /// Changes to the client's settings (timeouts, retries) beyond what the file says.
        public var tuneClient: @Sendable (inout BaseLinkerConfiguration) -> Void
        /// The limiter requests pass; nil: the process's one for the token (what a run uses).
        public var rateLimiter: RateLimiter?
        /// Told how the run goes (``SyncProgress``); by default nobody is.
        public var progress: @Sendable (SyncProgress) -> Void = { _ in }
        /// Asked between two orders, and between two outbox rows: once it answers true the run
        /// begins nothing more, records itself as stopped and returns its summary so far. A
        /// store transaction is never cut short.
        public var shouldStop: @Sendable () -> Bool = { false }
        /// How many orders are read before they are decided (a real run reads and decides them
        /// a part at a time), and how many queued invoices or status changes are read at a time
        /// to be sent. By default a part is as long as a `getOrders` page, and the next page is
        /// read while a part is decided.
        public var ordersPerPart = BaseLinkerClient.ordersPageSize

        public init(
            dryRun: Bool = false, now: Date = Date(), rateLimiter: RateLimiter? = nil,
            tuneClient: @escaping @Sendable (inout BaseLinkerConfiguration) -> Void = { _ in }
        ) {
            self.dryRun = dryRun
            self.now = now
            self.rateLimiter = rateLimiter
            self.tuneClient = tuneClient
        }
    }

    public let configuration: Configuration
    public let options: Options
    public let store: Store
    public let client: BaseLinkerClient
    let rules: RulesSource?
    let logger: Logger
    private let lock: StoreWriterLock
    private let scratchFolder: URL?

    /// Opens the sync. Throws ``Configuration/error(key:_:)``-style errors for what the file
    /// lacks, and ``StoreError`` when the store is busy or cannot be opened.
    public init(
        configuration: Configuration, options: Options = Options(), logger: Logger = Logger(label: "firmlink.sync")
    ) throws {
        self.configuration = configuration
        self.options = options
        self.logger = logger
        guard let token = configuration.baselinker.token else {
            throw ConfigurationError(
                file: configuration.file,
                message: "no BaseLinker token: set BASELINKER_TOKEN, or put token in [baselinker] of a private (chmod 600) file")
        }
        rules = try configuration.rules.script.map { path in
            guard let source = RulesSource(file: path) else {
                throw configuration.error(key: "rules.script", "the rules script \(path) cannot be read")
            }
            return source
        }
        var storePath = configuration.store.path
        var scratchFolder: URL?
        if options.dryRun, !FileManager.default.fileExists(atPath: storePath) {
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("firmlink-dry-run-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            scratchFolder = folder
            storePath = folder.appendingPathComponent("firmlink.sqlite").path
        }
        self.scratchFolder = scratchFolder
        do {
            // The lock first: a second sync is refused before it opens (and maybe migrates) the store.
            lock = try Store.lockForWriting(path: storePath)
            store = try Store(path: storePath, options: StoreOptions(numbering: configuration.numbering))
        } catch {
            if let scratchFolder { try? FileManager.default.removeItem(at: scratchFolder) }
            throw error
        }
        var clientConfiguration = BaseLinkerConfiguration(
            url: configuration.baselinker.url, token: token.reveal(),
            requestsPerMinute: configuration.baselinker.requestsPerMinute)
        let progress = options.progress
        clientConfiguration.onWait = { wait in
            switch wait {
            case .requestLimit(let duration): progress(.waiting(.requestLimit, duration))
            case .blockedToken(let duration): progress(.waiting(.blockedToken, duration))
            }
        }
        options.tuneClient(&clientConfiguration)
        client = BaseLinkerClient(
            configuration: clientConfiguration, rateLimiter: options.rateLimiter, logger: Logger(label: "firmlink.baselinker"))
    }

    /// Where the requests of the last minute are kept between runs.
    static let recentRequestsKey = "baselinker.recent_requests"

    /// The request limit holds across runs: the requests the last run sent in the past minute
    /// count in this one's window (a sync from cron, or one started after a kill, is not
    /// blocked at once), and this run's are kept as they go.
    func continueRequestWindow() async throws {
        try await rememberRequestWindow()
        guard !options.dryRun else { return }
        let store = store
        await client.rateLimiter.keep { requests in Self.keepRequestWindow(requests, in: store) }
    }

    /// Counts the requests the last run sent in the past minute in this run's window.
    func rememberRequestWindow() async throws {
        let kept = try store.read { try $0.cursor(Self.recentRequestsKey) }
        let instants = kept.flatMap { try? JSONDecoder().decode([Double].self, from: Data($0.utf8)) } ?? []
        await client.rateLimiter.remember(instants.map(Date.init(timeIntervalSince1970:)))
    }

    /// Keeps the window's requests in the store for the next run (its own short transaction).
    static func keepRequestWindow(_ requests: [Date], in store: Store) {
        let instants = requests.map(\.timeIntervalSince1970)
        guard let json = try? JSONEncoder().encode(instants) else { return }
        try? store.write { try $0.setCursor(recentRequestsKey, to: String(decoding: json, as: UTF8.self)) }
    }

    /// The modules of a sync, in the order they run.
    public enum Module: String, CaseIterable, Sendable {
        case warehouses, products, orders
    }

    /// Runs the enabled modules — or only `module` — in order: warehouses, products, orders, then
    /// the stock push, under one rate limiter, with one summary; records the run in the store
    /// (a dry run records nothing): how it ended, and the error that ended it. Throws for what
    /// stops the whole run; an order's or a product's failure is in the summary.
    public func sync(only module: Module? = nil) async throws -> SyncSummary {
        // Checks that fail before anything starts are not runs.
        try Self.check(configuration, only: module)
        let modules = Self.modules(configuration, only: module)
        let runId = options.dryRun ? nil : try store.write { try $0.startRun(pid: ProcessInfo.processInfo.processIdentifier) }
        do {
            let summary = try await run(modules)
            if let runId {
                let outcome: RunOutcome = options.shouldStop() ? .stopped : summary.exitStatus == 0 ? .done : .partial
                let encoded = try summary.json()
                try store.write { try $0.finishRun(id: runId, summary: encoded, outcome: outcome) }
            }
            return summary
        } catch {
            if let runId { try? store.write { try $0.failRun(id: runId, error: "\(error)") } }
            throw error
        }
    }

    private func run(_ modules: Set<Module>) async throws -> SyncSummary {
        let mode = configuration.products.mode
        let rules = try RuleSet(user: self.rules, limits: configuration.rules.limits)
        try await continueRequestWindow()
        let requestsBefore = client.requestCounts.total
        var summary = SyncSummary()
        summary.dryRun = options.dryRun
        summary.modules = Module.allCases.filter(modules.contains).map(\.rawValue)

        let warehouses = try await WarehouseSync.prepare(self, enabled: modules.contains(.warehouses))
        let linked = try store.read { try $0.cursor(ProductPull.firminoLinkedKey) }
        let linking = mode == .firmino && linked == nil
        let pull: ProductPull? = switch mode {
        case .baselinker? where modules.contains(.products): try await ProductPull.prepare(self, style: .source, rules: rules)
        case .firmino? where modules.contains(.products) && linking: try await ProductPull.prepare(self, style: .link, rules: rules)
        default: nil
        }
        let orders = modules.contains(.orders) ? try await OrderSync.prepare(self, rules: rules) : nil

        if options.dryRun {
            struct RollBack: Error {}
            do {
                try store.write { tx in
                    summary.count(try warehouses.apply(in: tx))
                    if let pull { summary.products.plan += try pull.apply(in: tx, into: &summary) }
                    orders?.dryRun(in: tx, into: &summary)
                    throw RollBack()
                }
            } catch is RollBack {}
            if mode == .firmino, modules.contains(.products), !linking {
                summary.products.plan += try await ProductPush.prepare(self).plan()
            }
        } else {
            summary.count(try store.write { tx in try warehouses.apply(in: tx) })
            // Levels BaseLinker has already: those of the cards made from its products (their
            // opening levels are its own) and of the cards the product push adds with theirs.
            var stockSent = ProductPush.StockSent()
            if let pull {
                let plan = try store.write { tx in try pull.apply(in: tx, into: &summary) }
                if pull.style == .link {
                    stockSent.asOf = try store.write { tx in
                        try tx.setCursor(ProductPull.firminoLinkedKey, to: "1")
                        return try tx.lastStockMovementId()
                    }
                    stockSent.products = Set(plan.filter { $0.action == "created" }.compactMap(\.productId))
                }
            }
            var catalog = pull?.catalog
            if mode == .firmino, modules.contains(.products) {
                // After linking, every card is compared with the listing just read: the cards
                // made from BaseLinker's products are as it has them, and are not sent back; the
                // seller's own cards linked to them are, where they differ.
                let push = try await ProductPush.prepare(self, catalog: catalog, listing: pull?.items)
                catalog = push.catalog
                let added = try await push.run(into: &summary).stockSent
                stockSent.products.formUnion(added.products)
                stockSent.asOf = max(stockSent.asOf, added.asOf)
            }
            if let orders { try await orders.run(into: &summary) }
            // The stock push belongs to the warehouses module, and runs after the orders.
            if mode == .firmino, configuration.warehouses.pushStock, modules.contains(.warehouses), !options.shouldStop() {
                let opened = if let catalog { catalog } else { try await BaseLinkerCatalog.open(self) }
                var push = StockPush(session: self, catalog: opened)
                push.alreadySent = stockSent
                try await push.run(into: &summary)
            }
        }
        summary.requests = client.requestCounts.total - requestsBefore
        summary.rules = SyncSummary.Rules(hookCalls: rules.calls, hookSeconds: Double(rules.nanoseconds) / 1e9)
        summary.closeWarnings()
        return summary
    }

    /// What a sync of the enabled modules (or only `module`) needs of the file and can be checked
    /// without BaseLinker or the store: a command calls it before it opens a session, so that a
    /// sync refused for its configuration leaves no store behind.
    public static func check(_ configuration: Configuration, only module: Module? = nil) throws {
        let modules = modules(configuration, only: module)
        if modules.contains(.orders) { try OrderSync.check(configuration) }
        if modules.contains(.products), configuration.products.mode == nil {
            throw configuration.error(key: "products.mode", "choose the products mode to sync products: baselinker, firmino or manual")
        }
    }

    /// The modules `[modules]` turns on, or only `module`.
    private static func modules(_ configuration: Configuration, only module: Module?) -> Set<Module> {
        Set(Module.allCases.filter { candidate in
            if let module { return candidate == module }
            switch candidate {
            case .warehouses: return configuration.modules.warehouses
            case .products: return configuration.modules.products
            case .orders: return configuration.modules.orders
            }
        })
    }

    /// Releases the lock, the store and the client, and removes a dry run's scratch store.
    public func close() async {
        await client.rateLimiter.keep(with: nil)
        lock.release()
        try? store.close()
        try? await client.shutdown()
        if let scratchFolder { try? FileManager.default.removeItem(at: scratchFolder) }
    }

    /// Opens a session, runs `body` with it and closes it, whatever happens.
    public static func with<T>(
        _ configuration: Configuration, options: Options = Options(), logger: Logger = Logger(label: "firmlink.sync"),
        _ body: (SyncSession) async throws -> T
    ) async throws -> T {
        let session = try SyncSession(configuration: configuration, options: options, logger: logger)
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }
}

extension SyncSummary {
    /// The summary as `sync --json` prints it: snake_case keys, sorted.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
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
