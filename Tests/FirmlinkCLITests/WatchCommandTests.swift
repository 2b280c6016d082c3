import BaseLinkerModels
import BaseLinkerSandbox
import FirminoStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `firmlink watch`: runs again and again, one line each; a failed run does not end it; SIGTERM
/// or SIGINT stops it between two orders with status 0, leaving a store the next run completes.
@Suite("firmlink watch", .serialized)
struct WatchCommandTests {
    /// `firmlink watch …` running in the background with its output collected.
    final class Watcher: @unchecked Sendable {
        let process = Process()
        private let output = Locked(Data())
        private let errors = Locked(Data())

        init(_ arguments: [String], in folder: URL) throws {
            process.executableURL = FirmlinkProcess.executable
            process.arguments = ["watch"] + arguments
            process.currentDirectoryURL = folder
            process.environment = FirmlinkProcess.environment(adding: ["BASELINKER_TOKEN": SandboxSeller.token])
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            process.standardInput = FileHandle.nullDevice
            try process.run()
            for (pipe, sink) in [(stdout, output), (stderr, errors)] {
                Thread.detachNewThread {
                    while true {
                        let data = pipe.fileHandleForReading.availableData
                        if data.isEmpty { break }
                        sink.set(sink.get() + data)
                    }
                }
            }
        }

        var stdout: String { String(decoding: output.get(), as: UTF8.self) }
        var stderr: String { String(decoding: errors.get(), as: UTF8.self) }
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }

        func send(_ signal: Int32) {
            kill(process.processIdentifier, signal)
        }

        /// Waits until `condition` holds, at most `timeout` seconds.
        func until(_ what: String, timeout: Double = 60, _ condition: () throws -> Bool) async throws {
            let deadline = Date().addingTimeInterval(timeout)
            while try !condition() {
                guard Date() < deadline, process.isRunning else {
                    throw CLITestError("\(what) did not happen; stdout:\n\(stdout)\nstderr:\n\(stderr)")
                }
                try await Task.sleep(nanoseconds: 20_000_000)
            }
        }

        func exitStatus(timeout: Double = 120) async throws -> Int32 {
            try await process.waitForExit(timeout: timeout) { "watch did not stop; stderr:\n\(stderr)" }
            try await Task.sleep(nanoseconds: 100_000_000)  // the readers take the last bytes
            return process.terminationStatus
        }

        deinit {
            if process.isRunning { process.terminate() }
        }
    }

    static let orders = 400

    /// `[orders]` selections: statuses listed (each read from the start date), and every status
    /// read forward from the `date_confirmed` cursor, which must not pass an order left undecided.
    static let selections: [String?] = [nil, #"statuses = "all""#]

    @Test("SIGTERM in the middle of a run stops it between two orders with status 0; the store is whole and the next run finishes the work",
          arguments: selections)
    func stopMidRun(selection: String?) async throws {
        let configuration: (URL) -> String = { sandboxConfiguration(url: $0, orders: selection) }
        let expected = try await SandboxSeller.with(orders: Self.orders, configuration: configuration) { seller in
            let run = try await seller.firmlink(["sync"])
            #expect(run.status <= 1, "\(run.stderr)")
            return try await CrashTests().state(of: seller)
        }
        try #require(expected.documents.count > 100)

        try await SandboxSeller.with(orders: Self.orders, configuration: configuration) { seller in
            let storePath = seller.folder.url.appendingPathComponent("firmlink.sqlite").path
            let watcher = try Watcher(["--interval", "1h"], in: seller.folder.url)
            try await watcher.until("the store appears") { FileManager.default.fileExists(atPath: storePath) }
            let store = try Store(path: storePath)
            defer { try? store.close() }
            try await watcher.until("the first document") { try store.read { try $0.documentCount() } > 0 }
            watcher.send(SIGTERM)
            let status = try await watcher.exitStatus()
            #expect(status == 0, "\(watcher.stderr)")
            #expect(watcher.stderr.contains("SIGTERM: stopping after the current order"), "\(watcher.stderr)")
            #expect(watcher.lines.count == 1, "one line per run: \(watcher.stdout)")
            #expect(watcher.lines.first?.contains(" stopped in ") == true, "\(watcher.stdout)")

            // Stopped in the middle: some orders are documented, not all, and what is there is whole.
            let (documents, numbers, pending) = try store.read { reader in
                let documents = try reader.documents()
                return (documents, Dictionary(grouping: documents, by: \.type).mapValues { $0.map(\.number) }, try reader.pendingOutbox().count)
            }
            #expect(!documents.isEmpty && documents.count < expected.documents.count,
                    "stopped mid-run: \(documents.count) of \(expected.documents.count)")
            for (type, list) in numbers {
                let sequence = list.compactMap { Int($0.split(separator: "/")[1]) }.sorted()
                #expect(sequence == Array(1...list.count), "\(type) numbers have no gap: \(list)")
            }
            #expect(documents.allSatisfy { $0.baselinkerOrderId != nil })
            #expect(pending >= 0)

            let status2 = try await seller.json(["status"])
            #expect(status2["runs"]?.arrayValue?.first?["outcome"]?.stringValue == "stopped", "\(status2)")

            let rerun = try await seller.firmlink(["sync"])
            #expect(rerun.status <= 1, "\(rerun.stderr)")
            let recovered = try await CrashTests().state(of: seller)
            #expect(recovered == expected, "after the stop and a re-run:\n\(recovered)\n--- expected ---\n\(expected)")
        }
    }

    @Test("a run that fails is one line and the watch goes on; the next run takes the fixed file; SIGINT ends it with 0")
    func failedRunGoesOn() async throws {
        let configuration: (URL) -> String = { url in
            sandboxConfiguration(url: url, extra: "\n[rules]\nscript = \"rules.lua\"\n")
        }
        try await SandboxSeller.with(configuration: configuration) { seller in
            let watcher = try Watcher(["--interval", "1s"], in: seller.folder.url)
            try await watcher.until("a failed run") { watcher.lines.contains { $0.contains("failed") } }
            #expect(watcher.lines[0].contains("rules.lua"), "the line says why: \(watcher.lines[0])")
            #expect(watcher.process.isRunning, "a failed run does not end the watch")

            try seller.folder.write("rules.lua", "-- the built-in rules\n")
            try await watcher.until("a run that works") {
                watcher.lines.contains { $0.contains(" partial in ") || $0.contains(" done in ") }
            }
            watcher.send(SIGINT)
            let status = try await watcher.exitStatus()
            #expect(status == 0, "\(watcher.stderr)")
            for line in watcher.lines {
                #expect(line.range(of: #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} "#, options: .regularExpression) != nil, "\(line)")
            }
            #expect(!watcher.stdout.contains(SandboxSeller.token) && !watcher.stderr.contains(SandboxSeller.token))
        }
    }

    @Test("--interval must be a duration")
    func badInterval() async throws {
        try await SandboxSeller.with { seller in
            let result = try await seller.firmlink(["watch", "--interval", "soon"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("--interval"), "\(result.stderr)")
        }
    }
}
