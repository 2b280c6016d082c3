public import Foundation

/// Prints a document as an A4 PDF through libharu: title by type, number, dates, seller and
/// buyer, the lines (breaking onto further pages as needed), the VAT summary per rate, the
/// totals with the currency and, optionally, the total in Polish words. The text is set in
/// subsets of the TrueType faces of ``PrintoutFonts`` holding just the glyphs it shows, so
/// every letter the faces have prints and extracts again; a character they lack (an emoji, say)
/// prints as □.
public struct DocumentPrinter: Sendable {
    /// The seller of documents that keep none (issued before the store kept the seller).
    public var seller: PartyDetails
    public var fonts: PrintoutFonts
    /// Print the gross total in words ("Słownie: …").
    public var amountInWords: Bool

    public init(seller: PartyDetails, fonts: PrintoutFonts = .fromEnvironment(), amountInWords: Bool = true) {
        self.seller = seller
        self.fonts = fonts
        self.amountInWords = amountInWords
    }

    /// The PDF of `document`. Throws ``StoreError`` `.fontMissing` when a font cannot be
    /// loaded and `.printing` when the PDF library fails.
    public func pdf(for document: Document) throws -> Data {
        let canvas = try PDFCanvas(fonts: fonts)
        var layout = DocumentLayout(canvas: canvas, document: document, seller: document.seller ?? seller)
        layout.drawFirstPageHeader()
        layout.drawParties()
        layout.drawLines()
        layout.drawVATSummary()
        layout.drawTotals(inWords: amountInWords)
        layout.drawPageNumbers()
        return try canvas.data()
    }
}
