import ArgumentParser
import Config
import FirminoStore
import Foundation
import Sync

extension Firmlink {
    /// `firmlink documents list|show|pdf`: the issued documents.
    struct Documents: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "documents",
            abstract: "List, show and print the issued documents.",
            subcommands: [List.self, Show.self, PDF.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List every document with its totals.")

            @OptionGroup var configOptions: ConfigOptions

            @OptionGroup var output: OutputOptions

            func run() throws {
                let store = try StoreAccess.open(try configOptions.load())
                let documents = try StoreAccess.failing { try store.read { try $0.documents() } }
                if output.json { return try StoreAccess.printJSON(documents.map(Listings.Document.init)) }
                guard !documents.isEmpty else { return print("No documents yet.") }
                var table = TextTable(header: ["NUMBER", "TYPE", "ISSUED", "BUYER", "GROSS", "CURRENCY", "ORDER"], rightAligned: [4, 6])
                for document in documents {
                    table.rows.append([
                        document.number, document.type.rawValue, document.issueDate.text, TextTable.clip(document.buyer.name, 32),
                        document.totalGross.decimalString, document.currency, document.baselinkerOrderId.map(String.init) ?? "",
                    ])
                }
                print(table.text)
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show one document: buyer, lines, VAT per rate and totals.")

            @OptionGroup var configOptions: ConfigOptions

            @Argument(help: "The document's number, e.g. FV/1/11/2026.")
            var number: String

            @OptionGroup var output: OutputOptions

            func run() throws {
                let configuration = try configOptions.load()
                let document = try Firmlink.Documents.find(number, in: configuration)
                if output.json { return try StoreAccess.printJSON(Listings.Document(document)) }
                print(Firmlink.Documents.describe(document))
            }
        }

        struct PDF: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write a document's PDF printout.",
                discussion: "The printout uses DejaVu Sans; FIRMLINK_FONT and FIRMLINK_FONT_BOLD name other TrueType fonts.")

            @OptionGroup var configOptions: ConfigOptions

            @Argument(help: "The document's number, e.g. FV/1/11/2026.")
            var number: String

            @Option(name: [.short, .long], help: ArgumentHelp("Where to write the PDF; - for standard output (default: the number with / as _, .pdf).", valueName: "file"))
            var output: String?

            func run() throws {
                let configuration = try configOptions.load()
                let document = try Firmlink.Documents.find(number, in: configuration)
                let pdf = try StoreAccess.failing {
                    try DocumentPrinter(seller: configuration.seller.details).pdf(for: document)
                }
                let target = output ?? document.number.replacingOccurrences(of: "/", with: "_") + ".pdf"
                if target == "-" {
                    FileHandle.standardOutput.write(pdf)
                    return
                }
                do {
                    try pdf.write(to: URL(fileURLWithPath: target), options: .atomic)
                } catch {
                    throw CommandFailure("cannot write \(target): \(error.localizedDescription)", status: .usage)
                }
                printError("\(document.number) → \(target) (\(pdf.count) bytes)")
            }
        }

        static func find(_ number: String, in configuration: Configuration) throws -> Document {
            let store = try StoreAccess.open(configuration)
            guard let document = try StoreAccess.failing({ try store.read { try $0.document(number: number) } }) else {
                throw CommandFailure("there is no document numbered \(number) in \(configuration.store.path)", status: .usage)
            }
            return document
        }

        static func describe(_ document: Document) -> String {
            var lines = ["\(document.type.title) \(document.number) (\(document.type.rawValue), id \(document.id))"]
            lines.append("Issued \(document.issueDate.text), sold \(document.saleDate.text)")
            let buyer = document.buyer
            let place = [buyer.address, [buyer.postcode, buyer.city].filter { !$0.isEmpty }.joined(separator: " "), buyer.country]
                .filter { !$0.isEmpty }.joined(separator: ", ")
            var buyerLine = "Buyer: \(buyer.name.isEmpty ? "(none)" : buyer.name)"
            if !buyer.taxId.isEmpty { buyerLine += ", tax id \(buyer.taxId)" }
            if !place.isEmpty { buyerLine += ", \(place)" }
            buyerLine += document.contractorId.map { " (contractor \($0))" } ?? " (not linked)"
            lines.append(buyerLine)
            var baselinker: [String] = []
            if let order = document.baselinkerOrderId { baselinker.append("order \(order)") }
            if let invoice = document.baselinkerInvoiceId { baselinker.append("invoice \(invoice)") }
            if let sent = document.sentAt { baselinker.append("printout sent \(sent.formatted(.iso8601))") }
            if !baselinker.isEmpty { lines.append("BaseLinker: " + baselinker.joined(separator: ", ")) }
            lines.append("")
            var table = TextTable(header: ["#", "NAME", "QTY", "UNIT", "PRICE", "VAT", "GROSS", "PRODUCT", "WAREHOUSE"], rightAligned: [0, 2, 4, 6, 7, 8])
            for line in document.lines {
                table.rows.append([
                    "\(line.position)", TextTable.clip(line.name, 40), "\(line.quantity)", line.unit, line.unitGross.decimalString,
                    line.vatRate.name, line.gross.decimalString, line.productId.map(String.init) ?? "", line.warehouseId.map(String.init) ?? "",
                ])
            }
            lines.append(table.text)
            lines.append("")
            var vat = TextTable(header: ["RATE", "NET", "VAT", "GROSS"], rightAligned: [1, 2, 3])
            for row in document.vat.rows {
                vat.rows.append([row.rate.name, row.net.decimalString, row.vat.decimalString, row.gross.decimalString])
            }
            vat.rows.append(["total", document.totalNet.decimalString, document.totalVAT.decimalString, document.totalGross.decimalString])
            lines.append(vat.text)
            lines.append("")
            lines.append("Total: \(document.totalGross.decimalString) \(document.currency)")
            return lines.joined(separator: "\n")
        }
    }
}
