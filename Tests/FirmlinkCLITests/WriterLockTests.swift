import BaseLinkerModels
import BaseLinkerSandbox
import FirminoStore
import Foundation
import Testing

/// Only one sync writes a store at a time; a second one says so and exits non-zero
/// at once, instead of waiting.
struct WriterLockTests {
    @Test("a sync on a store whose writer lock another process holds exits with 2 at once, saying the store is busy")
    func busyStore() async throws {
        try await SandboxSeller.with(orders: 20) { seller in
            let store = try Store(path: seller.folder.url.appendingPathComponent("firmlink.sqlite").path)
            defer { try? store.close() }
            let lock = try store.lockForWriting()

            let refused = try await seller.firmlink(["sync", "--json"])
            #expect(refused.status == 2, "\(refused.stdout)\n\(refused.stderr)")
            #expect(refused.stderr.contains("busy"), "\(refused.stderr)")
            #expect(refused.stderr.contains("pid \(ProcessInfo.processInfo.processIdentifier)"), "the message names the process holding the lock: \(refused.stderr)")
            #expect(refused.stdout.isEmpty)
            let stats = await seller.sandbox.stats
            #expect(stats.totalRequests == 0, "nothing was asked of BaseLinker: \(stats.requests)")

            lock.release()
            let after = try await seller.firmlink(["sync", "--json"])
            #expect(after.status <= 1, "with the lock released the sync runs: \(after.stderr)")
            let documents = try after.json()["orders"]?["documents"]?.objectValue ?? [:]
            #expect(documents.values.contains { ($0.integer ?? 0) > 0 }, "\(documents)")
        }
    }

    @Test("a refused sync does not open the store: it neither creates nor migrates the file")
    func refusedBeforeOpening() async throws {
        try await SandboxSeller.with(orders: 5) { seller in
            let path = seller.folder.url.appendingPathComponent("firmlink.sqlite").path
            let lock = try Store.lockForWriting(path: path)
            defer { lock.release() }

            let refused = try await seller.firmlink(["sync"])
            #expect(refused.status == 2, "\(refused.stdout)\n\(refused.stderr)")
            #expect(refused.stderr.contains("busy"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path), "the refused sync created the store")
        }
    }

    @Test("reading commands work while a sync holds the writer lock")
    func readersAreNotBlocked() async throws {
        try await SandboxSeller.with(orders: 20) { seller in
            _ = try await seller.json(["sync"], statuses: [0, 1])
            let store = try Store(path: seller.folder.url.appendingPathComponent("firmlink.sqlite").path)
            defer { try? store.close() }
            let lock = try store.lockForWriting()
            defer { lock.release() }
            let documents = try await seller.json(["documents", "list"])
            #expect(!(documents.arrayValue ?? []).isEmpty)
        }
    }
}
