import ArgumentParser
import Foundation
import Logging

@main
struct Firmlink: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firmlink",
        abstract: "Connects a BaseLinker account with a Firmino-style invoicing and warehouse store.",
        version: Firmlink.version,
        subcommands: [
            Init.self,
            Sandbox.self,
            Rules.self,
            Sync.self,
            Watch.self,
            Status.self,
            Orders.self,
            Run.self,
            Documents.self,
            Stock.self,
            Products.self,
            Warehouses.self,
        ]
    )

    /// Runs the command line; a `CommandFailure` prints its message alone (no usage text) and
    /// exits with its status.
    ///
    /// Exit statuses are those of docs/configuration.md, and 1 means only "done, but some orders failed or
    /// were held" (or, for `rules test` and `run`, a failed case or script), which commands
    /// say by throwing `ExitCode`. Any other error is unexpected: its description goes to
    /// standard error and the status is 2, never 1. (Errors never carry the token.)
    static func main() async {
        bootstrapLogging()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            printError("firmlink: \(failure.message)")
            Foundation.exit(failure.status.rawValue)
        } catch {
            let code = exitCode(for: error)
            // Usage errors exit with 2, not the parser's 64.
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(CommandFailure.Status.usage.rawValue)
            }
            // A status a command chose, or help and --version.
            if error is ExitCode || code == .success { exit(withError: error) }
            printError("firmlink: \(error)")
            Foundation.exit(CommandFailure.Status.usage.rawValue)
        }
    }
}

extension Firmlink {
    /// The release, as `firmlink --version` prints it.
    static let version = "0.4.0"

    /// Logs go to standard error (standard output carries the summaries and `--json`), at the
    /// level named by `FIRMLINK_LOG_LEVEL` (`trace` … `critical`), warnings by default; a
    /// progress line on standard error makes way for them.
    static func bootstrapLogging(_ environment: [String: String] = ProcessInfo.processInfo.environment) {
        let level = environment["FIRMLINK_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = LiveLineLogHandler(inner: StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
    }
}
