import ArgumentParser
import Config
import FirminoStore
import Foundation
import Sync

extension Firmlink {
    /// `firmlink products list|add|edit|import|pull|push`: the store's product cards.
    struct Products: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "products",
            abstract: "The store's products: list and edit them, or pull and push them by hand.",
            subcommands: [List.self, Add.self, Edit.self, Import.self, Pull.self, Push.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the product cards.")

            @OptionGroup var configOptions: ConfigOptions

            @OptionGroup var output: OutputOptions

            func run() throws {
                let store = try StoreAccess.open(try configOptions.load())
                let products = try StoreAccess.failing { try store.read { try $0.products() } }
                if output.json { return try StoreAccess.printJSON(products.map(Listings.Product.init)) }
                guard !products.isEmpty else { return print("No products yet.") }
                var table = TextTable(header: ["ID", "SKU", "NAME", "PRICE", "VAT", "UNIT", "BASELINKER"], rightAligned: [0, 3])
                for product in products {
                    let link = product.baselinkerProductId.map { id in product.baselinkerVariantId.map { "\(id)/\($0)" } ?? "\(id)" }
                    table.rows.append([
                        "\(product.id)", product.sku ?? "", TextTable.clip(product.name, 48), product.grossPrice.decimalString,
                        product.vatRate.name, product.unit, link ?? "",
                    ])
                }
                print(table.text)
            }
        }

        /// The fields `add` and `edit` take.
        struct FieldOptions: ParsableArguments {
            @Option(help: "The product's name.") var name: String?
            @Option(help: "The seller's code.") var sku: String?
            @Option(help: "The EAN (GTIN-8, -12, -13 or -14); empty to clear.") var ean: String?
            @Option(help: "The unit (default szt).") var unit: String?
            @Option(name: .customLong("vat"), help: "The VAT rate: 23, 8, 5, 0, zw, np, oo, 0wdt, 0exp (default 23).")
            var vatRate: String?
            @Option(name: .customLong("price"), help: "The gross price, such as 49.90 (default 0).") var grossPrice: String?
            @Option(
                name: .customLong("stock"),
                help: ArgumentHelp("A stock level to set, as WAREHOUSE=QUANTITY (store warehouse id); repeat for more.", valueName: "id=quantity"))
            var stock: [String] = []

            func edit() throws -> ProductEdit {
                var levels: [Int64: String] = [:]
                for entry in stock {
                    let parts = entry.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2, let warehouse = Int64(parts[0]) else {
                        throw CommandFailure("--stock \(entry): give WAREHOUSE=QUANTITY, such as --stock 1=25", status: .usage)
                    }
                    levels[warehouse] = parts[1]
                }
                return ProductEdit(
                    name: name, sku: sku, ean: ean, unit: unit, vatRate: vatRate, grossPrice: grossPrice, stock: levels)
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a product card.",
                discussion: "Example: firmlink products add --name \"Kubek 300 ml\" --sku KUB-300 --vat 23 --price 29.90 --stock 1=40")

            @OptionGroup var configOptions: ConfigOptions
            @OptionGroup var fields: FieldOptions

            func run() throws {
                let configuration = try configOptions.load()
                let outcome = try ProductEditing.apply(try fields.edit(), to: nil, configuration)
                print("Product \(outcome.product.id) added: \(outcome.product.name)")
                for change in outcome.stockChanges { print("    stock \(change)") }
                ProductEditing.remind(configuration, linked: false)
            }
        }

