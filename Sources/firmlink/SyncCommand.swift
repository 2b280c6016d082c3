import ArgumentParser
import BaseLinker
import Config
import FirminoStore
import Foundation
import Logging
import LuaHost
import Sync

/// `firmlink sync [orders] [--dry-run] [--json]`.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Pull orders from BaseLinker, issue their documents and send the printouts back.",
        discussion: "Exit status: 0 done; 1 done, but some orders failed or were held, or something could not be sent; 2 configuration, usage or connection error.")

    enum Module: String, ExpressibleByArgument, CaseIterable {
        case orders
    }

    @OptionGroup var configOptions: ConfigOptions

    @Argument(help: "The module to sync (default: every module enabled in [modules]).")
    var module: Module?

    @Flag(help: "Decide everything and print what would happen; write nothing, send nothing (a store that does not exist yet is not made: the run decides against an empty one).")
    var dryRun = false

    @Flag(help: "Print the summary as JSON (see the README for its keys).")
    var json = false

    func run() async throws {
        let configuration = try configOptions.load()
        guard module == .orders || configuration.modules.orders else {
            throw CommandFailure(
                "\(configuration.file): the orders module is off ([modules] orders = false); nothing to sync",
                status: .usage)
        }
        let session = try SyncSession(configuration: configuration, dryRun: dryRun)
        let outcome: Result<SyncSummary, any Error>
        do {
            outcome = .success(try await session.syncOrders(dryRun: dryRun))
        } catch {
            outcome = .failure(error)
        }
        await session.close()
        let summary: SyncSummary
        do {
            summary = try outcome.get()
        } catch {
            throw CommandFailure(SyncSession.describe(error), status: .usage)
        }
        if json {
            print(String(decoding: try SyncSession.encode(summary), as: UTF8.self))
        } else {
            print(summary.text)
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}

/// What a sync needs open: the store (locked for writing), the rules and the BaseLinker client.
///
/// A dry run on a store that does not exist yet works on an empty store in a temporary folder,
/// removed on close, so that it leaves no file behind.
final class SyncSession {
    let configuration: Configuration
    let store: Store
    let client: BaseLinkerClient
    private let lock: StoreWriterLock
    private let rules: RulesSource?
    private let scratchFolder: URL?

    init(configuration: Configuration, dryRun: Bool = false) throws {
        self.configuration = configuration
        guard let token = configuration.baselinker.token else {
            throw CommandFailure(
                "no BaseLinker token: set BASELINKER_TOKEN, or put token in [baselinker] of a private (chmod 600) \(configuration.file)",
                status: .usage)
        }
        var storePath = configuration.store.path
        if dryRun, !FileManager.default.fileExists(atPath: storePath) {
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("firmlink-dry-run-\(UUID().uuidString)", isDirectory: true)
            scratchFolder = folder
            storePath = folder.appendingPathComponent("firmlink.sqlite").path
        } else {
            scratchFolder = nil
        }
        do {
            rules = try configuration.rules.script.map(RulesSource.init(file:))
            if let scratchFolder { try FileManager.default.createDirectory(at: scratchFolder, withIntermediateDirectories: true) }
            // The lock first: a second sync is refused before it opens (and maybe migrates) the store.
            lock = try Store.lockForWriting(path: storePath)
            store = try Store(path: storePath, options: StoreOptions(numbering: configuration.numbering.formats))
        } catch {
            if let scratchFolder { try? FileManager.default.removeItem(at: scratchFolder) }
            throw CommandFailure(Self.describe(error), status: .usage)
        }
        client = BaseLinkerClient(
            configuration: BaseLinkerConfiguration(
                url: configuration.baselinker.url, token: token.reveal(),
                requestsPerMinute: configuration.baselinker.requestsPerMinute),
            logger: Logger(label: "firmlink.baselinker"))
    }

    func syncOrders(dryRun: Bool) async throws -> SyncSummary {
        let runId = dryRun ? nil : try store.write { try $0.startRun() }
        let sync = OrderSync(
            configuration: configuration, client: client, store: store, rules: rules,
            logger: Logger(label: "firmlink.sync"))
        let summary = try await sync.run(OrderSync.Options(dryRun: dryRun))
        if let runId {
            let encoded = try Self.encode(summary)
            try store.write { try $0.finishRun(id: runId, summary: encoded) }
        }
        return summary
    }

    func close() async {
        lock.release()
        try? store.close()
        try? await client.shutdown()
        if let scratchFolder { try? FileManager.default.removeItem(at: scratchFolder) }
    }

    static func encode(_ summary: SyncSummary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(summary)
    }

    /// One line for a person: configuration and rules errors say where; others what.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as CommandFailure: return error.message
        default: return "\(error)"
        }
    }
}
