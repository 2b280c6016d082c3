import ArgumentParser
import Config
import Foundation
import Sync

extension Firmlink {
    /// `firmlink sync [orders] [--dry-run] [--json]`.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sync the modules [modules] enables: warehouses, products, orders (documents and printouts), stock.",
            discussion: "Exit status: 0 done; 1 done, but some orders failed or were held, or something could not be sent; 2 configuration, usage or connection error.")

        enum Module: String, ExpressibleByArgument, CaseIterable {
            case warehouses, products, orders
        }

        @OptionGroup var configOptions: ConfigOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The module to sync (default: every module enabled in [modules]).")
        var module: Module?

        @Flag(help: "Decide everything and print what would happen; write nothing, send nothing (a store that does not exist yet is not made: the run decides against an empty one).")
        var dryRun = false

        func run() async throws {
            let configuration = try configOptions.load()
            let only = module.flatMap { SyncSession.Module(rawValue: $0.rawValue) }
            guard only != nil || configuration.modules.orders || configuration.modules.products || configuration.modules.warehouses else {
                throw CommandFailure(
                    "\(configuration.file): every module is off in [modules]; nothing to sync", status: .usage)
            }
            let summary: SyncSummary
            // Progress on standard error, never with --json.
            let progress = output.json ? nil : ProgressRenderer()
            var options = SyncSession.Options(dryRun: dryRun)
            if let progress { options.progress = progress.receiver }
            do {
                defer { progress?.finish() }
                // A sync its configuration refuses opens no store (and so makes none).
                try SyncSession.check(configuration, only: only)
                summary = try await SyncSession.with(configuration, options: options) { session in
                    try await session.sync(only: only)
                }
            } catch {
                throw CommandFailure("\(error)", status: .usage)
            }
            if output.json {
                print(String(decoding: try summary.json(), as: UTF8.self))
            } else {
                print(summary.text)
            }
            if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
        }
    }
}