        struct Edit: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change a product card: only the fields given.",
                discussion: "Example: firmlink products edit 12 --price 34.90 --stock 1=18")

            @OptionGroup var configOptions: ConfigOptions

            @Argument(help: "The product id (firmlink products list).")
            var id: Int64

            @OptionGroup var fields: FieldOptions

            func run() throws {
                let configuration = try configOptions.load()
                let edit = try fields.edit()
                guard !edit.isEmpty else {
                    throw CommandFailure("give what to change: --name, --sku, --ean, --unit, --vat, --price or --stock", status: .usage)
                }
                let outcome = try ProductEditing.apply(edit, to: id, configuration)
                let details = outcome.changes + outcome.stockChanges.map { "stock \($0)" }
                guard !details.isEmpty else { return print("Product \(id) already has these values; nothing changed.") }
                print("Product \(id) changed: \(outcome.product.name)")
                for detail in details { print("    \(detail)") }
                ProductEditing.remind(configuration, linked: outcome.product.baselinkerProductId != nil)
            }
        }

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add and change product cards from a CSV file.",
                discussion: """
                    The first line names the columns: id, name, sku, ean, unit, vat_rate, price_gross, and \
                    stock:<warehouse id> for a level to set. A row with an id changes that card; one without \
                    changes the card with its SKU, or adds a card. Empty cells leave a field as it is. Commas or \
                    semicolons separate cells. Every row is checked first; with a bad row nothing is imported, \
                    unless --skip-bad imports the others (exit status 1).
                    """)

            @OptionGroup var configOptions: ConfigOptions

            @Argument(help: "The CSV file.")
            var file: String

            @Flag(help: "Import the good rows and list the bad ones, instead of importing nothing.")
            var skipBad = false

            /// The first problems, one line each, and how many more there are: a file whose
            /// every row is wrong says so in a screenful.
            static func report(_ problems: [ProductImport.Problem], in file: String, suffix: String) {
                let shown = 20
                for problem in problems.prefix(shown) { printError("\(file): \(problem)\(suffix)") }
                if problems.count > shown { printError("\(file): … and \(problems.count - shown) more rows like these") }
            }

            func run() throws {
                let configuration = try configOptions.load()
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    throw CommandFailure("cannot read \(file): \((error as NSError).localizedDescription)", status: .usage)
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw CommandFailure("\(file) is not UTF-8 text; save it from the spreadsheet as CSV UTF-8", status: .usage)
                }
                let sheet = ProductImport(csv: text)
                let store = try StoreAccess.open(configuration, creating: true)
                let outcome: ProductImport.Outcome
                do {
                    outcome = try StoreAccess.failing { try store.write { try sheet.apply(in: $0, skipBad: skipBad) } }
                } catch let failed as ProductImport.Failed {
                    Self.report(failed.problems, in: file, suffix: "")
                    throw CommandFailure(
                        "\(file): \(failed.problems.count) bad row\(failed.problems.count == 1 ? "" : "s"); nothing was imported (--skip-bad imports the others)",
                        status: .usage)
                }
                for done in outcome.created { print("added product \(done.product.id): \(done.product.name)") }
                for done in outcome.updated {
                    print("changed product \(done.product.id): \(done.product.name)")
                    for detail in done.changes + done.stockChanges.map({ "stock \($0)" }) { print("    \(detail)") }
                }
                print("\(outcome.created.count) added, \(outcome.updated.count) changed, \(outcome.unchanged) unchanged, \(outcome.skipped.count) skipped")
                Self.report(outcome.skipped, in: file, suffix: " (skipped)")
                ProductEditing.remind(configuration, linked: outcome.updated.contains { $0.product.baselinkerProductId != nil })
                if !outcome.skipped.isEmpty { throw ExitCode(CommandFailure.Status.partial.rawValue) }
            }
        }

        struct Pull: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Bring BaseLinker's products and stock into the store, product by product.",
                discussion: "What [products] mode = \"baselinker\" does in each sync. Not in mode \"firmino\", where the store is the source.")

            @OptionGroup var configOptions: ConfigOptions
            @OptionGroup var output: OutputOptions
            @Flag(help: "Print the plan (created, updated, linked, unchanged; each change as field: old → new) and write nothing.")
            var dryRun = false

            func run() async throws {
                try await ProductEditing.transfer(try configOptions.load(), pull: true, dryRun: dryRun, json: output.json)
            }
        }

        struct Push: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Send the store's new and changed products to BaseLinker, product by product.",
                discussion: "What [products] mode = \"firmino\" does in each sync. Not in mode \"baselinker\", where BaseLinker is the source.")

            @OptionGroup var configOptions: ConfigOptions
            @OptionGroup var output: OutputOptions
            @Flag(help: "Print the plan and send nothing.")
            var dryRun = false

            func run() async throws {
                try await ProductEditing.transfer(try configOptions.load(), pull: false, dryRun: dryRun, json: output.json)
            }
        }
    }
}

/// What the products subcommands share.
enum ProductEditing {
    /// Applies one edit in one transaction, creating the store when there is none yet.
    static func apply(_ edit: ProductEdit, to id: Int64?, _ configuration: Configuration) throws -> ProductEdit.Outcome {
        let store = try StoreAccess.open(configuration, creating: true)
        do {
            return try StoreAccess.failing { try store.write { try edit.apply(to: id, in: $0) } }
        } catch let problem as ProductEdit.Problem {
            throw CommandFailure(id.map { "product \($0): \(problem)" } ?? problem.description, status: .usage)
        }
    }

    /// A pull overwrites the store's cards and a push BaseLinker's: each only where its side is
    /// not the other's copy.
    static func checkDirection(_ configuration: Configuration, pull: Bool) throws {
        guard let mode = configuration.products.mode else {
            throw CommandFailure(
                "\(configuration.file): set [products] mode first (\"manual\" to pull and push by hand only)", status: .usage)
        }
        if pull, mode == .firmino {
            throw CommandFailure(
                "\(configuration.file): [products] mode = \"firmino\" makes the store the source; a pull would overwrite its cards with BaseLinker's. Set mode = \"manual\" to pull by hand",
                status: .usage)
        }
        if !pull, mode == .baselinker {
            throw CommandFailure(
                "\(configuration.file): [products] mode = \"baselinker\" makes BaseLinker the source; a push would overwrite it with the store's copy. Set mode = \"manual\" to push by hand",
                status: .usage)
        }
    }

    /// `products pull` (`pull`) or `products push`: checks the direction, runs it and prints its summary;
    /// a product that failed ends the command with status 1.
    static func transfer(_ configuration: Configuration, pull: Bool, dryRun: Bool, json: Bool) async throws {
        try checkDirection(configuration, pull: pull)
        let summary: SyncSummary
        do {
            summary = try await SyncSession.with(configuration, options: .init(dryRun: dryRun)) { session in
                pull ? try await session.pullProducts() : try await session.pushProducts()
            }
        } catch {
            throw CommandFailure("\(error)", status: .usage)
        }
        print(json ? String(decoding: try summary.json(), as: UTF8.self) : summary.productsText)
        if !summary.products.failed.isEmpty { throw ExitCode(CommandFailure.Status.partial.rawValue) }
    }

    /// Says when a change made by hand will not last or will not travel.
    static func remind(_ configuration: Configuration, linked: Bool) {
        switch configuration.products.mode {
        case .baselinker? where linked:
            print("Note: [products] mode = \"baselinker\": the next sync sets linked cards back to BaseLinker's values.")
        case .firmino? where configuration.modules.products:
            print("The next sync sends it to BaseLinker.")
        case .manual?:
            print("firmlink products push sends it to BaseLinker.")
        default:
            break
        }
    }
}
