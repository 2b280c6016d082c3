import CHaru
import Foundation

/// A thin drawing surface over libharu: A4 pages, two embedded TrueType faces in UTF-8,
/// text, lines and filled boxes. Coordinates are points from the bottom-left corner.
final class PDFCanvas {
    static let pageWidth: Float = 595.276
    static let pageHeight: Float = 841.89

    enum Alignment { case left, right }

    private let doc: HPDF_Doc
    private let regular: HPDF_Font
    private let bold: HPDF_Font
    private(set) var pages: [HPDF_Page] = []
    private var page: HPDF_Page?
    /// Glyph widths (in 1/1000 of the font size) by character, regular and bold: libharu looks
    /// a glyph up by a linear search, and wrapping measures the same characters many times.
    private var glyphWidths: [Bool: [Unicode.Scalar: UInt32]] = [false: [:], true: [:]]

    init(fonts: PrintoutFonts) throws {
        try fonts.check()
        guard let doc = HPDF_New(nil, nil) else {
            throw StoreError(.printing, "the PDF library could not start a document")
        }
        self.doc = doc
        HPDF_SetCompressionMode(doc, UInt32(HPDF_COMP_ALL))
        HPDF_UseUTFEncodings(doc)
        HPDF_SetCurrentEncoder(doc, "UTF-8")
        func load(_ path: String) throws -> HPDF_Font {
            guard let name = HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE),
                  let font = HPDF_GetFont(doc, name, "UTF-8")
            else {
                let code = HPDF_GetError(doc)
                HPDF_Free(doc)
                throw StoreError(
                    .fontMissing,
                    "the printout font \(path) could not be loaded (libharu error 0x\(String(code, radix: 16))); use a TrueType (.ttf) font")
            }
            return font
        }
        regular = try load(fonts.regular)
        bold = try load(fonts.bold)
        HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "Firmlink")
    }

    deinit { HPDF_Free(doc) }

    /// Starts a new A4 portrait page; drawing goes there from now on.
    func newPage() {
        let page = HPDF_AddPage(doc)
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT)
        pages.append(page!)
        self.page = page
    }

    /// Draws on an earlier page (page numbers once the count is known).
    func select(page index: Int) {
        page = pages[index]
    }

    /// The width of `text` in points: the sum of its glyphs' widths, as libharu measures it
    /// (no kerning, no extra character or word spacing).
    func width(_ text: String, size: Float, bold isBold: Bool = false) -> Float {
        var units: UInt32 = 0
        for scalar in text.unicodeScalars { units += glyphWidth(scalar, bold: isBold) }
        return Float(units) * size / 1000
    }

    private func glyphWidth(_ scalar: Unicode.Scalar, bold isBold: Bool) -> UInt32 {
        if let known = glyphWidths[isBold]?[scalar] { return known }
        let bytes = Array(String(scalar).utf8)
        let measured = HPDF_Font_TextWidth(isBold ? bold : regular, bytes, UInt32(bytes.count)).width
        glyphWidths[isBold, default: [:]][scalar] = measured
        return measured
    }

    func text(_ text: String, x: Float, y: Float, size: Float, bold isBold: Bool = false, align: Alignment = .left) {
        guard !text.isEmpty, let page else { return }
        let left = align == .left ? x : x - width(text, size: size, bold: isBold)
        HPDF_Page_BeginText(page)
        HPDF_Page_SetFontAndSize(page, isBold ? bold : regular, size)
        HPDF_Page_TextOut(page, left, y, text)
        HPDF_Page_EndText(page)
    }

    func line(from start: (Float, Float), to end: (Float, Float), width lineWidth: Float = 0.5, gray: Float = 0) {
        guard let page else { return }
        HPDF_Page_SetLineWidth(page, lineWidth)
        HPDF_Page_SetGrayStroke(page, gray)
        HPDF_Page_MoveTo(page, start.0, start.1)
        HPDF_Page_LineTo(page, end.0, end.1)
        HPDF_Page_Stroke(page)
    }

    func fill(x: Float, y: Float, width boxWidth: Float, height: Float, gray: Float) {
        guard let page else { return }
        HPDF_Page_SetGrayFill(page, gray)
        HPDF_Page_Rectangle(page, x, y, boxWidth, height)
        HPDF_Page_Fill(page)
        HPDF_Page_SetGrayFill(page, 0)
    }

    /// Breaks `text` into lines no wider than `maxWidth`, at spaces where possible; a word
    /// wider than a line is cut between characters. Widths add up, so each word and character
    /// is measured once.
    func wrap(_ text: String, width maxWidth: Float, size: Float, bold isBold: Bool = false) -> [String] {
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
        let status = HPDF_SaveToStream(doc)
        guard status == HPDF_OK else { throw libraryError(status) }
        HPDF_ResetStream(doc)
        var result = Data(capacity: Int(HPDF_GetStreamSize(doc)))
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var size = UInt32(buffer.count)
            let read = HPDF_ReadFromStream(doc, &buffer, &size)
            result.append(buffer, count: Int(size))
            if read == HPDF_STREAM_EOF || size == 0 { break }
            guard read == HPDF_OK else { throw libraryError(read) }
        }
        return result
    }

    /// Throws when libharu recorded an error while drawing.
    func checkErrors() throws {
        let code = HPDF_GetError(doc)
        guard code == HPDF_OK else { throw libraryError(code) }
    }

    private func libraryError(_ status: HPDF_STATUS) -> StoreError {
        StoreError(
            .printing,
            "the PDF library failed (libharu error 0x\(String(status, radix: 16)), detail \(HPDF_GetErrorDetail(doc)))")
    }
}
