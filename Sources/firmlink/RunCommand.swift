import ArgumentParser
import Config
import Foundation
import LuaHost
import Sync

extension Firmlink {
    /// `firmlink run SCRIPT [--config FILE] [--dry-run] [--json]`: a Lua script in the rule
    /// sandbox with a `print` to standard output; with `--config`, a migration with BaseLinker
    /// and the store in reach (docs/rules.md, "Migrations").
    ///
    /// A script error prints `file:line: message` and Lua's traceback to standard error and exits
    /// with 1; a file that cannot be read, a configuration problem or a busy store exits with 2.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a Lua script in the sandbox, or a migration with --config.",
            discussion: """
                Without --config the script sees the rule sandbox alone: base functions, table, string, math \
                and utf8, and a print that writes to standard output. With --config it also gets bl.call, the \
                store's reads and writes (one transaction, committed when the script ends without error), util \
                and dry_run, takes the store's writer lock as a sync does, and prints what changed; the [rules] \
                limits apply to the whole run (the options below change them), and time spent waiting on \
                BaseLinker does not count against the deadline. Limits: 0 turns one off.
                """)

        @Argument(help: ArgumentHelp("The Lua script.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp(
            "Run as a migration with this configuration's store and BaseLinker account.", valueName: "file"))
        var config: String?

        @Flag(help: "With --config: send no BaseLinker writes (methods not starting with get are recorded) and roll the store back.")
        var dryRun = false

        @Flag(help: "With --config: print what changed as JSON (docs/json.md); the script's print goes to standard error.")
        var json = false

        @Option(help: "Lua instructions the script may run (0: no limit; default 10000000, with --config [rules] instructions).")
        var instructions: Int?

        @Option(name: .customLong("timeout-ms"), help: "Wall-clock time the script may take, in milliseconds (0: no limit; default 5000, with --config [rules] timeout_ms).")
        var timeoutMilliseconds: Int?

        @Option(name: .customLong("memory-mb"), help: "Memory the Lua state may hold, in MiB (0: no limit; default 64, with --config [rules] memory_mb).")
        var memoryMegabytes: Int?

        func validate() throws {
            for (name, value) in [("--instructions", instructions), ("--timeout-ms", timeoutMilliseconds), ("--memory-mb", memoryMegabytes)]
            where (value ?? 0) < 0 {
                throw ValidationError("\(name) must be 0 or more, not \(value ?? 0).")
            }
            if let memoryMegabytes, memoryMegabytes.multipliedReportingOverflow(by: 1 << 20).overflow {
                throw ValidationError("--memory-mb \(memoryMegabytes) is more memory than can be addressed.")
            }
            if config == nil, dryRun || json {
                throw ValidationError(
                    "\(dryRun ? "--dry-run" : "--json") needs --config: without a configuration the script runs in the bare sandbox, with no store or BaseLinker in reach.")
            }
        }

        /// `base` with the limits given on the command line in place of its own.
        func limits(over base: LuaLimits) -> LuaLimits {
            var limits = base
            if let instructions { limits.instructions = instructions == 0 ? nil : instructions }
            if let timeoutMilliseconds { limits.timeout = timeoutMilliseconds == 0 ? nil : .milliseconds(timeoutMilliseconds) }
            if let memoryMegabytes { limits.memory = memoryMegabytes == 0 ? nil : memoryMegabytes << 20 }
            return limits
        }

        func run() async throws {
            let script = MigrationScript(name: file, source: try Self.read(file))
            guard let config else { return try runBare(script) }
            let configuration = try ConfigOptions(config: config).load()
            let limits = limits(over: configuration.rules.limits)
            let json = json
            let report: MigrationReport
            do {
                report = try await SyncSession.with(configuration, options: .init(dryRun: dryRun)) { session in
                    try await session.runMigration(script, limits: limits) { line in
                        if json { printError(line) } else { print(line) }
                    }
                }
            } catch {
                throw CommandFailure("\(error)", status: .usage)
            }
            if let failure = report.failure {
                printError(failure.description)
                if let traceback = failure.traceback { printError(traceback) }
                if failure.passedALimit {
                    printError("the [rules] limits of \(configuration.file) bound the whole run; --instructions, --timeout-ms and --memory-mb change them for one run")
                }
            }
            if json {
                print(String(decoding: try report.json(), as: UTF8.self))
            } else {
                print(report.text)
            }
            if report.failure != nil { throw ExitCode(1) }
        }

        /// The bare sandbox: the script and a print, nothing else.
        private func runBare(_ script: MigrationScript) throws {
            let limits = limits(over: LuaLimits(instructions: 10_000_000, timeout: .milliseconds(5_000), memory: 64 << 20))
            let runtime = try LuaRuntime(limits: limits, print: { line in print(line) })
            do {
                _ = try runtime.load(bytes: script.source, name: script.name)
            } catch {
                printError(error.description)
                if let traceback = error.traceback { printError(traceback) }
                throw ExitCode(1)
            }
        }

        /// The script's bytes, or a failure with status 2 that says why they cannot be read.
        static func read(_ path: String) throws -> [UInt8] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw CommandFailure("cannot read \(path): no such file", status: .usage)
            }
            guard !isFolder.boolValue else {
                throw CommandFailure("cannot read \(path): it is a folder", status: .usage)
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("cannot read \(path): permission denied", status: .usage)
            }
            return [UInt8](data)
        }
    }
}
