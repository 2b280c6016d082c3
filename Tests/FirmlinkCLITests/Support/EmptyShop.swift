import BaseLinkerSandbox
import Foundation

/// A seller starting from nothing: a sandbox of their own and an empty folder — no
/// `firmlink.toml` yet — for `firmlink init` to fill.
struct EmptyShop {
    let sandbox: SandboxServer
    let url: URL
    let folder: TemporaryFolder

    var configPath: String { folder.url.appendingPathComponent("firmlink.toml").path }

    /// Starts a sandbox of `orders` seeded orders (it accepts only ``SandboxSeller/token``),
    /// runs `body`, then stops it and removes the folder whatever happened.
    static func with<T>(orders: Int = 24, seed: UInt64 = 31, _ body: (EmptyShop) async throws -> T) async throws -> T {
        let sandbox = SandboxServer(
            SandboxConfiguration(token: SandboxSeller.token, seed: seed, orders: orders, products: 30, requestsPerMinute: 0))
        let url = try await sandbox.start()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            let result = try await body(EmptyShop(sandbox: sandbox, url: url, folder: folder))
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    /// `firmlink arguments…` in the folder, with `environment` (no token unless given).
    func firmlink(_ arguments: [String], environment: [String: String] = [:]) async throws -> FirmlinkProcess.Result {
        try await FirmlinkProcess.launch(arguments, in: folder.url, environment: environment)
    }

    /// The flags of `firmlink init --non-interactive` for the sandbox's seller.
    var answers: [String] {
        [
            "init", "--non-interactive", "--url", url.absoluteString, "--statuses", "Nowe zamówienia,1002",
            "--from", "2026-11-01", "--status-after", "Dokument wystawiony", "--status-failed", "1007",
            "--seller-name", "Sklep Przykład sp. z o.o.", "--seller-tax-id", "PL5260001246",
            "--seller-address", "ul. Prosta 1", "--seller-postcode", "00-001", "--seller-city", "Warszawa",
            "--map", "bl_1=1", "--map", "bl_2=2", "--map", "bl_3=3", "--country", "bl_3=DE",
        ]
    }
}
