import ArgumentParser
import BaseLinkerSandbox
import Foundation

extension Firmlink {
    /// `firmlink sandbox`: a local BaseLinker over a seeded account, for demos, end-to-end tests and
    /// benchmarks. The connector URL is the first line on standard output.
    struct Sandbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sandbox",
            abstract: "Serve a local BaseLinker-compatible API over a seeded, realistic account.",
            discussion: """
                Prints http://127.0.0.1:<port>/connector.php first, then serves until interrupted \
                (SIGINT or SIGTERM). Statistics: GET /sandbox/stats; one order: GET /sandbox/orders/<id>;
                one product or variant: GET /sandbox/products/<id>.
                """)

        @Option(help: "Port to listen on; 0 picks a free one.")
        var port = 0

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Seed of the account, the faults and the type variance.")
        var seed: UInt64 = 1

        @Option(help: "Number of orders to generate.")
        var orders = 200

        @Option(help: "Number of inventory products to generate.")
        var products = 100

        @Option(help: "Day of the first order's confirmation (YYYY-MM-DD, Europe/Warsaw).")
        var ordersFrom = "2026-11-01"

        @Option(help: "The API token the sandbox accepts.")
        var token = "sandbox"

        @Option(help: "Requests per token in any 60 seconds, as BaseLinker limits them (100); 0, the default: no limit.")
        var requestsPerMinute = 0

        @Option(help: "Seconds a token stays blocked after exceeding the limit.")
        var blockSeconds: Double = 60

        @Option(help: "Faults to inject, e.g. 500:0.05,timeout:0.01,malformed:0.01,types:0.2")
        var faults = ""

        @Option(help: "Seconds a 'timeout' fault holds its answer back (past the client's 60 s timeout).")
        var timeoutDelay: Double = 90

        @Option(help: ArgumentHelp(
            "Once listening, write a firmlink.toml for a seller using this sandbox to this file (its store: firmlink.sqlite beside it).",
            valueName: "file"))
        var writeConfig: String?

        func validate() throws {
            do {
                _ = try SandboxFaults(parsing: faults)
            } catch {
                throw ValidationError("--faults: \(error)")
            }
            guard SandboxConfiguration.warsawMidnight(ordersFrom) != nil else {
                throw ValidationError("--orders-from: '\(ordersFrom)' is not a date like 2026-11-01")
            }
            guard (0...65_535).contains(port) else { throw ValidationError("--port: \(port) is not a port number") }
            guard orders >= 0, products >= 0 else { throw ValidationError("--orders and --products must not be negative") }
            guard requestsPerMinute >= 0 else { throw ValidationError("--requests-per-minute must not be negative") }
            if let writeConfig {
                let folder = URL(fileURLWithPath: writeConfig).deletingLastPathComponent().path
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                    throw ValidationError("--write-config: there is no folder \(folder)")
                }
            }
            guard blockSeconds >= 0, timeoutDelay >= 0 else {
                throw ValidationError("--block-seconds and --timeout-delay must not be negative")
            }
        }

        func run() async throws {
            var configuration = SandboxConfiguration(
                port: port, token: token, seed: seed, orders: orders, products: products,
                requestsPerMinute: requestsPerMinute, faults: try SandboxFaults(parsing: faults))
            configuration.host = host
            configuration.ordersStart = SandboxConfiguration.warsawMidnight(ordersFrom) ?? configuration.ordersStart
            configuration.blockDuration = blockSeconds
            configuration.timeoutDelay = timeoutDelay
            let server = SandboxServer(configuration)
            do {
                let configFile = writeConfig
                try await server.run { url in
                    if let configFile {
                        let text = SandboxSellerConfiguration(url: url).text
                        do {
                            try text.write(toFile: configFile, atomically: true, encoding: .utf8)
                        } catch {
                            printError("firmlink: cannot write \(configFile): \(error.localizedDescription)")
                        }
                    }
                    // Unbuffered, so a parent process reading the pipe sees the URL at once (after
                    // the configuration is written).
                    FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
                }
            } catch let error as SandboxServerError {
                throw CommandFailure(error.message, status: .usage)
            }
        }
    }
}
