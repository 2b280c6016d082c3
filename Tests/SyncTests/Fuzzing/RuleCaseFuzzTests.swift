import Foundation
import PropertyBased
import Testing

@testable import RuleTesting

/// The rule-case loader against broken YAML: the built-in rules' own cases with their bytes
/// mutated. Whatever a file holds, loading ends with cases, or errors that name the file and,
/// where the YAML reader knows it, the line.
struct RuleCaseFuzzTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/rules/tests")

    static func texts() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    @Test("mutated rule cases: cases, or errors naming the file and the line")
    func mutatedBytes() async throws {
        let texts = try Self.texts()
        #expect(texts.count >= 5)
        let folder = try FuzzFolder()
        defer { folder.remove() }
        await propertyCheck(count: fuzzIterations(200), input: Gen.int(in: 0...(texts.count - 1)), Mutation.plans) {
            index, mutations in
            Self.expectClearLoading(Mutation.apply(mutations, to: texts[index]), in: folder)
        }
    }

    @Test("nesting past the YAML reader's limit is an error naming the line, not a crash")
    func deepNesting() throws {
        let folder = try FuzzFolder()
        defer { folder.remove() }
        for text in [
            "name: deep\norder: " + String(repeating: "[", count: 20_000),
            "name: deep\norder:\n" + (0..<3_000).map { String(repeating: " ", count: $0) + "- a:" }.joined(separator: "\n"),
        ] {
            Self.expectClearLoading(Array(text.utf8), in: folder)
        }
    }

    /// The lines a YAML reader can name in `bytes`: it breaks lines at `\n`, `\r\n`, a lone `\r`,
    /// NEL, LS and PS, and puts the end of a text without a final break on the line after its
    /// last, as if the break were there.
    static func yamlLines(_ bytes: [UInt8]) -> Int {
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var breaks = 0
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\r": if index + 1 == scalars.count || scalars[index + 1] != "\n" { breaks += 1 }
            case "\n", "\u{85}", "\u{2028}", "\u{2029}": breaks += 1
            default: break
            }
        }
        let endsWithBreak = scalars.last.map { ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) } ?? true
        return breaks + (endsWithBreak ? 1 : 2)
    }

    /// Loads `bytes` as a rule-case file.
    static func expectClearLoading(_ bytes: [UInt8], in folder: FuzzFolder, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = folder.write("case.yaml", bytes)
        let lineCount = Self.yamlLines(bytes)
        func check(_ error: RuleFileError) {
            #expect(error.file == path && error.description.hasPrefix(path), "\(error)", sourceLocation: sourceLocation)
            if let line = error.line {
                #expect((1...lineCount).contains(line), "\(error)", sourceLocation: sourceLocation)
            }
        }
        do {
            for result in try RuleCase.load(file: path) {
                if case .failure(let error) = result { check(error) }
            }
        } catch let error as RuleFileError {
            check(error)
        } catch {
            Issue.record("not a RuleFileError: \(error)", sourceLocation: sourceLocation)
        }
    }
}
