import BaseLinker
import BaseLinkerSandbox
import Config
import FirminoStore
import Foundation
import Logging
import Sync

/// A sandbox on a free port, a temporary folder with a store, and a configuration pointing at
/// both: what an end-to-end sync test needs. Call ``stop()`` at the end.
final class SyncHarness: Sendable {
    let sandbox: SandboxServer
    let url: URL
    let folder: URL

    static let selected = [1001, 1002]  // Nowe zamówienia, Do wysłania
    static let documentIssued = 1006
    static let problem = 1007

    init(seed: UInt64 = 7, orders: Int = 60, faults: SandboxFaults = .none, timeoutDelay: TimeInterval = 60) async throws {
        var configuration = SandboxConfiguration(seed: seed, orders: orders, products: 40, requestsPerMinute: 0, faults: faults)
        configuration.timeoutDelay = timeoutDelay
        sandbox = SandboxServer(configuration)
        url = try await sandbox.start()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("firmlink-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func stop() async {
        await sandbox.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var storePath: String { folder.appendingPathComponent("firmlink.sqlite").path }

    /// The configuration of a seller using the sandbox; `orders` lines replace the defaults.
    func configuration(orders: String? = nil, rules: String? = nil) throws -> Configuration {
        let ordersSection = orders ?? """
            statuses = ["Nowe zamówienia", "Do wysłania"]
            status_after = "Dokument wystawiony"
            status_failed = "Problem z zamówieniem"
            """
        var text = """
            [baselinker]
            url = "\(url.absoluteString)"
            requests_per_minute = 0

            [store]
            path = "\(storePath)"

            [seller]
            name = "Sklep Przykład sp. z o.o."
            tax_id = "PL5260001246"
            address = "ul. Prosta 1"
            postcode = "00-001"
            city = "Warszawa"

            [orders]
            from = "2026-11-01"
            \(ordersSection)

            [warehouses]
            map = { bl_1 = 1, bl_2 = 2, bl_3 = 3 }
            countries = { bl_3 = "DE" }
            """
        if let rules {
            let path = folder.appendingPathComponent("rules.lua")
            try rules.write(to: path, atomically: true, encoding: .utf8)
            text += "\n[rules]\nscript = \"\(path.path)\"\n"
        }
        var configuration = try Configuration.parse(text, file: "firmlink.toml")
        configuration.baselinker.token = Secret("sandbox")
        return configuration
    }

    /// Runs `sync orders` in-process and returns the summary.
    func sync(
        _ configuration: Configuration, dryRun: Bool = false, requestTimeout: Duration = .seconds(30)
    ) async throws -> SyncSummary {
        let store = try Store(path: configuration.store.path)
        let client = BaseLinkerClient(
            configuration: BaseLinkerConfiguration(
                url: configuration.baselinker.url, token: "sandbox", requestsPerMinute: 0,
                requestTimeout: requestTimeout,
                retry: RetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(20), maxDelay: .milliseconds(100))))
        var logger = Logger(label: "test")
        logger.logLevel = .warning  // each order's trace is info: not in the test output
        let sync = OrderSync(
            configuration: configuration, client: client, store: store,
            rules: try configuration.rules.script.map(RulesSource.init(file:)), logger: logger)
        let outcome: Result<SyncSummary, any Error>
        do {
            outcome = .success(try await sync.run(OrderSync.Options(dryRun: dryRun)))
        } catch {
            outcome = .failure(error)
        }
        try await client.shutdown()
        try store.close()
        return try outcome.get()
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
