import Testing

@testable import Config

/// A table header whose key starts with a character no key starts with made the TOML reader
/// abort (an assertion in toml++); such a header is now refused as a syntax error, with its line.
@Suite("table headers")
struct TableHeaderTests {
    @Test("a header that starts with no key is refused with its line, not an abort", arguments: [
        ("[=]\n", 1, "'='"), ("[orders]\nfrom = \"2026-11-01\"\n[ #]\n", 3, "'#'"), ("[[,]]\n", 1, "','"),
        ("[[[orders]]]\n", 1, "'['"), ("[orders]\n[\n", 2, "the line's end"), ("# a comment\n[\r\n", 2, "the line's end"),
        ("[\t{a = 1}]\n", 1, "'{'"),
    ])
    func refused(text: String, line: Int, found: String) throws {
        let error = try #require(throws: ConfigurationError.self) {
            try Configuration.parse(text, file: "firmlink.toml")
        }
        #expect(error.line == line)
        #expect(error.message == "a table header must start with a key, found \(found)", "\(error)")
        #expect(error.description.hasPrefix("firmlink.toml:\(line): "))
    }

    @Test("headers the reader refuses by itself are left to it: an empty key, spaced array brackets, the file's end")
    func leftToTheReader() throws {
        for text in ["[]\n", "[ ]\n", "[[ ]]\n", "[ [orders]]\n", "[", "[[", "[ "] {
            #expect(TableHeaderCheck.firstBadHeader(in: text) == nil, "\(text)")
            #expect(throws: ConfigurationError.self, "\(text)") { try Configuration.parse(text, file: "firmlink.toml") }
        }
    }

    @Test("brackets inside values, strings and comments are not headers")
    func notHeaders() {
        let texts = [
            // Arrays of arrays and of inline tables over several lines: a line may start with `[` or `{`.
            "a = [\n  [ { b = 1 } ],\n  { c = [ 1 ] },\n  [\n[ 2 ]],\n]\n",
            // Multi-line strings holding what would be a bad header, and quotes that end them.
            "a = \"\"\"\n[=]\n\\\"\"\"\n[#]\n\"\"\"\"\"\n[ok]\n",
            "a = '''\n[=]\n'''''\nb = 'x[=]'\n",
            // A one-line string with an escaped quote and brackets; a comment with brackets.
            "a = \"q\\\"[\"\n# [=]\n[\"quoted key\".bare]\n[[ 'array'.of-tables ]]\n",
            // A header's quoted key holding a bracket, then a value.
            "[\"a]\"]\nb = [1, 2]\n",
        ]
        for text in texts {
            #expect(TableHeaderCheck.firstBadHeader(in: text) == nil, "\(text)")
        }
        // …and past them, a bad header is still found, on its line.
        for text in texts {
            let lines = text.count { $0 == "\n" }
            #expect(TableHeaderCheck.firstBadHeader(in: text + "[=]\n")?.line == lines + 1, "\(text)")
        }
    }
}
