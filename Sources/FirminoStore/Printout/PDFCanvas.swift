import Foundation

/// A drawing surface for A4 pages: text in a regular and a bold face, lines and filled boxes.
/// Coordinates are points from the bottom-left corner.
///
/// Drawing only records; ``data()`` hands the pages to ``PDFRenderer``, which embeds just the
/// glyphs the pages show. Text is measured here, from the faces' advance widths.
final class PDFCanvas {
    static let pageWidth: Float = 595.276
    static let pageHeight: Float = 841.89

    enum Alignment { case left, right }

    /// A run of text, already ``FontFace/printable(_:)`` in its face.
    struct Text {
        var text: String
        var x: Float
        var y: Float
        var size: Float
        var bold: Bool
    }

    struct Stroke {
        var from: (x: Float, y: Float)
        var to: (x: Float, y: Float)
        var width: Float
        var gray: Float
    }

    struct Fill {
        var x: Float
        var y: Float
        var width: Float
        var height: Float
        var gray: Float
    }

    /// What one page shows. Boxes lie under lines, lines under text.
    struct Page {
        var fills: [Fill] = []
        var strokes: [Stroke] = []
        var texts: [Text] = []
    }

    let regular: FontFace
    let bold: FontFace
    private(set) var pages: [Page] = []
    private var current = 0

    init(fonts: PrintoutFonts) throws {
        let faces = try fonts.check()
        regular = faces.regular
        bold = faces.bold
    }

    func face(bold isBold: Bool) -> FontFace { isBold ? bold : regular }

    /// Starts a new A4 portrait page; drawing goes there from now on.
    func newPage() {
        pages.append(Page())
        current = pages.count - 1
    }

    /// Draws on an earlier page (page numbers once the count is known).
    func select(page index: Int) {
        current = index
    }

    /// The width of `text` in points as printed: the sum of its glyphs' advances (no kerning,
    /// no extra character or word spacing).
    func width(_ text: String, size: Float, bold isBold: Bool = false) -> Float {
        let face = face(bold: isBold)
        var units: UInt32 = 0
        for scalar in face.printable(text).unicodeScalars { units += UInt32(face.width(of: scalar) ?? 0) }
        return Float(units) * size / 1000
    }

    func text(_ text: String, x: Float, y: Float, size: Float, bold isBold: Bool = false, align: Alignment = .left) {
        guard !pages.isEmpty else { return }
        let printable = face(bold: isBold).printable(text)
        guard !printable.isEmpty else { return }
        let left = align == .left ? x : x - width(printable, size: size, bold: isBold)
        pages[current].texts.append(Text(text: printable, x: left, y: y, size: size, bold: isBold))
    }

    func line(from start: (Float, Float), to end: (Float, Float), width lineWidth: Float = 0.5, gray: Float = 0) {
        guard !pages.isEmpty else { return }
        pages[current].strokes.append(Stroke(from: start, to: end, width: lineWidth, gray: gray))
    }

    func fill(x: Float, y: Float, width boxWidth: Float, height: Float, gray: Float) {
        guard !pages.isEmpty else { return }
        pages[current].fills.append(Fill(x: x, y: y, width: boxWidth, height: height, gray: gray))
    }

    /// Breaks `text` into lines no wider than `maxWidth`, at spaces where possible; a word
    /// wider than a line is cut between characters. Widths add up, so each word and character
    /// is measured once. The lines come back printable, as ``text(_:x:y:size:bold:align:)``
    /// would draw them.
    func wrap(_ text: String, width maxWidth: Float, size: Float, bold isBold: Bool = false) -> [String] {
        let text = face(bold: isBold).printable(text)
        let space = width(" ", size: size, bold: isBold)
        var lines: [String] = []
        var current = ""
        var currentWidth: Float = 0
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            let wordWidth = width(word, size: size, bold: isBold)
            let candidateWidth = current.isEmpty ? wordWidth : currentWidth + space + wordWidth
            if candidateWidth <= maxWidth {
                current = current.isEmpty ? word : current + " " + word
                currentWidth = candidateWidth
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            currentWidth = 0
            for character in word {
                let characterWidth = width(String(character), size: size, bold: isBold)
                if currentWidth + characterWidth > maxWidth, !current.isEmpty {
                    lines.append(current)
                    current = String(character)
                    currentWidth = characterWidth
                } else {
                    current.append(character)
                    currentWidth += characterWidth
                }
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The finished PDF.
    func data() throws -> Data {
        try PDFRenderer(regular: regular, bold: bold).render(pages)
    }
}
