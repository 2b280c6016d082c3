import ArgumentParser
import FirminoStore
import Foundation

extension Firmlink {
    /// `firmlink products list`: the store's product cards.
    struct Products: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "products",
            abstract: "The store's products.",
            subcommands: [List.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the product cards.")

            @OptionGroup var configOptions: ConfigOptions

            @OptionGroup var output: OutputOptions

            func run() throws {
                let store = try StoreAccess.open(try configOptions.load())
                let products = try StoreAccess.failing { try store.read { try $0.products() } }
                if output.json { return try StoreAccess.printJSON(products.map(Listings.Product.init)) }
                guard !products.isEmpty else { return print("No products yet.") }
                var table = TextTable(header: ["ID", "SKU", "NAME", "PRICE", "VAT", "UNIT", "BASELINKER"], rightAligned: [0, 3, 6])
                for product in products {
                    table.rows.append([
                        "\(product.id)", product.sku ?? "", TextTable.clip(product.name, 48), product.grossPrice.decimalString,
                        product.vatRate.name, product.unit, product.baselinkerProductId.map(String.init) ?? "",
                    ])
                }
                print(table.text)
            }
        }
    }
}
