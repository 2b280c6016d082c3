import BaseLinker
public import BaseLinkerModels
import Config
public import FirminoStore

extension SyncSession {
    /// BaseLinker's warehouses (every kind; only `bl_` ones hold stock the store can follow).
    public func baselinkerWarehouses() async throws -> [InventoryWarehouse] {
        try await client.getInventoryWarehouses()
    }

    /// What `warehouses map` did.
    public struct WarehouseMapping: Sendable {
        public let warehouse: Warehouse
        /// The store warehouse that was linked to the BaseLinker warehouse before, now unlinked.
        public let unlinked: Warehouse?
        /// The BaseLinker warehouse the store warehouse was linked to before.
        public let previousLink: String?
    }

    /// A problem with a mapping or an import, said for a person; nothing was written.
    public struct WarehouseProblem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Links the store warehouse `id` to BaseLinker's `link` (`bl_2`): its stock is that
    /// warehouse's, and orders from it ship from the store warehouse. Refused when `[warehouses]
    /// map` says otherwise (the next sync would undo it) or when BaseLinker has no such `bl_`
    /// warehouse.
    public func mapWarehouse(_ link: String, to id: Int64) async throws -> WarehouseMapping {
        let settings = configuration.warehouses
        if let configured = settings.map[link], Int64(configured) != id {
            throw WarehouseProblem(description: "\(configuration.file): [warehouses] map links \(link) to warehouse \(configured), and the next sync would set it back; change it there")
        }
        if let other = settings.map.first(where: { Int64($0.value) == id && $0.key != link }) {
            throw WarehouseProblem(description: "\(configuration.file): [warehouses] map links warehouse \(id) to \(other.key), and the next sync would set it back; change it there")
        }
        let remote = try await baselinkerWarehouses().filter { $0.type == "bl" }
        guard remote.contains(where: { $0.key == link }) else {
            let known = remote.map(\.key).joined(separator: ", ")
            throw WarehouseProblem(description: "BaseLinker has no warehouse \(link) that holds stock (its bl_ warehouses: \(known.isEmpty ? "none" : known))")
        }
        return try store.write { tx in
            guard let warehouse = try tx.warehouse(id: id) else {
                throw WarehouseProblem(description: "there is no store warehouse \(id) (firmlink warehouses list)")
            }
            var unlinked: Warehouse?
            if let holder = try tx.warehouseForBaseLinker(link), holder.id != id {
                unlinked = try tx.linkWarehouse(id: holder.id, baselinker: nil)
            }
            let linked = try tx.linkWarehouse(id: id, baselinker: link)
            let previous = warehouse.baselinkerWarehouse == link ? nil : warehouse.baselinkerWarehouse
            return WarehouseMapping(warehouse: linked, unlinked: unlinked, previousLink: previous)
        }
    }

    /// BaseLinker's `bl_` warehouses no store warehouse is linked to.
    public func unmappedWarehouses() async throws -> [InventoryWarehouse] {
        let remote = try await baselinkerWarehouses().filter { $0.type == "bl" }
        return try store.read { reader in try remote.filter { try reader.warehouseForBaseLinker($0.key) == nil } }
    }

    /// Makes a store warehouse for each of `warehouses` (from ``unmappedWarehouses()``), named
    /// after BaseLinker's, in the country `countries` gives it, and links it. The first becomes
    /// the default when the store has none and BaseLinker calls it its default.
    public func importWarehouses(_ warehouses: [InventoryWarehouse], countries: [String: String]) throws -> [Warehouse] {
        let missing = warehouses.filter { countries[$0.key] == nil }.map(\.key)
        guard missing.isEmpty else {
            throw WarehouseProblem(description: "no country for \(missing.joined(separator: ", ")): give --country \(missing[0])=PL (the document type depends on it)")
        }
        return try store.write { tx in
            var created: [Warehouse] = []
            for warehouse in warehouses where try tx.warehouseForBaseLinker(warehouse.key) == nil {
                let name = warehouse.name.isEmpty ? "BaseLinker \(warehouse.key)" : warehouse.name
                let makeDefault = try warehouse.isDefault && tx.defaultWarehouse() == nil
                created.append(try tx.insertWarehouse(
                    WarehouseFields(name: name, country: countries[warehouse.key]!, baselinkerWarehouse: warehouse.key),
                    isDefault: makeDefault))
            }
            return created
        }
    }
}
