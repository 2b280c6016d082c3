import ArgumentParser
import FirminoStore
import Foundation

extension Firmlink {
    /// `firmlink stock`: the stock levels of the store.
    struct Stock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stock",
            abstract: "Show stock levels per product and warehouse.",
            discussion: "Levels below zero are listed and counted at the end: more was sold than the store held.")

        @OptionGroup var configOptions: ConfigOptions

        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try StoreAccess.open(try configOptions.load())
            let (levels, products, warehouses) = try StoreAccess.failing {
                try store.read { reader in
                    (
                        try reader.stockLevels(),
                        Dictionary(uniqueKeysWithValues: try reader.products().map { ($0.id, $0) }),
                        Dictionary(uniqueKeysWithValues: try reader.warehouses().map { ($0.id, $0) })
                    )
                }
            }
            if output.json { return try StoreAccess.printJSON(levels.map(Listings.Stock.init)) }
            guard !levels.isEmpty else { return print("No stock has moved yet.") }
            var table = TextTable(header: ["PRODUCT", "SKU", "WAREHOUSE", "QUANTITY"], rightAligned: [3])
            for level in levels {
                let product = products[level.productId]
                table.rows.append([
                    "\(level.productId) \(TextTable.clip(product?.name ?? "?", 40))", product?.sku ?? "",
                    "\(level.warehouseId) \(warehouses[level.warehouseId]?.name ?? "?")", "\(level.quantity)",
                ])
            }
            print(table.text)
            let negative = levels.filter(\.isNegative).count
            if negative > 0 {
                print("\n\(negative) level\(negative == 1 ? " is" : "s are") below zero.")
            }
        }
    }
}
