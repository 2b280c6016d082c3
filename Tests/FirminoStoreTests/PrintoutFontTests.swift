import Foundation
import Testing
@testable import FirminoStore

/// The faces a printout is set in: the ones named by FIRMLINK_FONT and FIRMLINK_FONT_BOLD, read
/// once per process, read again when the file changes, shared safely by printers on several
/// threads.
struct PrintoutFontTests {
    typealias Samples = PrintoutTextTests

    static let serif = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
    static let serifBold = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"

    /// The names of the embedded fonts, as pdffonts lists them.
    static func fontNames(of pdf: Data, in folder: TemporaryFolder) throws -> [String] {
        let fonts = try PDFTools.run("pdffonts", [try PDFTools.write(pdf, in: folder)], in: folder)
        #expect(fonts.status == 0 && fonts.errors.isEmpty, "pdffonts: \(fonts.errors)")
        return fonts.output.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test("FIRMLINK_FONT and FIRMLINK_FONT_BOLD print in the faces they name, a regular face alone serving for bold too")
    func namedFonts() throws {
        let folder = try TemporaryFolder()
        let (_, document) = try Samples.europeanInvoice()
        for (environment, faces) in [
            (["FIRMLINK_FONT": Self.serif, "FIRMLINK_FONT_BOLD": Self.serifBold], 2),
            (["FIRMLINK_FONT": Self.serif], 1),
        ] {
            let pdf = try DocumentPrinter(seller: Samples.seller, fonts: .fromEnvironment(environment)).pdf(for: document)
            let names = try Self.fontNames(of: pdf, in: folder)
            #expect(names.count == faces && names.allSatisfy { $0.contains("+DejaVuSerif") }, "\(names)")
            let text = try PDFTools.text(of: pdf, in: folder)
            for line in Samples.alphabetLines {
                #expect(text.contains(line), "\(environment): \(line) did not survive")
            }
        }
    }

    @Test("a font without □ marks what it cannot show with ?")
    func questionMarkWithoutSquare() throws {
        let (test, document) = try Samples.document(
            buyer: PartyDetails(name: "Kasia Wojcik", city: "Krakow"), lines: ["Kubek 😀 z uszkiem"])
        // A face made of DejaVu Sans's ASCII characters alone, without U+25A1.
        let ascii = try PrintoutFonts().check().regular.subset(Array(0x20...0x7E))
        let path = test.folder.path("ascii.ttf")
        try Data(ascii).write(to: URL(fileURLWithPath: path))
        let printer = DocumentPrinter(seller: Samples.seller, fonts: PrintoutFonts(regular: path, bold: path), amountInWords: false)
        let text = try PDFTools.text(of: try printer.pdf(for: document), in: test.folder)
        #expect(text.contains("Kubek ? z uszkiem"), "\(text)")
        #expect(text.contains("Sklep Przyk?ad sp. z o.o."), "\(text)")
    }

    @Test("a font file replaced on disk is read again by the next printout")
    func replacedFontFile() throws {
        let (test, document) = try Samples.europeanInvoice()
        let path = test.folder.path("printout.ttf")
        let printer = DocumentPrinter(seller: Samples.seller, fonts: PrintoutFonts(regular: path, bold: path))
        try FileManager.default.copyItem(atPath: Self.serif, toPath: path)
        #expect(try Self.fontNames(of: try printer.pdf(for: document), in: test.folder).allSatisfy { $0.contains("+DejaVuSerif") })

        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: PrintoutFonts.defaultRegular, toPath: path)
        let names = try Self.fontNames(of: try printer.pdf(for: document), in: test.folder)
        #expect(!names.isEmpty && names.allSatisfy { $0.contains("+DejaVuSans") }, "\(names)")

        try FileManager.default.removeItem(atPath: path)
        let error = #expect(throws: StoreError.self) { try printer.pdf(for: document) }
        #expect(error?.code == .fontMissing)
    }

    @Test("printers on several threads at once make the same PDF as one alone")
    func concurrentPrintouts() throws {
        let (_, document) = try Samples.europeanInvoice()
        let printer = DocumentPrinter(seller: Samples.seller, fonts: PrintoutFonts())
        let alone = try printer.pdf(for: document)
        let results = Results(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            results.set(index, Result { try printer.pdf(for: document) })
        }
        for result in results.all {
            #expect(try result.get() == alone)
        }
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<Data, any Error>]

        init(count: Int) { results = Array(repeating: .success(Data()), count: count) }

        func set(_ index: Int, _ result: Result<Data, any Error>) { lock.withLock { results[index] = result } }
        var all: [Result<Data, any Error>] { lock.withLock { results } }
    }
}
