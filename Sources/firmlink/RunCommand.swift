import ArgumentParser
import Foundation
import LuaHost

extension Firmlink {
    /// `firmlink run FILE`: runs a Lua script in the rule sandbox, with a `print` to standard output.
    ///
    /// A script error prints `file:line: message` and Lua's traceback to standard error and exits
    /// with 1; a file that cannot be read exits with 2.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a Lua script in the sandbox.",
            discussion: """
                The script sees the rule sandbox: base functions, table, string, math and utf8, and a \
                print that writes to standard output. Limits apply to the whole run; 0 turns one off.
                """)

        @Argument(help: ArgumentHelp("The Lua script.", valueName: "file"))
        var file: String

        @Option(help: "Lua instructions the script may run (0: no limit).")
        var instructions = 10_000_000

        @Option(name: .customLong("timeout-ms"), help: "Wall-clock time the script may take, in milliseconds (0: no limit).")
        var timeoutMilliseconds = 5_000

        @Option(name: .customLong("memory-mb"), help: "Memory the Lua state may hold, in MiB (0: no limit).")
        var memoryMegabytes = 64

        func validate() throws {
            for (name, value) in [("--instructions", instructions), ("--timeout-ms", timeoutMilliseconds), ("--memory-mb", memoryMegabytes)]
            where value < 0 {
                throw ValidationError("\(name) must be 0 or more, not \(value).")
            }
            guard memoryMegabytes.multipliedReportingOverflow(by: 1 << 20).overflow == false else {
                throw ValidationError("--memory-mb \(memoryMegabytes) is more memory than can be addressed.")
            }
        }

        var limits: LuaLimits {
            LuaLimits(
                instructions: instructions == 0 ? nil : instructions,
                timeout: timeoutMilliseconds == 0 ? nil : .milliseconds(timeoutMilliseconds),
                memory: memoryMegabytes == 0 ? nil : memoryMegabytes << 20)
        }

        func run() async throws {
            var source = try Self.read(file)
            // A first line starting with # (`#!/usr/bin/env -S firmlink run`) is skipped, as the lua
            // command does; its newline stays, so line numbers do not move.
            if source.first == UInt8(ascii: "#") {
                source.removeSubrange(0..<(source.firstIndex(of: UInt8(ascii: "\n")) ?? source.endIndex))
            }
            let runtime = try LuaRuntime(limits: limits, print: { line in print(line) })
            do {
                _ = try runtime.load(bytes: source, name: file)
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
