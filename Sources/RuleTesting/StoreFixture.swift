import Sync
import FirminoStore
import Yams

/// The store before an order, as a rule case (or `rules explain --store`) writes it: rows of
/// warehouses, products and contractors with the fields their tables have and the ids given.
/// Without warehouses the store gets one default warehouse, `Magazyn główny` in Poland (id 1).
struct StoreFixture {
    struct WarehouseRow {
        var id: Int64?
        var fields: WarehouseFields
        var isDefault: Bool
    }

    var warehouses: [WarehouseRow] = []
    var products: [(id: Int64?, fields: ProductFields)] = []
    var contractors: [(id: Int64?, fields: ContractorFields)] = []

    init() {}

    init(_ fields: YAMLFields) throws {
        try fields.rejectUnknown(["warehouses", "products", "contractors"])
        warehouses = try fields.mappings("warehouses").map { row in
            try row.rejectUnknown(["id", "name", "country", "baselinker", "default"])
            return WarehouseRow(
                id: try row.int("id").map(Int64.init),
                fields: WarehouseFields(
                    name: try row.string("name") ?? "", country: try row.string("country") ?? "PL",
                    baselinkerWarehouse: try row.string("baselinker")),
                isDefault: try row.bool("default") ?? false)
        }
        products = try fields.mappings("products").map { row in
            try row.rejectUnknown([
                "id", "name", "sku", "ean", "unit", "vat_rate", "price_gross", "baselinker_id", "baselinker_variant_id",
            ])
            var product = ProductFields(name: try row.string("name") ?? "", sku: try row.string("sku"), ean: try row.string("ean"))
            if let unit = try row.string("unit") { product.unit = unit }
            if let rate = try row.string("vat_rate") {
                guard let parsed = VATRate(name: rate) else {
                    throw row.error("vat_rate", "must be a percentage or zw, np, oo, 0wdt, 0exp")
                }
                product.vatRate = parsed
            }
            if let price = try row.string("price_gross") {
                guard let parsed = Money(decimalString: price) else { throw row.error("price_gross", "must be an amount") }
                product.grossPrice = parsed
            }
            product.baselinkerProductId = try row.int("baselinker_id").map(Int64.init)
            product.baselinkerVariantId = try row.int("baselinker_variant_id").map(Int64.init)
            return (try row.int("id").map(Int64.init), product)
        }
        contractors = try fields.mappings("contractors").map { row in
            try row.rejectUnknown(["id", "name", "tax_id", "address", "postcode", "city", "country", "email", "phone"])
            let contractor = ContractorFields(
                name: try row.string("name") ?? "", taxId: try row.string("tax_id") ?? "",
                address: try row.string("address") ?? "", postcode: try row.string("postcode") ?? "",
                city: try row.string("city") ?? "", country: try row.string("country") ?? "PL",
                email: try row.string("email") ?? "", phone: try row.string("phone") ?? "")
            return (try row.int("id").map(Int64.init), contractor)
        }
    }

    /// Writes the rows (a default warehouse when none is given).
    func apply(to tx: StoreTransaction) throws {
        if warehouses.isEmpty {
            try tx.insertWarehouse(WarehouseFields(name: "Magazyn główny", country: "PL"), isDefault: true, id: 1)
        }
        for row in warehouses {
            try tx.insertWarehouse(row.fields, isDefault: row.isDefault, id: row.id)
        }
        for row in products { try tx.insertProduct(row.fields, id: row.id) }
        for row in contractors { try tx.insertContractor(row.fields, id: row.id) }
    }
}
