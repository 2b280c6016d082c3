import CHaru
import Foundation

/// Turns recorded pages into a PDF through libharu: one document per printout, compressed,
/// each face embedded as a subset of the glyphs its text uses, the text spelled in a
/// ``PrintoutEncoding`` with a ToUnicode CMap so it extracts letter for letter.
struct PDFRenderer {
    let regular: FontFace
    let bold: FontFace

    func render(_ pages: [PDFCanvas.Page]) throws -> Data {
        let faces = regular === bold ? [regular] : [regular, bold]
        var shown = faces.map { _ in Set<UInt32>() }
        for page in pages {
            for text in page.texts {
                let index = text.bold && faces.count > 1 ? 1 : 0
                shown[index].formUnion(text.text.unicodeScalars.lazy.map(\.value))
            }
        }
        let encoding = try PrintoutEncoding(shown.joined())

        let document = try LibharuDocument()
        try document.register(encoding)
        var fonts: [HPDF_Font?] = []
        for (index, face) in faces.enumerated() {
            fonts.append(shown[index].isEmpty ? nil : try document.font(face, showing: shown[index].sorted()))
        }
        try document.setToUnicode(encoding.toUnicode, of: fonts.compactMap { $0 })

        for page in pages {
            try document.draw(page) { text in
                (fonts[text.bold && faces.count > 1 ? 1 : 0], encoding.encode(text.text))
            }
        }
        return try document.data()
    }

    /// Throws ``FontProblem`` when libharu cannot embed `face`: a table it needs is missing or
    /// damaged, or the font's licence forbids embedding. Tried once, when the face is loaded.
    static func checkLibraryAccepts(_ face: FontFace) throws {
        let document = try LibharuDocument()
        let sample = ["A", "a", "1", String(face.mark)].compactMap(\.unicodeScalars.first)
            .filter { face.width(of: $0) != nil }.map(\.value)
        do {
            let encoding = try PrintoutEncoding(sample)
            try document.register(encoding)
            _ = try document.font(face, showing: encoding.scalars)
        } catch {
            throw FontProblem("the PDF library cannot embed it, libharu error 0x\(String(HPDF_GetError(document.doc), radix: 16))")
        }
    }
}

/// One libharu document, freed with the value.
private final class LibharuDocument {
    let doc: HPDF_Doc
    private var fontCount = 0

