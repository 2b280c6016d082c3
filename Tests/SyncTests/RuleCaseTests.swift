import Foundation
import LuaHost
import Testing

@testable import Sync

/// The rule cases under `scripts/rules/tests` are the built-in rules' documentation; they must
/// all pass, and the rules compiled into the binary must be the shipped `default.lua`.
@Suite("built-in rules")
struct RuleCaseTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let limits = LuaLimits(instructions: 1_000_000, timeout: .seconds(1), memory: 64 << 20)
    static let warsaw = TimeZone(identifier: "Europe/Warsaw")!

    @Test("the compiled-in rules are scripts/rules/default.lua, byte for byte")
    func embeddedRulesMatchTheShippedFile() throws {
        let shipped = try String(
            contentsOf: Self.repository.appendingPathComponent("scripts/rules/default.lua"), encoding: .utf8)
        #expect(DefaultRules.source + "\n" == shipped, "run scripts/rules/embed after editing default.lua")
    }

    @Test("every documented rule case passes with the built-in rules")
    func documentedCasesPass() throws {
        var output: [String] = []
        let runner = RuleTestRunner(rules: nil, limits: Self.limits, timeZone: Self.warsaw)
        let summary = try runner.run(paths: [Self.repository.appendingPathComponent("scripts/rules/tests").path]) {
            output.append($0)
        }
        #expect(summary.failed == 0, "\(output.joined(separator: "\n"))")
        #expect(summary.passed >= 40)
        #expect(output.last == "\(summary.passed) passed, 0 failed")
    }
}
