import Foundation
import Testing

/// The command tree itself (docs/configuration.md): help that lists the commands, and usage errors that
/// exit with 2.
struct CommandLineTests {
    @Test("firmlink --help lists every command and exits with 0")
    func rootHelp() async throws {
        let result = try await FirmlinkProcess.launch(["--help"])
        #expect(result.status == 0, "\(result.stderr)")
        let help = result.stdout
        #expect(help.contains("USAGE: firmlink"), "\(help)")
        for command in ["sync", "rules", "run", "sandbox", "documents", "stock", "products", "warehouses"] {
            #expect(help.range(of: "\n  \(command) ") != nil, "\(command) is listed:\n\(help)")
        }
    }

    @Test("a subcommand's help shows its options", arguments: [
        (["sync", "--help"], ["--dry-run", "--json", "--config"]),
        (["rules", "test", "--help"], ["--rules"]),
        (["rules", "explain", "--help"], ["--order", "--store", "--rules"]),
        (["run", "--help"], ["--instructions", "--timeout-ms", "--memory-mb"]),
        (["documents", "pdf", "--help"], ["--output"]),
    ])
    func subcommandHelp(arguments: [String], options: [String]) async throws {
        let result = try await FirmlinkProcess.launch(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        for option in options {
            #expect(result.stdout.contains(option), "\(option) in:\n\(result.stdout)")
        }
    }

    @Test("an unknown option exits with 2 and names it", arguments: [
        ["--frobnicate"], ["sync", "--frobnicate"], ["stock", "--frobnicate"], ["rules", "test", "--frobnicate"],
    ])
    func unknownOption(arguments: [String]) async throws {
        let result = try await FirmlinkProcess.launch(arguments, files: [:])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--frobnicate"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("an unknown command exits with 2 and names it")
    func unknownCommand() async throws {
        let result = try await FirmlinkProcess.launch(["invoice-everything"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("invoice-everything"), "\(result.stderr)")
    }

    @Test("a missing required option exits with 2 and names it")
    func missingOption() async throws {
        let result = try await FirmlinkProcess.launch(["rules", "explain"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--order"), "\(result.stderr)")
    }

    @Test("firmlink --version prints the release and exits with 0")
    func version() async throws {
        let result = try await FirmlinkProcess.launch(["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }

    @Test("every command a message of firmlink points to exists")
    func pointedCommandsExist() async throws {
        // `firmlink <command> [<subcommand>]` written in the sources' string literals.
        let sources = repositoryRoot.appendingPathComponent("Sources")
        var mentioned = Set<[String]>()
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                var rest = Substring(line)
                while let range = rest.range(of: #"firmlink [a-z][a-z-]*( [a-z][a-z-]*)?"#, options: .regularExpression) {
                    let words = rest[range].split(separator: " ").dropFirst().map(String.init)
                    mentioned.insert(words)
                    rest = rest[range.upperBound...]
                }
            }
        }
        #expect(mentioned.contains(["orders", "skip"]), "the scan finds the messages: \(mentioned)")
        for words in mentioned.sorted(by: { $0.joined(separator: " ") < $1.joined(separator: " ") }) {
            // A second word may be an argument rather than a subcommand: the first must exist.
            let first = try await FirmlinkProcess.launch([words[0], "--help"])
            #expect(first.status == 0, "firmlink \(words[0]) is mentioned but does not exist: \(first.stderr)")
            if words.count == 2, first.stdout.contains("SUBCOMMANDS:") {
                let second = try await FirmlinkProcess.launch(words + ["--help"])
                #expect(second.status == 0, "firmlink \(words.joined(separator: " ")) is mentioned but does not exist: \(second.stderr)")
            }
        }
    }
}
