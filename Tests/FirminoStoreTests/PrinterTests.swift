import Foundation
import Testing
@testable import FirminoStore

struct PrinterTests {
    static let seller = PartyDetails(
        name: "Sklep Przykład sp. z o.o.", taxId: "PL5260001246", address: "ul. Prosta 1", postcode: "00-001",
        city: "Warszawa", country: "PL")

    static func invoice(lines count: Int = 3, type: DocumentType = .invoice) throws -> (TestStore, Document) {
        let test = try TestStore()
        let document = try test.store.write { tx throws in
            let buyer = try tx.insertContractor(ContractorFields(
                name: "Zażółć Gęślą Jaźń sp. z o.o.", taxId: "PL 521-000-11-22", address: "ul. Źródlana 7",
                postcode: "90-001", city: "Łódź"))
            let lines = (1...count).map { index in
                DocumentLineDraft(
                    name: index == 1 ? "Kubek ceramiczny „Żuraw” 300 ml" : "Pozycja numer \(index) z dość długą nazwą, która musi się złamać w kolumnie nazwy tabeli",
                    sku: index == 1 ? "KUB-300" : nil, quantity: index, unitGross: money("123.45"),
                    vatRate: index % 3 == 0 ? .percent(8) : .standard)
            }
            return try tx.insertDocument(DocumentDraft(
                type: type, issueDate: day("2026-11-05"), saleDate: day("2026-11-04"), buyer: PartyDetails(buyer),
                contractorId: buyer.id, lines: lines)).document
        }
        return (test, document)
    }

    static func text(of pdf: Data, in folder: TemporaryFolder) throws -> String {
        try PDFTools.text(of: pdf, in: folder)
    }

    @Test("an invoice prints with its number, Polish letters, dates, VAT summary and totals")
    func invoiceText() throws {
        let (test, document) = try Self.invoice()
        let pdf = try DocumentPrinter(seller: Self.seller, fonts: PrintoutFonts()).pdf(for: document)
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        let text = try Self.text(of: pdf, in: test.folder)
        for expected in [
            "Faktura VAT", "FV/1/11/2026", "Zażółć Gęślą Jaźń sp. z o.o.", "ul. Źródlana 7", "90-001 Łódź",
            "Sklep Przykład sp. z o.o.", "NIP: PL5260001246", "Data wystawienia: 2026-11-05", "Data sprzedaży: 2026-11-04",
            "Kubek ceramiczny „Żuraw” 300 ml", "Wartość brutto", "Stawka VAT", "Razem do zapłaty: 740,70 PLN",
            "siedemset czterdzieści złotych 70/100",
        ] {
            #expect(text.contains(expected), "the printout lacks \(expected)")
        }
        #expect(document.totalGross == money("740.70"))
        for row in document.vat.rows {
            #expect(text.contains(row.net.polishString))
            #expect(text.contains(row.vat.polishString))
        }
    }

    @Test("a document keeps the seller as issued: printed later with another seller configured, it still shows its own")
    func sellerAsIssued() throws {
        let test = try TestStore()
        let moved = PartyDetails(
            name: "Sklep Przykład sp. z o.o.", taxId: "PL5260001246", address: "ul. Nowa 9", postcode: "30-002",
            city: "Kraków", country: "PL")
        let (kept, unkept) = try test.store.write { tx throws in
            let line = DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("10.00"), vatRate: .standard)
            var draft = receiptDraft(lines: [line], type: .invoice)
            draft.seller = Self.seller
            let kept = try tx.insertDocument(draft).document
            draft.seller = nil
            return (kept, try tx.insertDocument(draft).document)
        }
        #expect(kept.seller == Self.seller)
        #expect(try test.store.read { try $0.document(number: kept.number) }?.seller == Self.seller)
        #expect(unkept.seller == nil)

