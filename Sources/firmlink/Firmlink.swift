import ArgumentParser
import Foundation

@main
struct Firmlink: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firmlink",
        abstract: "Connects a BaseLinker account with a Firmino-style invoicing and warehouse store.",
        subcommands: [
            SandboxCommand.self,
            RulesCommand.self,
            SyncCommand.self,
            RunCommand.self,
            DocumentsCommand.self,
            StockCommand.self,
            ProductsCommand.self,
            WarehousesCommand.self,
        ]
    )

    /// Runs the command line; a `CommandFailure` prints its message alone (no usage text) and
    /// exits with its status.
    static func main() async {
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
            // Usage errors exit with 2 (DESIGN §9), not the parser's 64.
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(CommandFailure.Status.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
