import ArgumentParser
import Config
import Foundation
import RuleTesting
import Sync

extension Firmlink.Rules {
    /// `firmlink rules init [DIR] [--force]`: a rules.lua to edit, cases that pass, and the
    /// editor's definitions.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a commented rules.lua, example cases in tests/ and the editor's definitions.",
            discussion: """
                Every hook in the rules.lua written calls the built-in one, so it changes nothing until it is \
                edited. types/firmlink.lua and .luarc.json let an editor with the Lua language server (LuaLS) \
                complete and check the API. Existing files are left alone unless --force is given.
                """)

        @Argument(help: "The folder to write into (default: the current folder).")
        var folder = "."

        @Flag(help: "Overwrite files that exist already.")
        var force = false

        func run() async throws {
            let written: [String]
            do {
                written = try RulesStarter.write(into: folder, force: force)
            } catch let error as RulesStarter.ExistingFiles {
                throw CommandFailure(error.description, status: .usage)
            } catch {
                throw CommandFailure("cannot write into \(folder): \(error.localizedDescription)", status: .usage)
            }
            for path in written { print("wrote \(path)") }
            let rules = written[0]
            print("""
                next: edit a hook in \(rules), then
                  firmlink rules check \(rules)
                  firmlink rules test \(folder == "." ? "tests" : (folder as NSString).appendingPathComponent("tests"))
                and set [rules] script = "\(rules)" in firmlink.toml before firmlink sync --dry-run
                """)
        }
    }

    /// `firmlink rules check FILE`: what can be told of a rules script without an order.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a rules script: syntax, hook names, globals, hook parameters.",
            discussion: """
                Prints each problem as file:line: message and exits with 1 when there is any; prints an ok \
                line and exits with 0 otherwise. Problems: a syntax error or an error while the script \
                loads; a global function that is not a hook (helpers should be local); a global assigned \
                outside a function; a hook defined with other parameters than it is called with.
                """)

        @Argument(help: ArgumentHelp("The rules script.", valueName: "file"))
        var file: String

        func run() async throws {
            let source: RulesSource
            do {
                source = try RulesSource.reading(file)
            } catch {
                throw CommandFailure(error.description, status: .usage)
            }
            let check = RulesCheck(source, limits: Configuration.Rules().limits)
            guard check.problems.isEmpty else {
                for problem in check.problems { print(problem.description) }
                let count = check.problems.count
                print("\(file): \(count) \(count == 1 ? "problem" : "problems")")
                throw ExitCode(1)
            }
            let hooks = check.hooks.map(\.rawValue)
            let defines = switch hooks.count {
            case 0: "defines no hook; the built-in rules decide everything"
            case Hook.allCases.count: "defines every hook"
            default: "defines \(hooks.joined(separator: ", ")); the built-in rules decide the rest"
            }
            print("\(file): ok (\(defines))")
        }
    }
}
