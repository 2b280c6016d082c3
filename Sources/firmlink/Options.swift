import ArgumentParser
import Config
import Foundation

/// `--config`, shared by every command that reads `firmlink.toml`.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration file (default: $FIRMLINK_CONFIG, else firmlink.toml in the current folder).",
            valueName: "file"))
    var config: String?

    /// The checked configuration; a problem with it ends the command with status 2 and a
    /// message naming the file, the line and the key.
    func load() throws -> Configuration {
        let environment = ProcessInfo.processInfo.environment
        let path = Configuration.locate(explicit: config, environment: environment)
        do {
            return try Configuration.load(path: path, environment: environment)
        } catch let error as ConfigurationError {
            throw CommandFailure(error.description, status: .usage)
        }
    }
}

/// `--json`, shared by every command whose output has a JSON form (docs/json.md).
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of text (the shapes are in docs/json.md).")
    var json = false
}

/// A command's failure as a person reads it: one message to standard error and the exit
/// status (1: done but some orders failed or were held; 2: usage, configuration or connection).
struct CommandFailure: Error, CustomStringConvertible {
    enum Status: Int32 {
        case partial = 1
        case usage = 2
    }

    let message: String
    let status: Status

    init(_ message: String, status: Status) {
        self.message = message
        self.status = status
    }

    var description: String { message }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
