import Foundation
import Testing
@testable import FirminoStore

/// What a reader of a printout gets: every letter of the buyer's language, a visible mark for
/// what the font cannot show, a small file that poppler and qpdf read without a word of
/// complaint.
struct PrintoutTextTests {
    static let seller = PartyDetails(
        name: "Sklep Przykład sp. z o.o.", taxId: "PL5260001246", address: "ul. Prosta 1", postcode: "00-001",
        city: "Warszawa", country: "PL")

    /// The letters of each alphabet the sandbox's names use.
    static let alphabets = [
        "Polish": "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ",
        "German": "äöüß ÄÖÜ",
        "Czech": "čďěňřšťůž ČĎĚŇŘŠŤŮŽ",
        "French": "àâçéèêëîïôûùüÿœæ ÀÂÇÉÈÊËÎÏÔÛÙÜŸŒÆ",
    ]

    /// A document issued in a fresh store: the buyer and one line per name, 23 % each.
    static func document(
        _ type: DocumentType = .invoice, buyer: PartyDetails, lines names: [String], seller: PartyDetails? = seller
    ) throws -> (TestStore, Document) {
        let test = try TestStore()
        let document = try test.store.write { tx throws in
            let lines = names.enumerated().map { index, name in
                DocumentLineDraft(
                    name: name, sku: index == 0 ? "SKU-\(index)" : nil, quantity: index + 1, unitGross: money("49.99"),
                    vatRate: index == names.count - 1 ? .percent(8) : .standard)
            }
            return try tx.insertDocument(DocumentDraft(
                type: type, issueDate: day("2026-11-05"), saleDate: day("2026-11-04"), buyer: buyer, seller: seller,
                lines: lines)).document
        }
        return (test, document)
    }

    static let europeanBuyer = PartyDetails(
        name: "Żaneta Łukasiewicz-Müller", taxId: "CZ12345678", address: "Třída Čechů 12", postcode: "602 00",
        city: "Brno", country: "CZ")

    /// A line per language and case, short enough not to wrap: "French: àâçéèêëîïôûùüÿœæ".
    static let alphabetLines = alphabets.keys.sorted().flatMap { language in
        alphabets[language]!.split(separator: " ").map { "\(language): \($0)" }
    }

    static func europeanInvoice() throws -> (TestStore, Document) {
        try document(buyer: europeanBuyer, lines: alphabetLines + ["Dostawa: Kurier DPD"])
    }

    @Test("Polish, German, Czech and French letters print and extract again, every one intact")
    func fourAlphabets() throws {
        let (test, document) = try Self.europeanInvoice()
        let text = try PDFTools.text(of: try DocumentPrinter(seller: Self.seller, fonts: PrintoutFonts()).pdf(for: document), in: test.folder)
        for line in Self.alphabetLines {
            #expect(text.contains(line), "\(line) did not survive:\n\(text)")
        }
        for expected in ["Żaneta Łukasiewicz-Müller", "Třída Čechů 12", "602 00 Brno", "Dostawa: Kurier DPD"] {
            #expect(text.contains(expected), "the printout lacks \(expected)")
        }
    }

    @Test("an emoji or a CJK character prints as □ and the rest of the name stays intact")
    func unshownCharactersBecomeMarks() throws {
        let (test, document) = try Self.document(
            buyer: PartyDetails(name: "Kasia 🛒 Wójcik", address: "ul. Kwiatowa 3", postcode: "31-000", city: "Kraków"),
            lines: ["Kubek 😀 z uszkiem", "Herbata 漢字 zielona", "Rodzina 👨‍👩‍👧 gra"])
        let text = try PDFTools.text(of: try DocumentPrinter(seller: Self.seller, fonts: PrintoutFonts()).pdf(for: document), in: test.folder)
        for expected in ["Kasia □ Wójcik", "Kubek □ z uszkiem", "Herbata □□ zielona", "Rodzina □ gra"] {
            #expect(text.contains(expected), "the printout lacks \(expected):\n\(text)")
        }
    }

    @Test("decomposed letters print composed; tabs become spaces; invisible characters are left out")
    func printableText() throws {
        let face = try PrintoutFonts().check().regular
        #expect(face.printable("Cafe\u{301} Z\u{307}ółw") == "Café Żółw")
        #expect(face.printable("Jan\tKowalski\nul.\u{200B} Polna") == "Jan Kowalski ul. Polna")
        #expect(face.printable("Zażółć gęślą jaźń") == "Zażółć gęślą jaźń")
        #expect(face.printable("🛒 ok") == "□ ok")
        #expect(face.printable(face.printable("a😀b\u{0}")) == "a□b")
    }

    @Test("realistic documents stay under 40 KB")
    func sizeBound() throws {
        let (_, invoice) = try Self.europeanInvoice()
        let (_, receipt) = try Self.document(
            .receipt, buyer: PartyDetails(name: "Jean-François Lefèvre", city: "Lyon", country: "FR"),
            lines: ["Théière en fonte « Cœur » 1 l"])
        let printer = DocumentPrinter(seller: Self.seller, fonts: PrintoutFonts())
        for document in [invoice, receipt] {
            let size = try printer.pdf(for: document).count
            #expect(size <= 40 * 1024, "\(document.number) is \(size) bytes")
        }
    }

    @Test("pdftotext, pdffonts and qpdf --check read every printout without a warning; fonts are embedded subsets with Unicode maps")
    func cleanForReaders() throws {
        let folder = try TemporaryFolder()
        let (_, invoice) = try Self.europeanInvoice()
        let (_, marks) = try Self.document(buyer: PartyDetails(name: "Kasia 🛒 Wójcik"), lines: ["Kubek 😀"])
        let (_, export) = try Self.document(.invoiceExport, buyer: Self.europeanBuyer, lines: ["Ölkanne"])
        let (_, long) = try Self.document(
            .receipt, buyer: Self.europeanBuyer, lines: (1...60).map { "Pozycja \($0): Příliš žluťoučký kůň úpěl ďábelské ódy" })
        let printer = DocumentPrinter(seller: Self.seller, fonts: PrintoutFonts())
        for document in [invoice, marks, export, long] {
            let file = try PDFTools.write(try printer.pdf(for: document), in: folder)

            let text = try PDFTools.run("pdftotext", ["-enc", "UTF-8", file, "-"], in: folder)
            #expect(text.status == 0 && text.errors.isEmpty, "pdftotext on \(document.number): \(text.errors)")

            let fonts = try PDFTools.run("pdffonts", [file], in: folder)
            #expect(fonts.status == 0 && fonts.errors.isEmpty, "pdffonts on \(document.number): \(fonts.errors)")
            let rows = fonts.output.split(separator: "\n").dropFirst(2)
            #expect(rows.count == 2, "\(fonts.output)")
            for row in rows {
                let columns = row.split(separator: " ")
                #expect(columns.first?.contains("+DejaVuSans") == true, "\(row)")
                // emb, sub and uni, before the object number and generation.
                #expect(columns.dropLast(2).suffix(3).allSatisfy { $0 == "yes" }, "\(row)")
            }

            let check = try PDFTools.run("qpdf", ["--check", file], in: folder)
            #expect(check.status == 0 && check.errors.isEmpty, "qpdf --check on \(document.number): \(check.errors)")
            #expect(check.output.contains("No syntax or stream encoding errors found"), "\(check.output)")
            #expect(!check.output.localizedCaseInsensitiveContains("warning"), "\(check.output)")
        }
    }
}
