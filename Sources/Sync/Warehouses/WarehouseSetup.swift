package import BaseLinkerModels
package import Config
package import FirminoStore

/// Before orders are decided, the store's warehouses are put in step with `[warehouses]`
/// (docs/configuration.md): each mapped BaseLinker warehouse is linked to its store warehouse
/// (made when missing, named after BaseLinker's), unmapped BaseLinker warehouses get a store
/// warehouse of their own when `import_new` is on, a country given in `countries` is set on the
/// warehouse linked to that BaseLinker warehouse, and the store always has a default warehouse
/// — the one linked to BaseLinker's default, else `Magazyn główny`.
package struct WarehouseSetup {
    let settings: Configuration.Warehouses
    let sellerCountry: String

    package init(settings: Configuration.Warehouses, sellerCountry: String) {
        self.settings = settings
        self.sellerCountry = sellerCountry
    }

    package struct Result {
        var created: [Warehouse] = []
        var linked: [Warehouse] = []
        /// Warehouses whose country `[warehouses] countries` corrected.
        var countryChanges: [SyncSummary.CountryChange] = []
    }

    /// `remote`: the account's warehouses (only `bl_` ones take stock).
    package func apply(remote: [InventoryWarehouse], in tx: StoreTransaction) throws -> Result {
        var result = Result()
        let hadDefault = try tx.defaultWarehouse() != nil
        let own = remote.filter { $0.type == "bl" }
        let names = Dictionary(own.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        for (link, storeId) in settings.map.sorted(by: { $0.key < $1.key }) {
            if let warehouse = try tx.warehouse(id: Int64(storeId)) {
                guard warehouse.baselinkerWarehouse != link else { continue }
                if let holder = try tx.warehouseForBaseLinker(link) {
                    try tx.linkWarehouse(id: holder.id, baselinker: nil)
                }
                result.linked.append(try tx.linkWarehouse(id: warehouse.id, baselinker: link))
            } else {
                if let holder = try tx.warehouseForBaseLinker(link) {
                    try tx.linkWarehouse(id: holder.id, baselinker: nil)
                }
                result.created.append(
                    try tx.insertWarehouse(fields(for: link, name: names[link]), id: Int64(storeId)))
            }
        }
        if settings.importNew {
            for warehouse in own where try tx.warehouseForBaseLinker(warehouse.key) == nil {
                result.created.append(try tx.insertWarehouse(fields(for: warehouse.key, name: warehouse.name)))
            }
        }
        // A country given in [warehouses] countries holds for the warehouse linked to that
        // BaseLinker warehouse whenever it was made: the document type depends on it.
        for (link, country) in settings.countries.sorted(by: { $0.key < $1.key }) {
            guard var warehouse = try tx.warehouseForBaseLinker(link), warehouse.country != country else { continue }
            let before = warehouse.country
            var fields = warehouse.fields
            fields.country = country
            warehouse = try tx.updateWarehouse(id: warehouse.id, fields)
            result.countryChanges.append(
                SyncSummary.CountryChange(warehouseId: warehouse.id, name: warehouse.name, from: before, to: country))
        }
        if !hadDefault {
            // The first warehouse made became the default; BaseLinker's default is the better one.
            if let remoteDefault = own.first(where: \.isDefault),
               let local = try tx.warehouseForBaseLinker(remoteDefault.key) {
                try tx.setDefaultWarehouse(id: local.id)
            } else if try tx.defaultWarehouse() == nil {
                result.created.append(
                    try tx.insertWarehouse(WarehouseFields(name: "Magazyn główny", country: sellerCountry), isDefault: true))
            }
        }
        return result
    }

    private func fields(for link: String, name: String?) -> WarehouseFields {
        WarehouseFields(
            name: name.flatMap { $0.isEmpty ? nil : $0 } ?? "BaseLinker \(link)",
            country: settings.countries[link] ?? sellerCountry, baselinkerWarehouse: link)
    }
}

extension SyncSummary {
    /// Counts what putting the warehouses in step did.
    mutating func count(_ setup: WarehouseSetup.Result) {
        warehouses.imported += setup.created.filter { $0.baselinkerWarehouse != nil }.count
        warehouses.countryChanged += setup.countryChanges
    }
}
