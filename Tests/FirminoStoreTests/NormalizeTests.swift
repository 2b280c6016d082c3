import Testing
import FirminoStore

struct NormalizeTests {
    @Test("composed and decomposed spellings of Polish letters normalise alike, to NFC")
    func nfc() {
        let decomposed = "Zaz\u{0307}o\u{0301}\u{0142}c\u{0301} Ge\u{0328}s\u{0301}la\u{0328} Jaz\u{0301}n\u{0301}"
        let composed = "Zażółć Gęślą Jaźń"
        #expect(Normalize.name(decomposed) == Normalize.name(composed))
        #expect(Array(Normalize.name(decomposed).unicodeScalars) == Array("zażółć gęślą jaźń".unicodeScalars))
    }

    @Test("trimmed, inner whitespace of any kind collapsed to one space")
    func whitespace() {
        #expect(Normalize.name("  Kubek \t 300\u{00A0}\u{00A0}ml \n") == "kubek 300 ml")
        #expect(Normalize.name("") == "")
        #expect(Normalize.name(" \t ") == "")
    }

    @Test("case-folded fully: Łódź equals ŁÓDŹ, Straße equals STRASSE, ligatures unfold")
    func caseFolding() {
        #expect(Normalize.name("ŁÓDŹ") == Normalize.name("Łódź"))
        #expect(Normalize.name("Łódź") == "łódź")
        #expect(Normalize.name("Straße") == Normalize.name("STRASSE"))
        #expect(Normalize.name("ﬁlc") == "filc")
        #expect(Normalize.name("ŻÓŁW Sp. Z O.O.") == "żółw sp. z o.o.")
        #expect(Normalize.name("ACME GmbH") == Normalize.name("acme gmbh"))
    }

    @Test("normalising twice changes nothing")
    func idempotent() {
        for text in ["  Zażółć  GĘŚLĄ ", "Straße", "e\u{0301}", "İstanbul", "ΣΊΣΥΦΟΣ"] {
            #expect(Normalize.name(Normalize.name(text)) == Normalize.name(text))
        }
    }

    @Test("tax ids: upper-case without spaces, dashes and dots")
    func taxIds() {
        #expect(Normalize.taxId("pl 526-000-12.46") == "PL5260001246")
        #expect(Normalize.taxId(" 526 000 12 46 ") == "5260001246")
        #expect(Normalize.taxId("de123.456.789") == "DE123456789")
        #expect(Normalize.taxId("") == "")
    }

    @Test("SKUs compare trimmed and case-insensitively")
    func skus() {
        #expect(Normalize.sku(" kub-300 ") == Normalize.sku("KUB-300"))
        #expect(Normalize.sku("A b") != Normalize.sku("ab"))
    }
}
