import Foundation
import PropertyBased

/// One change to an input's bytes, drawn by a generator. Positions are fractions of the
/// input's length, so one plan applies to any input; a list of them is a fuzzing case that
/// PropertyBased shrinks to the fewest, smallest changes that still fail.
struct Mutation: CustomStringConvertible {
    enum Kind: CaseIterable {
        case delete, insert, replace, duplicate, truncate, token, nest
    }

    var kind: Kind
    /// Where, as a fraction of the length: 0 is the start, 1 the end.
    var position: Double
    /// A byte to insert or write, or which token to insert.
    var byte: UInt8
    /// How many bytes to delete or copy, or how many times to repeat a nesting opener (×64).
    var length: Int

    var description: String { "\(kind)@\(Int(position * 1000))‰ \(byte)×\(length)" }

    /// Bytes that change a text's structure in JSON, TOML, YAML and form bodies alike.
    static let tokens: [String] = [
        "{", "}", "[", "]", "\"", "'", ",", ":", "=", "&", "%", "%0", "+", "\\", "\\u", "\\uD800", "\n", "\r\n", "\t",
        " ", "#", "-", "- ", "---\n", "...", "*a", "&a ", "!!", "!!binary ", "|", ">", "?", "@", "`", "\0", "\u{7F}",
        "é", "\u{FFFD}", "\u{202E}", "1e999", "-0", "9223372036854775808", "-9223372036854775809", "0x1F", "NaN",
        "inf", "null", "true", "[]", "{}", "\"\"", "[[", "]]", "\"\"\"", "'''",
    ]

    /// Openers that nest when repeated.
    static let openers: [String] = ["[", "{\"a\":", "- ", "[{", "{ a: [", "a = [", "x[", "%5B"]

    func apply(to bytes: inout [UInt8]) {
        let at = min(bytes.count, Int(position * Double(bytes.count)))
        switch kind {
        case .delete:
            bytes.removeSubrange(at..<min(bytes.count, at + length))
        case .insert:
            bytes.insert(byte, at: at)
        case .replace:
            if at < bytes.count { bytes[at] = byte } else { bytes.append(byte) }
        case .duplicate:
            let chunk = Array(bytes[at..<min(bytes.count, at + length * 8)])
            let target = min(bytes.count, Int(Double(byte) / 255 * Double(bytes.count)))
            bytes.insert(contentsOf: chunk, at: target)
        case .truncate:
            bytes.removeSubrange(at...)
        case .token:
            bytes.insert(contentsOf: Array(Self.tokens[Int(byte) % Self.tokens.count].utf8), at: at)
        case .nest:
            let opener = Array(Self.openers[Int(byte) % Self.openers.count].utf8)
            let repeated = (0..<(length * 64)).flatMap { _ in opener }
            bytes.insert(contentsOf: repeated, at: at)
        }
    }

    static func apply(_ mutations: [Mutation], to text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        for mutation in mutations { mutation.apply(to: &bytes) }
        return bytes
    }

    /// A mutation: nesting is rare (it makes inputs large), the rest equally likely.
    static let generator = zip(
        Gen.int(in: 0...60), Gen.double(in: 0...1), Gen<UInt8>.value(in: 0...255), Gen.int(in: 1...24)
    ).map { kind, position, byte, length in
        let kinds: [Kind] = [.delete, .insert, .replace, .duplicate, .truncate, .token]
        return Mutation(
            kind: kind == 0 ? .nest : kind == 1 ? .truncate : kinds[kind % kinds.count], position: position, byte: byte,
            length: length)
    }

    /// One to six mutations.
    static let plans = generator.array(of: 1...6)
}

/// How many cases each fuzz test runs: `FIRMLINK_FUZZ_ITERATIONS`, else `standard` (kept small
/// for CI; a long local run sets the variable to thousands).
func fuzzIterations(_ standard: Int) -> Int {
    ProcessInfo.processInfo.environment["FIRMLINK_FUZZ_ITERATIONS"].flatMap(Int.init).map { max(1, $0) } ?? standard
}
