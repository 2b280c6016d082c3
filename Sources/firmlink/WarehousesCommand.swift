import ArgumentParser
import BaseLinkerModels
import Config
import ConsoleKitTerminal
import FirminoStore
import Foundation
import Sync

extension Firmlink {
    /// `firmlink warehouses list|map|import|set-country`: the store's warehouses and their BaseLinker links.
    struct Warehouses: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "warehouses",
            abstract: "The store's warehouses and how BaseLinker's map to them.",
            subcommands: [List.self, Map.self, Import.self, SetCountry.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the store's warehouses and BaseLinker's, and how they are mapped (* marks the default).")

            @OptionGroup var configOptions: ConfigOptions

            @OptionGroup var output: OutputOptions

            @Flag(help: "Show only the store's side: do not ask BaseLinker.")
            var offline = false

            func run() async throws {
                let configuration = try configOptions.load()
                var remote: [InventoryWarehouse]?
                var unreachable: String?
                if !offline {
                    do {
                        // A dry run's session: a listing makes no store.
                        remote = try await SyncSession.with(configuration, options: .init(dryRun: true)) {
                            try await $0.baselinkerWarehouses()
                        }
                    } catch {
                        unreachable = "\(error)"
                    }
                }
                let warehouses = FileManager.default.fileExists(atPath: configuration.store.path)
                    ? try StoreAccess.failing { try StoreAccess.open(configuration).read { try $0.warehouses() } } : []
                if output.json {
                    return try StoreAccess.printJSON(Listings.Warehouses(
                        store: warehouses.map(Listings.Warehouse.init),
                        baselinker: remote.map { remote in remote.map { warehouse in
                            Listings.BaseLinkerWarehouse(
                                id: warehouse.key, name: warehouse.name, isDefault: warehouse.isDefault,
                                mappedTo: warehouses.first { $0.baselinkerWarehouse == warehouse.key }?.id)
                        } },
                        baselinkerError: unreachable))
                }
                print("The store:")
                if warehouses.isEmpty {
                    print("  no warehouses yet (firmlink warehouses import, or a sync, makes them)")
                } else {
                    var table = TextTable(header: ["ID", "NAME", "COUNTRY", "BASELINKER", "DEFAULT"], rightAligned: [0])
                    for warehouse in warehouses {
                        table.rows.append([
                            "\(warehouse.id)", warehouse.name, warehouse.country, warehouse.baselinkerWarehouse ?? "",
                            warehouse.isDefault ? "*" : "",
                        ])
                    }
                    print(table.text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
                }
                print("")
                guard let remote else {
                    print(offline ? "BaseLinker: not asked (--offline)." : "BaseLinker: not reached: \(unreachable ?? "")")
                    return
                }
                print("BaseLinker:")
                var table = TextTable(header: ["WAREHOUSE", "NAME", "DEFAULT", "STORE WAREHOUSE"])
                for warehouse in remote {
                    let mapped = warehouses.first { $0.baselinkerWarehouse == warehouse.key }
                    let mapping = warehouse.type != "bl" ? "(holds no stock of its own)"
                        : mapped.map { "\($0.id) \($0.name)" } ?? "not mapped"
                    table.rows.append([warehouse.key, warehouse.name, warehouse.isDefault ? "*" : "", mapping])
                }
                print(table.text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
                let unmapped = remote.filter { warehouse in
                    warehouse.type == "bl" && !warehouses.contains { $0.baselinkerWarehouse == warehouse.key }
                }
                if !unmapped.isEmpty {
                    print("\nNot mapped: \(unmapped.map(\.key).joined(separator: ", ")). firmlink warehouses import makes store warehouses for them; firmlink warehouses map bl_X ID links one to a store warehouse.")
                }
            }
        }

        struct Map: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Link a BaseLinker warehouse to a store warehouse.",
                discussion: "Example: firmlink warehouses map bl_2 2. Stock of bl_2 is then the store warehouse's, and order lines from bl_2 ship from it.")

            @OptionGroup var configOptions: ConfigOptions

            @Argument(help: "The BaseLinker warehouse, such as bl_2 (firmlink warehouses list).")
            var baselinker: String

            @Argument(help: "The store warehouse id.")
            var id: Int64

            func run() async throws {
                let configuration = try configOptions.load()
                guard baselinker.hasPrefix("bl_"), Int(baselinker.dropFirst(3)) != nil else {
                    throw CommandFailure("\(baselinker) is not a BaseLinker warehouse such as bl_2", status: .usage)
                }
                let mapping: SyncSession.WarehouseMapping
                do {
                    mapping = try await SyncSession.with(configuration) { try await $0.mapWarehouse(baselinker, to: id) }
                } catch let problem as SyncSession.WarehouseProblem {
                    throw CommandFailure(problem.description, status: .usage)
                } catch let error as StoreError {
                    throw CommandFailure(error.message, status: .usage)
                } catch {
                    throw CommandFailure("\(error)", status: .usage)
                }
                print("\(baselinker) → store warehouse \(mapping.warehouse.id) (\(mapping.warehouse.name), \(mapping.warehouse.country)).")
                if let unlinked = mapping.unlinked {
                    print("Store warehouse \(unlinked.id) (\(unlinked.name)) is no longer linked to \(baselinker).")
                }
                if let previous = mapping.previousLink {
                    print("\(previous) is no longer mapped (firmlink warehouses list).")
                }
                if let country = configuration.warehouses.countries[baselinker], country != mapping.warehouse.country {
                    print("Note: [warehouses] countries gives \(baselinker) the country \(country); the next sync sets it on warehouse \(mapping.warehouse.id).")
                }
            }
        }

        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make a store warehouse for each BaseLinker warehouse not mapped yet, and map it.",
                discussion: "A warehouse's country decides the document type (a sale shipped from abroad is not a Polish receipt): give it with --country bl_3=DE, in [warehouses] countries, or answer when asked on a terminal.")

            @OptionGroup var configOptions: ConfigOptions

            @Option(
                name: .customLong("country"),
                help: ArgumentHelp("The country of a BaseLinker warehouse, as bl_X=CC; repeat for more.", valueName: "bl_X=CC"))
            var countries: [String] = []

            func run() async throws {
                let configuration = try configOptions.load()
                var given = configuration.warehouses.countries
                for entry in countries {
                    let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let code = CountryAnswer.code(parts[1]) else {
                        throw CommandFailure("--country \(entry): give bl_X=CC, such as --country bl_3=DE", status: .usage)
                    }
                    given[parts[0]] = code
                }
                let created: [Warehouse]
                do {
                    created = try await SyncSession.with(configuration) { session in
                        let unmapped = try await session.unmappedWarehouses()
                        var answers = given
                        for warehouse in unmapped where answers[warehouse.key] == nil && CountryAnswer.canAsk {
                            answers[warehouse.key] = CountryAnswer.ask(for: warehouse, default: configuration.seller.country)
                        }
                        return try session.importWarehouses(unmapped, countries: answers)
                    }
                } catch let problem as SyncSession.WarehouseProblem {
                    throw CommandFailure(problem.description, status: .usage)
                } catch let failure as CommandFailure {
                    throw failure
                } catch {
                    throw CommandFailure("\(error)", status: .usage)
                }
                guard !created.isEmpty else { return print("Every BaseLinker warehouse is mapped already; nothing to import.") }
                for warehouse in created {
                    print("\(warehouse.baselinkerWarehouse ?? "") → store warehouse \(warehouse.id) (\(warehouse.name), \(warehouse.country))\(warehouse.isDefault ? ", the default" : "")")
                }
            }
        }

        /// A warehouse's country, asked on a terminal (console-kit, as `firmlink init` asks).
        enum CountryAnswer {
            static var canAsk: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

            static func code(_ text: String) -> String? {
                let code = text.trimmingCharacters(in: .whitespaces).uppercased()
                return code.count == 2 && code.allSatisfy({ $0.isASCII && $0.isLetter }) ? code : nil
            }

            static func ask(for warehouse: InventoryWarehouse, default fallback: String) -> String {
                let console = Terminal()
                while true {
                    let answer = console.ask("Country of \(warehouse.key) (\(warehouse.name)) [\(fallback)]".consoleText())
                    if answer.trimmingCharacters(in: .whitespaces).isEmpty { return fallback }
                    if let code = code(answer) { return code }
                    console.output("  a two-letter country code, such as PL or DE".consoleText(.warning))
                }
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
