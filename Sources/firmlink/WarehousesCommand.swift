import ArgumentParser
import Config
import FirminoStore
import Foundation

extension Firmlink {
    /// `firmlink warehouses list|set-country`: the store's warehouses and their BaseLinker links.
    struct Warehouses: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "warehouses",
            abstract: "The store's warehouses.",
            subcommands: [List.self, SetCountry.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the warehouses (* marks the default).")

            @OptionGroup var configOptions: ConfigOptions

            @OptionGroup var output: OutputOptions

            func run() throws {
                let store = try StoreAccess.open(try configOptions.load())
                let warehouses = try StoreAccess.failing { try store.read { try $0.warehouses() } }
                if output.json { return try StoreAccess.printJSON(warehouses.map(Listings.Warehouse.init)) }
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
    
        struct SetCountry: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set-country",
                abstract: "Correct the country of a store warehouse (the document type depends on it).",
                discussion: "A warehouse made for a BaseLinker warehouse takes its country from [warehouses] countries when that names it; change it there instead.")

            @OptionGroup var configOptions: ConfigOptions

            @Argument(help: "The store warehouse id (firmlink warehouses list).")
            var id: Int64

            @Argument(help: "The two-letter country code, such as DE.")
            var country: String

            func run() throws {
                let configuration = try configOptions.load()
                let store = try StoreAccess.open(configuration)
                let code = country.uppercased()
                guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw CommandFailure("\(country) is not a two-letter country code such as DE", status: .usage)
                }
                let warehouse = try StoreAccess.failing { try store.read { try $0.warehouse(id: id) } }
                guard var fields = warehouse?.fields else {
                    throw CommandFailure("there is no warehouse \(id) in \(configuration.store.path) (firmlink warehouses list)", status: .usage)
                }
                if let link = fields.baselinkerWarehouse, let configured = configuration.warehouses.countries[link], configured != code {
                    throw CommandFailure(
                        "\(configuration.file): [warehouses] countries gives \(link) the country \(configured), and the next sync would set it back; change it there",
                        status: .usage)
                }
                let before = fields.country
                fields.country = code
                try StoreAccess.failing { _ = try store.write { try $0.updateWarehouse(id: id, fields) } }
                print("Warehouse \(id) (\(fields.name)): \(before) → \(code). Documents issued from now on follow it; those issued keep theirs.")
            }
        }
    }
}
