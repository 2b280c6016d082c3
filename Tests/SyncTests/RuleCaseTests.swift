import Foundation
import LuaHost
import Testing

import Config
import RuleTesting
import Sync

/// The rule cases under `scripts/rules/tests` are the built-in rules' documentation; they must
/// all pass.
@Suite("built-in rules")
struct RuleCaseTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let limits = Configuration.Rules().limits
    static let warsaw = TimeZone(identifier: "Europe/Warsaw")!

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
