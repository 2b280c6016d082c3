import CHaru

/// How one printout's text is spelled in its PDF: every character it shows gets a 2-byte code
/// (neither byte zero, so libharu can take the text as a C string) and CID; both faces share the
/// codes and one ToUnicode CMap, from which viewers and `pdftotext` read the text back.
///
/// The numbering is per printout, so a document's fonts describe only the characters it shows.
struct PrintoutEncoding {
    static let name = "Firmlink-Printout"
    /// Codes run 0x0101...0x01FF, 0x0201..., up to 0xFEFF.
    static let capacity = 254 * 255

    /// The characters shown, in code point order; the code of `scalars[i]` is `code(i + 1)`.
    let scalars: [UInt32]
    private let codes: [UInt32: UInt16]

    /// Throws ``StoreError`` `.printing` when the text holds more distinct characters than there
    /// are codes.
    init<Scalars: Sequence>(_ shown: Scalars) throws where Scalars.Element == UInt32 {
        scalars = Set(shown).sorted()
        guard scalars.count < Self.capacity else {
            throw StoreError(.printing, "a printout shows \(scalars.count) different characters, more than the \(Self.capacity - 1) a PDF font here can hold")
        }
        codes = Dictionary(uniqueKeysWithValues: scalars.enumerated().map { ($1, Self.code($0 + 1)) })
    }

    /// The code of the `number`th character (from 1).
    static func code(_ number: Int) -> UInt16 {
        UInt16((1 + (number - 1) / 255) << 8 | (1 + (number - 1) % 255))
    }

    /// `text` (printable, every character among ``scalars``) as big-endian codes, NUL-ended.
    func encode(_ text: String) -> [CChar] {
        var bytes: [CChar] = []
        bytes.reserveCapacity(text.unicodeScalars.count * 2 + 1)
        for scalar in text.unicodeScalars {
            let code = codes[scalar.value] ?? Self.code(1)
            bytes.append(CChar(bitPattern: UInt8(code >> 8)))
            bytes.append(CChar(bitPattern: UInt8(code & 0xFF)))
        }
        bytes.append(0)
        return bytes
    }

    /// The CID ranges of the Encoding CMap, ended as libharu expects. One CID more than there
    /// are characters: libharu 2.3.0 leaves the highest CID out of a font's widths and
    /// CIDToGIDMap, so it must be one no text uses.
    var cidRanges: [HPDF_CidRange_Rec] {
        let count = scalars.count + 1
        var ranges: [HPDF_CidRange_Rec] = []
        for first in stride(from: 1, through: count, by: 255) {
            let last = min(first + 254, count)
            ranges.append(HPDF_CidRange_Rec(from: Self.code(first), to: Self.code(last), cid: UInt16(first)))
        }
        ranges.append(HPDF_CidRange_Rec(from: 0xFFFF, to: 0xFFFF, cid: 0))
        return ranges
    }

    /// Each code's character, for libharu's widths and glyph lookups, ended as libharu expects.
    var unicodes: [HPDF_UnicodeMap_Rec] {
        scalars.enumerated().map { HPDF_UnicodeMap_Rec(code: Self.code($0 + 1), unicode: UInt16($1)) }
            + [HPDF_UnicodeMap_Rec(code: Self.code(scalars.count + 1), unicode: 0x20),
               HPDF_UnicodeMap_Rec(code: 0xFFFF, unicode: 0xFFFF)]
    }

    static let codespace = HPDF_CidRange_Rec(from: 0x0101, to: 0xFFFF, cid: 0)

    /// The ToUnicode CMap: runs of consecutive codes for consecutive characters as `bfrange`s,
    /// at most 100 to a block, none crossing a first byte of a code or of a character.
    var toUnicode: String {
        var runs: [(first: Int, last: Int)] = []
        for (index, scalar) in scalars.enumerated() {
            let number = index + 1
            if let run = runs.last, scalars[run.last - 1] + 1 == scalar, (number - 1) % 255 != 0, scalar & 0xFF != 0 {
                runs[runs.count - 1].last = number
            } else {
                runs.append((number, number))
            }
        }
        var cmap = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0101> <FFFF>
            endcodespacerange

            """
        for block in stride(from: 0, to: runs.count, by: 100) {
            let blockRuns = runs[block..<min(block + 100, runs.count)]
            cmap += "\(blockRuns.count) beginbfrange\n"
            for run in blockRuns {
                cmap += "<\(hex(Self.code(run.first)))> <\(hex(Self.code(run.last)))> <\(hex(UInt16(scalars[run.first - 1])))>\n"
            }
            cmap += "endbfrange\n"
        }
        cmap += """
            endcmap
            CMapName currentdict /CMap defineresource pop
            end
            end

            """
        return cmap
    }

    private func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