        let printer = DocumentPrinter(seller: moved, fonts: PrintoutFonts(), amountInWords: false)
        let keptText = try Self.text(of: try printer.pdf(for: kept), in: test.folder)
        #expect(keptText.contains("ul. Prosta 1") && keptText.contains("00-001 Warszawa"), "\(keptText)")
        #expect(!keptText.contains("Kraków"))
        // A document that keeps no seller (issued before the store kept it) takes the printer's.
        let unkeptText = try Self.text(of: try printer.pdf(for: unkept), in: test.folder)
        #expect(unkeptText.contains("ul. Nowa 9") && unkeptText.contains("30-002 Kraków"), "\(unkeptText)")
    }

    @Test("a long document breaks onto further pages, each numbered")
    func pageBreaks() throws {
        let (test, document) = try Self.invoice(lines: 70, type: .receipt)
        let pdf = try DocumentPrinter(seller: Self.seller, fonts: PrintoutFonts(), amountInWords: false).pdf(for: document)
        let text = try Self.text(of: pdf, in: test.folder)
        let pages = text.split(separator: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(pages.count >= 3)
        #expect(text.contains("Paragon"))
        #expect(text.contains("PAR/1/11/2026 — strona 1 z \(pages.count)"))
        #expect(text.contains("(ciąg dalszy)"))
        #expect(text.contains("70."))
        #expect(!text.contains("Słownie"))
        #expect(text.contains("Razem do zapłaty: \(document.totalGross.polishString) PLN"))
    }

    @Test("WDT and export invoices carry their titles and the reason for 0 %")
    func zeroRateTitles() throws {
        for (type, title, note) in [
            (DocumentType.invoiceWDT, "Faktura VAT — WDT", "art. 41 ust. 3"),
            (.invoiceExport, "Faktura VAT — eksport", "art. 41 ust. 4"),
        ] {
            let (test, document) = try Self.invoice(lines: 1, type: type)
            let text = try Self.text(of: try DocumentPrinter(seller: Self.seller, fonts: PrintoutFonts()).pdf(for: document), in: test.folder)
            #expect(text.contains(title))
            #expect(text.contains(note))
        }
    }

    @Test("a missing font is a clear error naming the file and the fix")
    func missingFont() throws {
        let (_, document) = try Self.invoice(lines: 1)
        let printer = DocumentPrinter(seller: Self.seller, fonts: PrintoutFonts(regular: "/nonexistent/Font.ttf"))
        let error = #expect(throws: StoreError.self) { try printer.pdf(for: document) }
        #expect(error?.code == .fontMissing)
        #expect(error?.message.contains("/nonexistent/Font.ttf") == true)
        #expect(error?.message.contains("FIRMLINK_FONT") == true)
    }

    @Test("a file that is not a TrueType font is refused")
    func notAFont() throws {
        let (test, document) = try Self.invoice(lines: 1)
        let fake = test.folder.path("fake.ttf")
        try Data("not a font".utf8).write(to: URL(fileURLWithPath: fake))
        let error = #expect(throws: StoreError.self) {
            try DocumentPrinter(seller: Self.seller, fonts: PrintoutFonts(regular: fake)).pdf(for: document)
        }
        #expect(error?.code == .fontMissing)
    }

    @Test("wrapping keeps every word in order, fits each line and breaks only where the next word would not fit")
    func wrapping() throws {
        let canvas = try PDFCanvas(fonts: PrintoutFonts())
        let text = "Pozycja numer 7 z dość długą nazwą, która musi się złamać: Zażółć gęślą jaźń "
            + "Bardzodługiesłowobezspacjiktóreniemieścisięwjednejlinii koniec"
        for (maxWidth, size, bold) in [(Float(120), Float(8), false), (60, 9, true), (300, 10, false)] {
            let lines = canvas.wrap(text, width: maxWidth, size: size, bold: bold)
            #expect(lines.joined().filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace }, "\(lines)")
            for line in lines {
                #expect(canvas.width(line, size: size, bold: bold) <= maxWidth + 0.001, "\(line) at \(maxWidth)")
            }
            for (line, next) in zip(lines, lines.dropFirst()) {
                let firstWord = String(next.prefix { !$0.isWhitespace })
                let joined = line + " " + firstWord
                // A line breaks before a word only when the word would not fit; a word longer than a
                // line is cut between characters, so the next character would not fit either.
                #expect(canvas.width(joined, size: size, bold: bold) > maxWidth
                    || canvas.width(line + String(next.prefix(1)), size: size, bold: bold) > maxWidth, "\(line) | \(next)")
            }
        }
        #expect(canvas.wrap("", width: 100, size: 8) == [""])
        #expect(canvas.width("Zażółć", size: 10) > canvas.width("Zażół", size: 10))
        #expect(canvas.width("WWW", size: 10, bold: true) > canvas.width("WWW", size: 10))
    }

    @Test("the font paths come from FIRMLINK_FONT and FIRMLINK_FONT_BOLD when set")
    func environment() {
        #expect(PrintoutFonts.fromEnvironment([:]) == PrintoutFonts())
        #expect(PrintoutFonts.fromEnvironment(["FIRMLINK_FONT": "/a.ttf"]) == PrintoutFonts(regular: "/a.ttf", bold: "/a.ttf"))
        #expect(PrintoutFonts.fromEnvironment(["FIRMLINK_FONT": "/a.ttf", "FIRMLINK_FONT_BOLD": "/b.ttf"])
            == PrintoutFonts(regular: "/a.ttf", bold: "/b.ttf"))
    }

    @Test("amounts in Polish words, with the plural forms of złoty and of thousands")
    func words() {
        #expect(AmountInWords.polish(money("740.70"), currency: "PLN") == "siedemset czterdzieści złotych 70/100")
        #expect(AmountInWords.polish(money("1.00"), currency: "PLN") == "jeden złoty 00/100")
        #expect(AmountInWords.polish(money("2.05"), currency: "PLN") == "dwa złote 05/100")
        #expect(AmountInWords.polish(money("12.00"), currency: "PLN") == "dwanaście złotych 00/100")
        #expect(AmountInWords.polish(money("22.00"), currency: "PLN") == "dwadzieścia dwa złote 00/100")
        #expect(AmountInWords.polish(money("0.99"), currency: "PLN") == "zero złotych 99/100")
        #expect(AmountInWords.polish(money("1000.00"), currency: "PLN") == "tysiąc złotych 00/100")
        #expect(AmountInWords.polish(money("2314.00"), currency: "EUR") == "dwa tysiące trzysta czternaście EUR 00/100")
        #expect(AmountInWords.polish(money("15000.00"), currency: "PLN") == "piętnaście tysięcy złotych 00/100")
        #expect(AmountInWords.polish(money("1001001.00"), currency: "PLN") == "milion tysiąc jeden złotych 00/100")
        #expect(AmountInWords.polish(money("-3.10"), currency: "PLN") == "minus trzy złote 10/100")
    }
}
