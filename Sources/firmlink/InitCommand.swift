import ArgumentParser
import BaseLinkerModels
import Config
import ConsoleKitTerminal
import FirminoStore
import Foundation
import Sync

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Firmlink {
    /// `firmlink init [--non-interactive …]`: from nothing to a running integration — the
    /// wizard of the five steps, a commented `firmlink.toml`, and the first sync if asked.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write firmlink.toml with a wizard through the five steps, then run the first sync if you like.",
            discussion: """
                On a terminal it asks: the BaseLinker address and token (checked with a call), the modules, \
                the orders (statuses from the account's own list, start date, document, switches), the products \
                mode, a country for each BaseLinker warehouse, and the seller printed on documents. Without a \
                terminal, pass --non-interactive and every answer as a flag; the token then comes from \
                BASELINKER_TOKEN (never a flag: flags show in the process list). An existing file is replaced \
                only with --force.
                """)

        @OptionGroup var configOptions: ConfigOptions

        @Flag(help: "Replace the configuration file when it exists.")
        var force = false

        @Flag(help: "Ask nothing: every answer comes from the flags below, the token from BASELINKER_TOKEN.")
        var nonInteractive = false

        @Option(help: "BaseLinker's connector address, or a sandbox's (default: BaseLinker's).")
        var url: String?

        @Option(help: "Requests per minute at most (default: 100; 0 for a local sandbox).")
        var requestsPerMinute: Int?

        @Flag(help: "Keep the token in the file, made private (chmod 600), instead of BASELINKER_TOKEN.")
        var tokenInFile = false

        @Option(help: "The modules to turn on, separated by commas: orders, products, warehouses (default: orders,warehouses).")
        var modules: String?

        @Option(help: "The order statuses a sync takes: ids or names separated by commas, or all.")
        var statuses: String?

        @Option(help: "Take orders confirmed from this day (YYYY-MM-DD).")
        var from: String?

        @Option(help: "receipt or invoice (default: receipt).")
        var defaultDocument: String?

        @Flag(inversion: .prefixedNo, help: "Choose the document by the buyer's and the warehouse's country.")
        var autoDocumentType = true

        @Flag(inversion: .prefixedNo, help: "Attach each invoice's PDF to its BaseLinker order.")
        var sendInvoices = true

        @Flag(inversion: .prefixedNo, help: "Link order lines to store products.")
        var linkProducts = true

        @Flag(inversion: .prefixedNo, help: "Link buyers to contractors.")
        var linkContractors = true

        @Option(help: "The status (id or name) to set once an order's document is issued.")
        var statusAfter: String?

        @Option(help: "The status (id or name) to set on an order that could not be processed.")
        var statusFailed: String?

        @Option(help: "firmino, baselinker or manual (needed with the products module).")
        var productsMode: String?

        @Option(help: ArgumentHelp(
            "Map a BaseLinker warehouse to a store warehouse id, such as bl_1=1; repeat for each (default: every BaseLinker warehouse to 1, 2, … in order).",
            valueName: "bl_id=store_id"))
        var map: [String] = []

        @Option(help: ArgumentHelp("The country of a BaseLinker warehouse's store warehouse, such as bl_3=DE; repeat for each (default: the seller's country).", valueName: "bl_id=CC"))
        var country: [String] = []

        @Flag(inversion: .prefixedNo, help: "Make a store warehouse for each BaseLinker warehouse not mapped.")
        var importNew = true

        @Flag(help: "Send the store's stock levels to BaseLinker (products mode firmino only).")
        var pushStock = false

        @Option(help: "The seller's name, printed on documents.")
        var sellerName: String?

        @Option(help: "The seller's tax id (a valid NIP for a Polish seller).")
        var sellerTaxId: String?

        @Option(help: "The seller's street and number.")
        var sellerAddress: String?

        @Option(help: "The seller's postcode.")
        var sellerPostcode: String?

        @Option(help: "The seller's city.")
        var sellerCity: String?

        @Option(help: "The seller's country (default: PL).")
        var sellerCountry = "PL"

        @Option(help: "The seller's timezone.")
        var sellerTimezone = Configuration.Seller.defaultTimeZone

        @Option(help: "The store file, relative to the configuration's folder (default: firmlink.sqlite).")
        var store = "firmlink.sqlite"

        @Flag(help: "Run the first sync once the file is written (--non-interactive; the wizard asks).")
        var firstSync = false

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let path = Configuration.locate(explicit: configOptions.config, environment: environment)
            if FileManager.default.fileExists(atPath: path), !force {
                throw CommandFailure("\(path) exists already; firmlink init --force replaces it", status: .usage)
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw CommandFailure("cannot write \(path): there is no folder \(folder)", status: .usage)
            }
            // console-kit ends the process when standard input ends: no prompt without a terminal.
            if !nonInteractive, isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1 {
                throw CommandFailure(
                    "firmlink init asks its questions on a terminal, and this is none; run it in a terminal, or give every answer as a flag with --non-interactive (firmlink init --help lists them)",
                    status: .usage)
            }

            let answers: InitAnswers
            var wizard: InitWizard?
            if nonInteractive {
                answers = try await nonInteractiveAnswers(environment)
            } else {
                var asking = InitWizard(console: Terminal(), answers: try flagAnswers(), environment: environment)
                asking.say("firmlink init writes \(path): a few questions; Enter takes the answer in [brackets].")
                let account = await asking.connect()
                asking.modules()
                asking.orders(account)
                asking.products()
                asking.warehouses(account)
                asking.seller()
                answers = asking.answers
                wizard = asking
            }
            try write(answers, to: path)
            print("")
            print("Wrote \(path); the token is \(answers.tokenInFile ? "in it, and the file is private (chmod 600)" : "not in it: keep BASELINKER_TOKEN set").")

            let anyModule = answers.orders || answers.products || answers.warehouses
            let runFirstSync = anyModule && (wizard.map { $0.confirmFirstSync() } ?? firstSync)
            var status: Int32 = 0
            if runFirstSync { status = try await sync(path: path, answers: answers, environment: environment) }
            print("")
            print("Next:")
            if !answers.tokenInFile, (environment["BASELINKER_TOKEN"] ?? "").isEmpty {
                print("  export BASELINKER_TOKEN=...   the token, for every firmlink command")
            }
            print("  firmlink sync                 sync now (firmlink sync --dry-run shows what it would do)")
            print("  firmlink watch --interval 5m  keep syncing")
            print("  firmlink status               the store, the last runs, what failed or waits")
            if status != 0 { throw ExitCode(status) }
        }

        // MARK: The file and the first sync

        /// Writes the file (private when it holds the token), once a copy of it loads as written:
        /// a file that would not load is never left in place.
        func write(_ answers: InitAnswers, to path: String) throws {
            let temporary = path + ".init-\(getpid())"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw CommandFailure("cannot write \(temporary): \(String(cString: strerror(errno)))", status: .usage)
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            let mode: mode_t = answers.tokenInFile ? 0o600 : 0o644
            var complete = fchmod(descriptor, mode) == 0
            do {
                try handle.write(contentsOf: Data(answers.toml.utf8))
                try handle.synchronize()
                try handle.close()
            } catch {
                complete = false
            }
            guard complete else {
                unlink(temporary)
                throw CommandFailure("cannot write \(temporary): \(String(cString: strerror(errno)))", status: .usage)
            }
            var environment = ProcessInfo.processInfo.environment
            environment["BASELINKER_TOKEN"] = nil
            do {
                _ = try Configuration.load(path: temporary, environment: environment)
            } catch {
                unlink(temporary)
                throw CommandFailure("the configuration firmlink init made does not load (\(error)); nothing was written: please report this", status: .usage)
            }
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw CommandFailure("cannot write \(path): \(reason)", status: .usage)
            }
        }

        /// The first sync, with progress; returns its exit status.
        func sync(path: String, answers: InitAnswers, environment: [String: String]) async throws -> Int32 {
            var configuration: Configuration
            do {
                configuration = try Configuration.load(path: path, environment: environment)
            } catch let error as ConfigurationError {
                throw CommandFailure(error.description, status: .usage)
            }
            if configuration.baselinker.token == nil { configuration.baselinker.token = Secret(answers.token) }
            print("")
            print("The first sync:")
            let progress = ProgressRenderer()
            var options = SyncSession.Options()
            options.progress = progress.receiver
            let summary: SyncSummary
            do {
                defer { progress.finish() }
                summary = try await SyncSession.with(configuration, options: options) { try await $0.sync() }
            } catch {
                throw CommandFailure("the first sync stopped: \(error)", status: .usage)
            }
            print(summary.text)
            return summary.exitStatus
        }
    }
}
