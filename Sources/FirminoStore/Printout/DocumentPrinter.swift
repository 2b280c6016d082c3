public import Foundation

/// The seller as printed on documents (the `[seller]` section of the configuration).
public struct SellerDetails: Hashable, Sendable {
    public var name: String
    public var taxId: String
    public var address: String
    public var postcode: String
    public var city: String
    public var country: String

    public init(
        name: String, taxId: String = "", address: String = "", postcode: String = "", city: String = "",
        country: String = "PL"
    ) {
        self.name = name
        self.taxId = taxId
        self.address = address
        self.postcode = postcode
        self.city = city
        self.country = country
    }
}

/// Prints a document as an A4 PDF through libharu: title by type, number, dates, seller and
/// buyer, the lines (breaking onto further pages as needed), the VAT summary per rate, the
/// totals with the currency and, optionally, the total in Polish words. Text is UTF-8 in an
/// embedded TrueType font, so Polish letters survive (and can be extracted again).
public struct DocumentPrinter: Sendable {
    public var seller: SellerDetails
    public var fonts: PrintoutFonts
    /// Print the gross total in words ("Słownie: …").
    public var amountInWords: Bool

    public init(seller: SellerDetails, fonts: PrintoutFonts = .fromEnvironment(), amountInWords: Bool = true) {
        self.seller = seller
        self.fonts = fonts
        self.amountInWords = amountInWords
    }

    /// The PDF of `document`. Throws ``StoreError`` `.fontMissing` when a font cannot be
    /// loaded and `.printing` when the PDF library fails.
    public func pdf(for document: Document) throws -> Data {
        let canvas = try PDFCanvas(fonts: fonts)
        var layout = DocumentLayout(canvas: canvas, document: document, seller: seller)
        layout.drawFirstPageHeader()
        layout.drawParties()
        layout.drawLines()
        layout.drawVATSummary()
        layout.drawTotals(inWords: amountInWords)
        layout.drawPageNumbers()
        try canvas.checkErrors()
        return try canvas.data()
    }
}
