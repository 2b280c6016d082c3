import Foundation

/// The one definition of how names, tax ids and SKUs are compared, so that a look-up by the
/// store and a comparison made by a rule agree. The store keeps the normalised forms in
/// indexed columns; the rule hooks get the same functions as `ctx.util.normalize_name` and
/// `ctx.util.normalize_tax_id`.
public enum Normalize {
    /// Unicode NFC, trimmed, inner whitespace collapsed to one space, case-folded.
    ///
    /// Case folding is Foundation's `folding(options: .caseInsensitive, locale: nil)`: full
    /// Unicode case folding independent of the user's locale, so `"ŁÓDŹ"` and `"Łódź"` are
    /// equal, `"Straße"` equals `"STRASSE"` and ligatures such as `"ﬁ"` fold to `"fi"` (plain
    /// `lowercased()` keeps `ß` and `ﬁ` apart). Folding can leave decomposed characters, so
    /// the result is composed to NFC again; every Unicode whitespace (tab, new line, no-break
    /// space) counts as a separator.
    ///
    /// A sync asks for the same few names again and again (every line of a product, every
    /// order of a returning buyer), and Foundation's normalisation and folding cost more than
    /// the look-up they serve, so the last few thousand answers are kept.
    public static func name(_ text: String) -> String {
        if let known = nameCache.value(for: text) { return known }
        let normalized = foldedName(text)
        nameCache.keep(normalized, for: text)
        return normalized
    }

    private static let nameCache = Memo(capacity: 4096)

    private static func foldedName(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        let collapsed = composed
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
        return collapsed
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCanonicalMapping
    }

    /// Upper-case, with every space, dash and dot removed: `"pl 526-000-12.46"` →
    /// `"PL5260001246"`.
    public static func taxId(_ text: String) -> String {
        String(
            text.precomposedStringWithCanonicalMapping
                .uppercased()
                .filter { !$0.isWhitespace && $0 != "-" && $0 != "." }
        )
    }

    /// A SKU as compared: trimmed and case-folded (`" kub-300 "` matches `"KUB-300"`).
    public static func sku(_ text: String) -> String {
        text.trimmingSpaces
            .precomposedStringWithCanonicalMapping
            .folding(options: [.caseInsensitive], locale: nil)
    }

    /// Text as it may be stored and printed: control characters (a NUL included) and the bidi
    /// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which would hide or
    /// reorder what a document shows, are removed — tabs and line breaks become spaces — and the
    /// rest is kept. Text longer than `limit` characters is cut there and marked with `…`.
    public static func printable(_ text: String, limit: Int = 300) -> String {
        // Most text is already printable: it is looked at once, and copied only to be changed.
        let plainASCII = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        let result = plainASCII || !text.unicodeScalars.contains(where: isRemoved) ? text : cleaned(text)
        // No more characters than bytes: most text is not counted at all.
        guard result.utf8.count > limit, result.count > limit else { return result }
        return String(result.prefix(limit - 1)) + "…"
    }

    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func cleaned(_ text: String) -> String {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: cleaned.append(" ")
            case _ where isRemoved(scalar): continue
            default: cleaned.append(scalar)
            }
        }
        return String(cleaned)
    }
}

/// A bounded memo of a pure function's answers, shared by every thread: when full it starts
/// over, which keeps the names of the current run.
private final class Memo: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String: String] = [:]
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func value(for key: String) -> String? {
        lock.withLock { answers[key] }
    }

    func keep(_ value: String, for key: String) {
        lock.withLock {
            if answers.count >= capacity { answers.removeAll(keepingCapacity: true) }
            answers[key] = value
        }
    }
}
