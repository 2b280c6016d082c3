import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

/// A seller for one test: a fresh sandbox of its own, a temporary folder with a `firmlink.toml`
/// for it, and the real `firmlink` binary run in that folder.
///
/// The sandbox accepts only ``token``, a text distinctive enough that a test can check it never
/// shows in what `firmlink` prints.
struct SandboxSeller {
    static let token = "blt-5e1f0c9a7d3b-secret"

    let sandbox: SandboxServer
    let url: URL
    let folder: TemporaryFolder

    /// Starts a sandbox of `orders` seeded orders and writes `firmlink.toml` (`configuration`
    /// turns the sandbox's URL into its text; the default is ``sandboxConfiguration``), runs
    /// `body`, then stops the sandbox and removes the folder whatever happened.
    static func with<T>(
        orders: Int = 24, seed: UInt64 = 31, configuration: ((URL) -> String)? = nil,
        _ body: (SandboxSeller) async throws -> T
    ) async throws -> T {
        let sandbox = SandboxServer(
            SandboxConfiguration(token: token, seed: seed, orders: orders, products: 30, requestsPerMinute: 0))
        let url = try await sandbox.start()
        let folder = try TemporaryFolder()
        let seller = SandboxSeller(sandbox: sandbox, url: url, folder: folder)
        do {
            try folder.write("firmlink.toml", configuration?(url) ?? sandboxConfiguration(url: url))
            let result = try await body(seller)
            await sandbox.stop()
            folder.remove()
            return result
        } catch {
            await sandbox.stop()
            folder.remove()
            throw error
        }
    }

    /// Runs `firmlink arguments…` in the seller's folder with the sandbox's token in
    /// `BASELINKER_TOKEN` (or exactly `environment` when given).
    func firmlink(_ arguments: [String], environment: [String: String]? = nil) async throws -> FirmlinkProcess.Result {
        try await FirmlinkProcess.launch(arguments, in: folder.url, environment: environment ?? ["BASELINKER_TOKEN": Self.token])
    }

    /// `firmlink arguments… --json`, expected to exit with one of `statuses`, its output parsed.
    func json(
        _ arguments: [String], statuses: Set<Int32> = [0], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> JSONValue {
        let result = try await firmlink(arguments + ["--json"])
        #expect(statuses.contains(result.status), "firmlink \(arguments.joined(separator: " ")): \(result.stderr)",
                sourceLocation: sourceLocation)
        return try result.json()
    }
}

extension FirmlinkProcess {
    /// ``run(_:in:environment:input:)`` on a thread of its own: waiting for the child never
    /// holds one of the few threads Swift concurrency has, which an in-process sandbox needs to
    /// answer that child.
    static func launch(
        _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try run(arguments, in: folder, environment: environment) })
            }
        }
    }

    /// ``launch(_:in:environment:)`` in a fresh folder holding `files` (each name, relative to
    /// the folder, with its text), removed once the process has ended.
    static func launch(
        _ arguments: [String], files: [String: String], environment: [String: String] = [:]
    ) async throws -> Result {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (name, text) in files { try folder.write(name, text) }
        return try await launch(arguments, in: folder.url, environment: environment)
    }
}

extension FirmlinkProcess.Result {
    /// Standard output and standard error together, for checks that hold for both.
    var output: String { stdout + "\n" + stderr }

    /// Standard output parsed as JSON.
    func json() throws -> JSONValue {
        do {
            return try JSONValue(parsing: Data(stdout.utf8))
        } catch {
            throw CLITestError("not JSON (\(error)):\n\(stdout)\nstderr: \(stderr)")
        }
    }

    /// Standard output's lines, without the empty last one.
    var lines: [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
}

extension JSONValue {
    /// The value when it is a JSON integer (not a string, not a fraction).
    var integer: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The keys of an object, sorted; empty for anything else.
    var keys: [String] { objectValue?.keys.sorted() ?? [] }
}

/// The repository's root folder (this file is `Tests/FirmlinkCLITests/Support/…`).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The 1-based line of `text` holding `fragment` (the first such line).
func lineNumber(of fragment: String, in text: String) -> Int? {
    text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(fragment) }.map { $0 + 1 }
}
