/// Where everything goes on the page. `y` runs down from the top margin; a block that does
/// not fit below it starts a new page (the lines table repeats its header there).
struct DocumentLayout {
    let canvas: PDFCanvas
    let document: Document
    let seller: PartyDetails
    var y: Float = 0

    static let left: Float = 40
    static let right: Float = PDFCanvas.pageWidth - 40
    static let top: Float = PDFCanvas.pageHeight - 45
    static let bottom: Float = 60
    static let rowSize: Float = 8.5
    static let rowLeading: Float = 11

    /// The lines table: right edge (or left edge for left-aligned columns) of each column.
    enum Column {
        static let position: Float = 58
        static let nameStart: Float = 64
        static let nameWidth: Float = 226
        static let quantity: Float = 330
        static let unitStart: Float = 336
        static let unitPrice: Float = 424
        static let rate: Float = 468
        static let gross: Float = DocumentLayout.right
    }

    init(canvas: PDFCanvas, document: Document, seller: PartyDetails) {
        self.canvas = canvas
        self.document = document
        self.seller = seller
    }

    mutating func drawFirstPageHeader() {
        canvas.newPage()
        y = Self.top
        canvas.text(document.type.title, x: Self.left, y: y - 14, size: 18, bold: true)
        canvas.text("Nr \(document.number)", x: Self.right, y: y - 14, size: 13, bold: true, align: .right)
        y -= 34
        canvas.text("Data wystawienia: \(document.issueDate.text)", x: Self.right, y: y, size: 9, align: .right)
        y -= 12
        canvas.text("Data sprzedaży: \(document.saleDate.text)", x: Self.right, y: y, size: 9, align: .right)
        y -= 12
        if !seller.city.isEmpty {
            canvas.text("Miejsce wystawienia: \(seller.city)", x: Self.right, y: y, size: 9, align: .right)
        }
        y -= 20
    }

    mutating func drawParties() {
        let width: Float = 245
        let sellerLines = party(
            name: seller.name, address: seller.address, postcode: seller.postcode, city: seller.city,
            country: seller.country, taxId: seller.taxId, width: width)
        let buyer = document.buyer
        let buyerLines = buyer.name.isEmpty && buyer.taxId.isEmpty
            ? []
            : party(
                name: buyer.name, address: buyer.address, postcode: buyer.postcode, city: buyer.city,
                country: buyer.country, taxId: buyer.taxId, width: width)
        canvas.text("Sprzedawca", x: Self.left, y: y, size: 9, bold: true)
        if !buyerLines.isEmpty {
            canvas.text("Nabywca", x: Self.left + 270, y: y, size: 9, bold: true)
        }
        canvas.line(from: (Self.left, y - 4), to: (Self.right, y - 4), width: 0.4, gray: 0.6)
        y -= 17
        for (index, line) in sellerLines.enumerated() {
            canvas.text(line.text, x: Self.left, y: y - Float(index) * 12, size: 9.5, bold: line.bold)
        }
        for (index, line) in buyerLines.enumerated() {
            canvas.text(line.text, x: Self.left + 270, y: y - Float(index) * 12, size: 9.5, bold: line.bold)
        }
        y -= Float(max(sellerLines.count, buyerLines.count)) * 12 + 16
    }

    private func party(
        name: String, address: String, postcode: String, city: String, country: String, taxId: String, width: Float
    ) -> [(text: String, bold: Bool)] {
        var lines = canvas.wrap(name, width: width, size: 9.5, bold: true).map { (text: $0, bold: true) }
        for text in [address, [postcode, city].filter { !$0.isEmpty }.joined(separator: " "), country]
        where !text.isEmpty {
            lines += canvas.wrap(text, width: width, size: 9.5).map { (text: $0, bold: false) }
        }
        if !taxId.isEmpty { lines.append((text: "NIP: \(taxId)", bold: false)) }
        return lines
    }

    mutating func drawLines() {
        drawTableHeader()
        for line in document.lines {
            let names = canvas.wrap(line.name, width: Column.nameWidth, size: Self.rowSize)
                + (line.sku.map { ["SKU: \($0)"] } ?? [])
            let height = Float(names.count) * Self.rowLeading + 4
            if y - height < Self.bottom {
                continueOnNewPage()
                drawTableHeader()
            }
            let baseline = y - Self.rowLeading + 2
            canvas.text("\(line.position).", x: Column.position, y: baseline, size: Self.rowSize, align: .right)
            for (index, text) in names.enumerated() {
                canvas.text(text, x: Column.nameStart, y: baseline - Float(index) * Self.rowLeading, size: Self.rowSize)
            }
            canvas.text("\(line.quantity)", x: Column.quantity, y: baseline, size: Self.rowSize, align: .right)
            canvas.text(line.unit, x: Column.unitStart, y: baseline, size: Self.rowSize)
            canvas.text(line.unitGross.polishString, x: Column.unitPrice, y: baseline, size: Self.rowSize, align: .right)
            canvas.text(line.vatRate.printedLabel, x: Column.rate, y: baseline, size: Self.rowSize, align: .right)
            canvas.text(line.gross.polishString, x: Column.gross, y: baseline, size: Self.rowSize, align: .right)
            y -= height
            canvas.line(from: (Self.left, y + 2), to: (Self.right, y + 2), width: 0.3, gray: 0.8)
        }
        y -= 14
    }

