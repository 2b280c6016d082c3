import ArgumentParser
import FirminoStore
import Foundation

/// `firmlink products list`: the store's product cards.
struct ProductsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "products",
        abstract: "The store's products.",
        subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the product cards.")

        @OptionGroup var configOptions: ConfigOptions

        @Flag(help: "Print JSON: [{id, name, sku, ean, unit, vat_rate, price_gross, baselinker_product_id, revision}].")
        var json = false

        func run() throws {
            let store = try StoreAccess.open(try configOptions.load())
            let products = try StoreAccess.failing { try store.read { try $0.products() } }
            if json { return try StoreAccess.printJSON(products.map(Listings.Product.init)) }
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

/// `firmlink warehouses list`: the store's warehouses and their BaseLinker links.
struct WarehousesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouses",
        abstract: "The store's warehouses.",
        subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the warehouses (* marks the default).")

        @OptionGroup var configOptions: ConfigOptions

        @Flag(help: "Print JSON: [{id, name, country, default, baselinker_warehouse}].")
        var json = false

        func run() throws {
            let store = try StoreAccess.open(try configOptions.load())
            let warehouses = try StoreAccess.failing { try store.read { try $0.warehouses() } }
            if json { return try StoreAccess.printJSON(warehouses.map(Listings.Warehouse.init)) }
            guard !warehouses.isEmpty else { return print("No warehouses yet.") }
            var table = TextTable(header: ["ID", "NAME", "COUNTRY", "BASELINKER", "DEFAULT"], rightAligned: [0])
            for warehouse in warehouses {
                table.rows.append([
                    "\(warehouse.id)", warehouse.name, warehouse.country, warehouse.baselinkerWarehouse ?? "",
                    warehouse.isDefault ? "*" : "",
                ])
            }
            print(table.text)
        }
    }
}
