import BaseLinkerSandbox
import Config
import Foundation
import PropertyBased
import Testing

/// The configuration loader against broken `firmlink.toml` files: the sandbox seller's
/// configuration (and one with every table) with its bytes mutated or a value of another type.
/// Whatever the file holds, loading ends with a configuration or a `ConfigurationError` that
/// names the file and where in it.
struct ConfigurationFuzzTests {
    static let texts: [String] = {
        var seller = SandboxSellerConfiguration(url: URL(string: "http://127.0.0.1:8080/connector.php")!)
        let plain = seller.text
        seller.warehouses = "import_new = true\npush_stock = false"
        seller.extra = """

            [rules]
            script = "rules.lua"
            instructions = 500000
            timeout_ms = 200
            memory_mb = 32

            [numbering]
            receipt = "PAR/{n}/{MM}/{YYYY}"
            invoice = "FV/{n}/{M}/{YY}"
            """
        return [plain, seller.text]
    }()

    /// TOML values of every type, and a few no TOML reader accepts.
    static let oddValues = [
        #""abc""#, #""""#, "-1", "0", "9223372036854775807", "9223372036854775808", "1e999", "nan", "inf", "-0.0",
        "true", "[1, \"a\"]", "[]", "{ a = 1 }", "{}", "2026-13-45", "2026-11-01", "2026-11-01T25:00:00", #""\u0000""#,
        #""\uD800""#, "'''x'''", "[[[[[[[[1]]]]]]]]", "", "=", "\"unterminated",
    ]

    @Test("mutated bytes: a configuration, or an error naming the file and the line or key")
    func mutatedBytes() async throws {
        let folder = try FuzzFolder()
        defer { folder.remove() }
        await propertyCheck(count: fuzzIterations(300), input: Gen.int(in: 0...(Self.texts.count - 1)), Mutation.plans) {
            index, mutations in
            Self.expectClearLoading(Mutation.apply(mutations, to: Self.texts[index]), in: folder)
        }
    }

    @Test("a value of another type: a configuration, or an error naming the file and the line or key")
    func oddValues() async throws {
        let folder = try FuzzFolder()
        defer { folder.remove() }
        let change = zip(Gen.int(in: 0...10_000), Gen.int(in: 0...(Self.oddValues.count - 1)))
        await propertyCheck(
            count: fuzzIterations(300), input: Gen.int(in: 0...(Self.texts.count - 1)), change.array(of: 1...3)
        ) { index, changes in
            var lines = Self.texts[index].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let valued = lines.indices.filter { lines[$0].contains(" = ") }
            for (which, value) in changes {
                let line = valued[which % valued.count]
                let key = lines[line].prefix { $0 != "=" }
                lines[line] = String(key) + "= " + Self.oddValues[value]
            }
            Self.expectClearLoading(Array(lines.joined(separator: "\n").utf8), in: folder)
        }
    }

    @Test("tables and arrays nested past any sense: an error, not a crash")
    func deepNesting() throws {
        let folder = try FuzzFolder()
        defer { folder.remove() }
        for text in [
            "a = " + String(repeating: "[", count: 50_000),
            "a = " + String(repeating: "{ b = ", count: 50_000),
            String(repeating: "[a.", count: 20_000) + "b]",
        ] {
            Self.expectClearLoading(Array(text.utf8), in: folder)
        }
    }

    /// Loads `bytes` as a file, as the command line does.
    static func expectClearLoading(_ bytes: [UInt8], in folder: FuzzFolder, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = folder.write("firmlink.toml", bytes)
        let lineCount = bytes.count { $0 == UInt8(ascii: "\n") } + 1
        do {
            _ = try Configuration.load(path: path, environment: [:])
        } catch let error as ConfigurationError {
            #expect(error.file == path && error.description.hasPrefix(path), "\(error)", sourceLocation: sourceLocation)
            if let line = error.line {
                #expect((1...lineCount).contains(line), "\(error)", sourceLocation: sourceLocation)
            }
            // Only a file that is not text at all has no line or key to name.
            #expect(error.line != nil || error.key != nil || error.message == "is not UTF-8 text", "\(error)",
                    sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a ConfigurationError: \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// A temporary folder for one fuzz test's files.
struct FuzzFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("firmlink-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` in the folder and returns its path.
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let file = url.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(bytes))
        return file.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
