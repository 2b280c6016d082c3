import Foundation

extension FontFace {
    /// `text` as this face prints it: composed (NFC, so a decomposed "é" shows as one letter),
    /// tabs and line breaks as spaces, invisible characters (zero-width space, direction marks,
    /// variation selectors) left out, and every other character the face cannot show — an emoji,
    /// a CJK ideograph — replaced by ``mark``, one mark per character as a reader sees it.
    func printable(_ text: String) -> String {
        if showsAsIs(text) { return text }
        var printable = ""
        for character in text.precomposedStringWithCanonicalMapping {
            if character.unicodeScalars.allSatisfy({ width(of: $0) != nil }) {
                printable.append(character)
                continue
            }
            if character.isWhitespace {
                printable.append(" ")
                continue
            }
            let visible = character.unicodeScalars.filter { !$0.isInvisible }
            if visible.isEmpty { continue }
            if visible.allSatisfy({ width(of: $0) != nil }) {
                printable.unicodeScalars.append(contentsOf: visible)
            } else {
                printable.append(mark)
            }
        }
        return printable
    }

    /// True when every character of `text` is a single code point the face shows and below the
    /// combining marks (U+0300), hence already composed: most text, checked without
    /// normalising it.
    private func showsAsIs(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x300 && width(of: $0) != nil }
    }
}
