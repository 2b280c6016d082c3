import BaseLinker
import BaseLinkerSandbox
import Config
import FirminoStore
import Foundation
import Logging
import Sync

/// A sandbox on a free port, a temporary folder with a store, and a configuration pointing at
/// both: what an end-to-end sync test needs. Made and cleaned up by ``withSyncHarness``.
final class SyncHarness: Sendable {
    let sandbox: SandboxServer
    let url: URL
    let folder: URL
    let token: String

    static let selected = [1001, 1002]  // Nowe zamówienia, Do wysłania
    static let documentIssued = 1006
    static let problem = 1007

    fileprivate init(sandbox: SandboxServer, url: URL, folder: URL, token: String) {
        self.sandbox = sandbox
        self.url = url
        self.folder = folder
        self.token = token
    }

    var storePath: String { folder.appendingPathComponent("firmlink.sqlite").path }

    /// The configuration of a seller using the sandbox; `orders` lines replace the default
    /// `[orders]` selection, `rules` is written to a rules script the configuration names.
    /// Products are off unless `products` gives the `[products]` keys; `warehouses` adds
    /// `[warehouses]` keys.
    func configuration(
        orders: String? = nil, rules: String? = nil, products: String? = nil, warehouses: String = "",
        modules: String? = nil
    ) throws -> Configuration {
        var seller = SandboxSellerConfiguration(url: url)
        seller.storePath = storePath
        seller.modules = modules ?? "orders = true\nwarehouses = true\nproducts = \(products != nil)"
        if let products { seller.products = products }
        seller.warehouses = warehouses
        if let orders { seller.orders = orders }
        if let rules {
            let path = folder.appendingPathComponent("rules.lua")
            try rules.write(to: path, atomically: true, encoding: .utf8)
            seller.extra = "\n[rules]\nscript = \"\(path.path)\"\n"
        }
        var configuration = try Configuration.parse(seller.text, file: "firmlink.toml")
        configuration.baselinker.token = Secret(token)
        return configuration
    }

    /// Runs `sync` (of the enabled modules, or `only` one) in-process, opened as the command
    /// line opens it, and returns the summary. Retries are quick, so that fault tests finish.
    func sync(
        _ configuration: Configuration, only module: SyncSession.Module? = nil, dryRun: Bool = false,
        requestTimeout: Duration = .seconds(30), ordersPerPart: Int = BaseLinkerClient.ordersPageSize
    ) async throws -> SyncSummary {
        try await session(configuration, dryRun: dryRun, requestTimeout: requestTimeout, ordersPerPart: ordersPerPart) {
            try await $0.sync(only: module)
        }
    }

    /// Opens a session as the command line does, with quick retries, and runs `body` in it.
    func session<T>(
        _ configuration: Configuration, dryRun: Bool = false, requestTimeout: Duration = .seconds(30),
        ordersPerPart: Int = BaseLinkerClient.ordersPageSize, _ body: (SyncSession) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .warning  // each order's trace is info: not in the test output
        var options = SyncSession.Options(dryRun: dryRun) { client in
            client.requestTimeout = requestTimeout
            client.retry = RetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(20), maxDelay: .milliseconds(100))
        }
        options.ordersPerPart = ordersPerPart
        return try await SyncSession.with(configuration, options: options, logger: logger, body)
    }

    /// Reads the store.
    func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        let store = try Store(path: storePath)
        defer { try? store.close() }
        return try store.read(body)
    }

    /// What the sandbox served since `before` (requests per method; methods with none left out).
    func requests(since before: SandboxStats) async -> [String: Int] {
        let now = await sandbox.stats.requests
        return now.compactMapValues { $0 }.reduce(into: [:]) { result, entry in
            let count = entry.value - (before.requests[entry.key] ?? 0)
            if count > 0 { result[entry.key] = count }
        }
    }

    /// The orders a sync with the default configuration should take: in a selected status and
    /// confirmed since 2026-11-01.
    func takenOrders() async -> [SandboxOrder] {
        let from = Int(SandboxAccount.defaultOrdersStart.timeIntervalSince1970)
        return await sandbox.account.orders().filter {
            Self.selected.contains($0.statusId) && $0.confirmed && $0.dateConfirmed >= from
        }
    }

    /// Taken orders with something to issue (the sandbox also sends an order without lines).
    func issuableOrders() async -> [SandboxOrder] {
        await takenOrders().filter { !$0.lines.isEmpty || $0.deliveryPrice > 0 }
    }

    func documents() throws -> [Document] {
        let store = try Store(path: storePath)
        defer { try? store.close() }
        return try store.read { try $0.documents() }
    }
}

/// Starts a sandbox of `orders` seeded orders and a temporary folder, runs `body` with them,
/// then stops the sandbox and removes the folder, whatever `body` did.
func withSyncHarness<T>(
    seed: UInt64 = 7, orders: Int = 60, products: Int = 40, faults: SandboxFaults = .none, timeoutDelay: TimeInterval = 60,
    token: String = "sandbox", _ body: (SyncHarness) async throws -> T
) async throws -> T {
    var configuration = SandboxConfiguration(
        token: token, seed: seed, orders: orders, products: products, requestsPerMinute: 0, faults: faults)
    configuration.timeoutDelay = timeoutDelay
    let sandbox = SandboxServer(configuration)
    let url = try await sandbox.start()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firmlink-sync-\(UUID().uuidString)")
    let harness = SyncHarness(sandbox: sandbox, url: url, folder: folder, token: token)
    let result: Result<T, any Error>
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        result = .success(try await body(harness))
    } catch {
        result = .failure(error)
    }
    await sandbox.stop()
    try? FileManager.default.removeItem(at: folder)
    return try result.get()
}
