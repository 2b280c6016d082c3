/// The TOML reader (toml++ under TOMLKit) asserts, rather than reports, that a table header's
/// first key starts with a key's character or a quote: on `[=]`, `[ #]` or `[[,]]` a debug build
/// aborts and a release build reads on past a broken assumption. This scan finds such a header
/// first, so that it is refused as any other syntax error is, with its line.
///
/// It follows the TOML grammar only as far as needed to tell a header from a value: strings
/// (all four kinds), comments, and the brackets and braces of arrays and inline tables. On
/// valid TOML it is exact; past the first syntax error it may be out of step, but the reader
/// stops at that error anyway.
enum TableHeaderCheck {
    /// The line of the first table header whose key starts with a character no key starts
    /// with, and that character; nil when there is none.
    static func firstBadHeader(in text: String) -> (line: Int, found: Unicode.Scalar)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var depth = 0  // open brackets and braces of a value
        var statementStart = true

        func at(_ offset: Int) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\n":
                line += 1
                if depth == 0 { statementStart = true }
                index += 1
            case " ", "\t", "\r", "\u{FEFF}":
                index += 1
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "\"", "'":
                statementStart = false
                let triple = at(1) == scalar && at(2) == scalar
                index += triple ? 3 : 1
                while index < scalars.count {
                    let inner = scalars[index]
                    if inner == "\n" {
                        if !triple { break }  // a one-line string left open: the reader's error
                        line += 1
                    } else if inner == "\\" && scalar == "\"" {
                        index += 1
                        if at(0) == "\n" { line += 1 }
                    } else if inner == scalar && (!triple || (at(1) == scalar && at(2) == scalar)) {
                        index += triple ? 3 : 1
                        // A multi-line string may end in up to two more quotes of its own.
                        while triple, at(0) == scalar { index += 1 }
                        break
                    }
                    index += 1
                }
            case "[" where statementStart && depth == 0:
                statementStart = false
                index += 1
                var spaced = false
                while let next = at(0), next == " " || next == "\t" { index += 1; spaced = true }
                // `[ [` is refused by the reader itself; `[[` opens an array of tables.
                if at(0) == "[" {
                    if spaced { break }
                    index += 1
                    while let next = at(0), next == " " || next == "\t" { index += 1 }
                }
                if let first = at(0), !Self.startsKey(first) {
                    return (line, first)
                }
            case "[", "{":
                statementStart = false
                depth += 1
                index += 1
            case "]", "}":
                depth = max(0, depth - 1)
                index += 1
            default:
                statementStart = false
                index += 1
            }
        }
        return nil
    }

    /// A bare key's character, a quote, or the header's end, which the reader refuses by
    /// itself as an empty key.
    private static func startsKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'", "]": true
        default: false
        }
    }
}