    init() throws {
        guard let doc = HPDF_New(nil, nil) else {
            throw StoreError(.printing, "the PDF library could not start a document")
        }
        self.doc = doc
        HPDF_SetCompressionMode(doc, UInt32(HPDF_COMP_ALL))
        HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "Firmlink")
    }

    deinit { HPDF_Free(doc) }

    func register(_ encoding: PrintoutEncoding) throws {
        let status = encoding.cidRanges.withUnsafeBufferPointer { cids in
            encoding.unicodes.withUnsafeBufferPointer { unicodes in
                firmlink_haru_register_encoding(
                    doc, PrintoutEncoding.name, cids.baseAddress, unicodes.baseAddress, PrintoutEncoding.codespace)
            }
        }
        try check(status)
    }

    /// Embeds the subset of `face` holding `scalars`.
    func font(_ face: FontFace, showing scalars: [UInt32]) throws -> HPDF_Font {
        let bytes = try face.subset(scalars)
        fontCount += 1
        let tag = Self.subsetTag(scalars, font: fontCount)
        guard let name = bytes.withUnsafeBufferPointer({ firmlink_haru_load_truetype(doc, $0.baseAddress, UInt32($0.count), tag) }),
              let font = HPDF_GetFont(doc, name, PrintoutEncoding.name)
        else {
            throw libraryError(HPDF_GetError(doc), loading: face.path)
        }
        return font
    }

    func setToUnicode(_ cmap: String, of fonts: [HPDF_Font]) throws {
        guard !fonts.isEmpty else { return }
        var fonts = fonts.map { Optional($0) }
        var cmap = cmap
        let status = cmap.withUTF8 { bytes in
            fonts.withUnsafeMutableBufferPointer { fonts in
                firmlink_haru_set_to_unicode(
                    doc, fonts.baseAddress, UInt32(fonts.count), UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self),
                    UInt32(bytes.count))
            }
        }
        try check(status)
    }

    /// Draws `page` on a new A4 page: boxes, then lines, then the text in one text object.
    func draw(_ page: PDFCanvas.Page, spelling: (PDFCanvas.Text) -> (HPDF_Font?, [CChar])) throws {
        guard let pdfPage = HPDF_AddPage(doc) else { throw libraryError(HPDF_GetError(doc)) }
        HPDF_Page_SetSize(pdfPage, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT)
        var gray: Float = 0
        for fill in page.fills {
            if fill.gray != gray { HPDF_Page_SetGrayFill(pdfPage, fill.gray) }
            gray = fill.gray
            HPDF_Page_Rectangle(pdfPage, fill.x, fill.y, fill.width, fill.height)
            HPDF_Page_Fill(pdfPage)
        }
        if gray != 0 { HPDF_Page_SetGrayFill(pdfPage, 0) }
        var stroke: (width: Float, gray: Float) = (1, 0)
        for line in page.strokes {
            if line.width != stroke.width { HPDF_Page_SetLineWidth(pdfPage, line.width) }
            if line.gray != stroke.gray { HPDF_Page_SetGrayStroke(pdfPage, line.gray) }
            stroke = (line.width, line.gray)
            HPDF_Page_MoveTo(pdfPage, line.from.x, line.from.y)
            HPDF_Page_LineTo(pdfPage, line.to.x, line.to.y)
            HPDF_Page_Stroke(pdfPage)
        }
        guard !page.texts.isEmpty else { return }
        HPDF_Page_BeginText(pdfPage)
        var current: (font: HPDF_Font?, size: Float) = (nil, 0)
        for text in page.texts {
            let (font, bytes) = spelling(text)
            guard let font else { continue }
            if font != current.font || text.size != current.size { HPDF_Page_SetFontAndSize(pdfPage, font, text.size) }
            current = (font, text.size)
            HPDF_Page_TextOut(pdfPage, text.x, text.y, bytes)
        }
        HPDF_Page_EndText(pdfPage)
        try check(HPDF_GetError(doc))
    }

    /// The finished PDF.
    func data() throws -> Data {
        try check(HPDF_SaveToStream(doc))
        HPDF_ResetStream(doc)
        var result = Data(capacity: Int(HPDF_GetStreamSize(doc)))
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var size = UInt32(buffer.count)
            let read = HPDF_ReadFromStream(doc, &buffer, &size)
            result.append(buffer, count: Int(size))
            if read == HPDF_STREAM_EOF || size == 0 { break }
            try check(read)
        }
        return result
    }

    /// A subset's six capital letters: its own for each set of glyphs, as PDF asks.
    private static func subsetTag(_ scalars: [UInt32], font: Int) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 &+ UInt64(font)
        for scalar in scalars { hash = (hash ^ UInt64(scalar)) &* 0x100_0000_01B3 }
        var letters = ""
        for _ in 0..<6 {
            letters.append(Character(Unicode.Scalar(UInt8(65 + hash % 26))))
            hash /= 26
        }
        return letters
    }

    private func check(_ status: HPDF_STATUS) throws {
        guard status == HPDF_OK else { throw libraryError(status) }
    }

    private func libraryError(_ status: HPDF_STATUS, loading path: String? = nil) -> StoreError {
        let code = "libharu error 0x\(String(status, radix: 16)), detail \(HPDF_GetErrorDetail(doc))"
        if let path {
            return StoreError(.printing, "the PDF library could not embed the printout font \(path) (\(code))")
        }
        return StoreError(.printing, "the PDF library failed (\(code))")
    }
}
