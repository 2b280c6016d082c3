@testable import BaseLinkerSandbox
import FirminoStore
import Foundation
import Testing

/// `kill -9` at moments nobody chose: the real `firmlink sync` is killed with SIGKILL at seeded
/// random moments, run again after each kill and once more to finish, and must leave exactly
/// the state of an uninterrupted run of the same seed — the short form of `scripts/killtest`.
///
/// The crash tests stop the sync at named points; these kills land anywhere, mid-request and
/// mid-write included.
@Suite("killed at random moments", .serialized)
struct KillTests {
    static let seed: UInt64 = 43
    static let orders = 200
    static let kills = 8

    /// How far a sync has come, from its store: the products pulled, the documents written and
    /// the BaseLinker writes done; for a finished run, also when (since the run started) each
    /// document and write was made.
    struct Progress {
        var products = 0
        var documents: [Duration] = []
        var writes: [Duration] = []
        var runTime = Duration.zero

        init() {}

        init(_ seller: SandboxSeller) throws {
            let path = seller.folder.url.appendingPathComponent("firmlink.sqlite").path
            guard FileManager.default.fileExists(atPath: path) else { return }
            let store = try Store(path: path)
            defer { try? store.close() }
            let (products, documents, writes, runs) = try store.read { reader in
                let documents = try reader.documents()
                let writes = try documents.flatMap { try reader.outboxItems(documentId: $0.id) }.compactMap(\.doneAt)
                return (try reader.products().count, documents.map(\.createdAt), writes, try reader.runs(limit: 1_000))
            }
            self.products = products
            guard let start = runs.map(\.startedAt).min() else { return }
            let since = { (date: Date) in Duration.milliseconds(Int64((date.timeIntervalSince(start) * 1000).rounded())) }
            self.documents = documents.map(since).sorted()
            self.writes = writes.map(since).sorted()
            runTime = runs.compactMap(\.finishedAt).max().map(since) ?? .zero
        }

        /// When the clean run `clean` had come at least as far as this: with its products all
        /// pulled, to its first document; then to as many documents and writes. A killed sync is
        /// never behind that, as what it wrote and sent is kept (only its last uncommitted orders
        /// are lost and written again).
        func reached(in clean: Progress) -> Duration {
            let pulled = products >= clean.products ? clean.documents.first ?? .zero : .zero
            let written = documents.isEmpty ? .zero : clean.documents[min(documents.count, clean.documents.count) - 1]
            let sent = writes.isEmpty ? .zero : clean.writes[min(writes.count, clean.writes.count) - 1]
            return max(pulled, written, sent)
        }
    }

    @Test("SIGKILL at random moments, then a finishing run, leaves the state of an uninterrupted run")
    func killedAtRandomMoments() async throws {
        let crash = CrashTests()
        var clean = Progress()
        let expected = try await SandboxSeller.with(orders: Self.orders, seed: Self.seed) { seller in
            let run = try await crash.sync(seller)
            #expect(run.status <= 1, "\(run.stderr)")
            clean = try Progress(seller)
            return try await crash.state(of: seller)
        }
        #expect(expected.documents.count > 30)
        #expect(expected.pendingOutbox == 0)
        #expect(clean.writes.count > 60, "the sync wrote to BaseLinker")

        // The sandbox's own seeded generator: the same seed gives the same kill moments.
        var random = SeededRandom(seed: Self.seed)
        let recovered = try await SandboxSeller.with(orders: Self.orders, seed: Self.seed) { seller in
            // The kills aim at points spread over the clean run's course: kill k at a point drawn
            // in the k-th of `kills` equal parts of its first four fifths. A re-run goes on from
            // the point the killed sync has reached, so it is killed that much later than the
            // point — or, when it is already past it, at a moment drawn in one part's length,
            // often in its start-up — but never later than half what the clean run had left from
            // there: a run's time varies from one run to the next (the first one also makes the
            // store), and a kill after the work is done would prove nothing.
            var moments: [String] = []
            var progress = Progress()
            let part = clean.runTime * 4 / 5 / Self.kills
            for kill in 1...Self.kills {
                let target = part * (kill - 1) + part * random.unit()
                let at = progress.reached(in: clean)
                let aim = target > at ? target - at : part * random.unit()
                let delay = max(.milliseconds(20), min(aim, (clean.runTime - at) / 2))
                let run = try await FirmlinkProcess.launch(
                    ["sync", "--json"], in: seller.folder.url, environment: ["BASELINKER_TOKEN": SandboxSeller.token],
                    killAfter: delay)
                progress = try Progress(seller)
                let ms = { (duration: Duration) in Int(duration / .milliseconds(1)) }
                switch run.ending {
                case .killed:
                    moments.append(
                        "killed at \(ms(delay)) ms (aimed at \(ms(target)) ms, from \(ms(at)) ms): \(progress.products) products, "
                            + "\(progress.documents.count) documents, \(progress.writes.count) writes")
                case .exited(let status):
                    moments.append("ended (\(status)) before \(ms(delay)) ms: \(run.stderr)")
                }
            }
            print("kill tests: a clean run of \(Self.orders) orders took \(clean.runTime) (\(clean.documents.count) "
                + "documents, \(clean.writes.count) writes); " + moments.joined(separator: "; "))
            #expect(moments.allSatisfy { $0.hasPrefix("killed") }, "every run was killed: \(moments)")
            let interrupted = try await crash.state(of: seller)
            #expect(interrupted != expected, "the kills left work for the finishing run")
            let finish = try await crash.sync(seller)
            #expect(finish.status <= 1, "\(finish.stderr)")
            return try await crash.state(of: seller)
        }
        #expect(recovered == expected, "after kills:\n\(recovered)\n--- expected ---\n\(expected)")
        #expect(recovered.remote.allSatisfy { !$0.contains("×2") })
    }
}