    private mutating func drawTableHeader() {
        canvas.fill(x: Self.left, y: y - 15, width: Self.right - Self.left, height: 17, gray: 0.9)
        let baseline = y - 10
        canvas.text("Lp.", x: Column.position, y: baseline, size: 8, bold: true, align: .right)
        canvas.text("Nazwa", x: Column.nameStart, y: baseline, size: 8, bold: true)
        canvas.text("Ilość", x: Column.quantity, y: baseline, size: 8, bold: true, align: .right)
        canvas.text("J.m.", x: Column.unitStart, y: baseline, size: 8, bold: true)
        canvas.text("Cena brutto", x: Column.unitPrice, y: baseline, size: 8, bold: true, align: .right)
        canvas.text("VAT", x: Column.rate, y: baseline, size: 8, bold: true, align: .right)
        canvas.text("Wartość brutto", x: Column.gross, y: baseline, size: 8, bold: true, align: .right)
        y -= 19
    }

    private mutating func continueOnNewPage() {
        canvas.newPage()
        y = Self.top
        canvas.text("\(document.type.title) nr \(document.number) (ciąg dalszy)", x: Self.left, y: y - 10, size: 9, bold: true)
        y -= 26
    }

    mutating func drawVATSummary() {
        let rows = document.vat.rows
        ensureSpace(Float(rows.count + 2) * 13 + 10)
        let columns: [Float] = [330, 405, 480, Self.right]
        canvas.fill(x: 270, y: y - 13, width: Self.right - 270, height: 15, gray: 0.9)
        for (index, title) in ["Stawka VAT", "Netto", "VAT", "Brutto"].enumerated() {
            canvas.text(title, x: columns[index], y: y - 9, size: 8, bold: true, align: .right)
        }
        y -= 26
        for row in rows {
            let values = [row.rate.printedLabel, row.net.polishString, row.vat.polishString, row.gross.polishString]
            for (index, value) in values.enumerated() {
                canvas.text(value, x: columns[index], y: y, size: 8.5, align: .right)
            }
            y -= 13
        }
        canvas.line(from: (270, y + 9), to: (Self.right, y + 9), width: 0.4, gray: 0.5)
        let totals = ["Razem", document.totalNet.polishString, document.totalVAT.polishString, document.totalGross.polishString]
        for (index, value) in totals.enumerated() {
            canvas.text(value, x: columns[index], y: y - 2, size: 8.5, bold: true, align: .right)
        }
        y -= 28
    }

    mutating func drawTotals(inWords: Bool) {
        let words = inWords
            ? canvas.wrap(
                "Słownie: " + AmountInWords.polish(document.totalGross, currency: document.currency),
                width: Self.right - Self.left, size: 9)
            : []
        let notes = legalNotes
        ensureSpace(24 + Float(words.count + notes.count) * 12)
        canvas.text(
            "Razem do zapłaty: \(document.totalGross.polishString) \(document.currency)",
            x: Self.right, y: y, size: 12, bold: true, align: .right)
        y -= 20
        for line in words + notes {
            canvas.text(line, x: Self.left, y: y, size: 9)
            y -= 12
        }
    }

    /// Why a line carries no tax, as the VAT act wants it said.
    private var legalNotes: [String] {
        var notes: [String] = []
        let rates = Set(document.lines.map(\.vatRate))
        if rates.contains(.zeroWDT) {
            notes.append("Wewnątrzwspólnotowa dostawa towarów — stawka 0% (art. 41 ust. 3 ustawy o VAT).")
        }
        if rates.contains(.zeroExport) { notes.append("Eksport towarów — stawka 0% (art. 41 ust. 4 ustawy o VAT).") }
        if rates.contains(.reverseCharge) { notes.append("Odwrotne obciążenie.") }
        return notes
    }

    private mutating func ensureSpace(_ height: Float) {
        if y - height < Self.bottom { continueOnNewPage() }
    }

    func drawPageNumbers() {
        let count = canvas.pages.count
        for index in 0..<count {
            canvas.select(page: index)
            canvas.text(
                "\(document.number) — strona \(index + 1) z \(count)", x: Self.right, y: 30, size: 7.5, align: .right)
        }
    }
}
