import FirminoStore
import LuaHost

/// The table of fields a migration passes to a store write, read strictly: every key must be
/// one the store has (a typo is an error naming the fields there are), and every value of the
/// type the field takes. Names are the store's (docs/json.md): `price_gross`, `tax_id`, …
struct MigrationFields {
    let table: LuaTable

    init(_ value: LuaValue, allowed: [String]) throws {
        guard let table = value.tableValue, table.array.isEmpty else {
            throw MigrationError("expects a table of fields (\(allowed.joined(separator: ", "))), got \(value.typeName)")
        }
        for key in table.fields.keys {
            guard case .string(let name) = key, let text = name.text, allowed.contains(text) else {
                throw MigrationError("there is no field '\(key)'; the fields are \(allowed.joined(separator: ", "))")
            }
        }
        self.table = table
    }

    func has(_ key: String) -> Bool { !table[key].isNil }

    /// A text field; a whole number is taken as its digits (an EAN read from JSON, say).
    func text(_ key: String) throws -> String? {
        try field(key, "a string") { value in value.stringValue ?? value.integerValue.map { String($0) } }
    }

    func id(_ key: String) throws -> Int64? {
        try field(key, "a whole number", Self.id)
    }

    func bool(_ key: String) throws -> Bool? {
        try field(key, "true or false", \.boolValue)
    }

    func vatRate(_ key: String) throws -> VATRate? {
        try field(key, "a percentage or \"zw\", \"np\", \"oo\"", RuleSet.vatRate)
    }

    func money(_ key: String) throws -> Money? {
        try field(key, "an amount, such as 29.99 or \"29.99\"") { value in
            RuleSet.money(value).flatMap { money in money >= .zero ? money : nil }
        }
    }

    /// The field `key` as `read` takes it, nil when the table does not give it; a value `read`
    /// cannot take is an error saying what the field must be.
    private func field<Value>(_ key: String, _ expected: String, _ read: (LuaValue) -> Value?) throws -> Value? {
        let value = table[key]
        if value.isNil { return nil }
        guard let result = read(value) else {
            throw MigrationError("\(key) must be \(expected), not \(RuleSet.describe(value))")
        }
        return result
    }

    /// An id given as a whole number, an integral float or a string of digits (the keys of a
    /// BaseLinker answer are strings).
    static func id(_ value: LuaValue) -> Int64? {
        if let id = RuleSet.id(value) { return id }
        if let text = value.stringValue?.trimmingSpaces, !text.isEmpty, text.allSatisfy(\.isASCII) { return Int64(text) }
        return nil
    }
}

extension MigrationFields {
    static let product = [
        "name", "sku", "ean", "unit", "vat_rate", "price_gross", "baselinker_product_id", "baselinker_variant_id",
    ]
    static let contractor = contractorTexts.map(\.name)
    /// A contractor's fields by their names here: all of them text.
    static let contractorTexts: [(name: String, field: any WritableKeyPath<ContractorFields, String> & Sendable)] = [
        ("name", \.name), ("tax_id", \.taxId), ("address", \.address), ("postcode", \.postcode), ("city", \.city),
        ("country", \.country), ("email", \.email), ("phone", \.phone),
    ]
    static let warehouse = ["name", "country", "baselinker_warehouse", "default"]

    /// `fields` over `base`: what the table gives replaces, the rest stays.
    func product(over base: ProductFields) throws -> ProductFields {
        var fields = base
        if let name = try text("name") { fields.name = name }
        if let sku = try text("sku") { fields.sku = sku }
        if let ean = try text("ean") { fields.ean = ean }
        if let unit = try text("unit") { fields.unit = unit }
        if let rate = try vatRate("vat_rate") { fields.vatRate = rate }
        if let price = try money("price_gross") { fields.grossPrice = price }
        if let link = try id("baselinker_product_id") { fields.baselinkerProductId = link }
        if let variant = try id("baselinker_variant_id"), variant != 0 { throw MigrationError.noVariantLinks }
        return fields
    }

    func contractor(over base: ContractorFields) throws -> ContractorFields {
        var fields = base
        for (name, field) in Self.contractorTexts {
            if let text = try text(name) { fields[keyPath: field] = text }
        }
        return fields
    }

    func warehouse(over base: WarehouseFields) throws -> WarehouseFields {
        var fields = base
        if let name = try text("name") { fields.name = name }
        if let country = try text("country") { fields.country = country }
        if let link = try text("baselinker_warehouse") { fields.baselinkerWarehouse = link.isEmpty ? nil : link }
        return fields
    }
}

extension MigrationError {
    /// The store links a product to a BaseLinker product only, not yet to one of its variants.
    static let noVariantLinks = MigrationError(
        "this store links a product to a BaseLinker product only (baselinker_product_id), "
            + "not yet to one of its variants; leave the variant id out (or 0)")
}

/// The names of the fields that differ between two values of a row.
enum ChangedFields {
    static func of(_ old: ProductFields, _ new: ProductFields) -> [String] {
        var names: [String] = []
        if old.name != new.name { names.append("name") }
        if old.sku != new.sku { names.append("sku") }
        if old.ean != new.ean { names.append("ean") }
        if old.unit != new.unit { names.append("unit") }
        if old.vatRate != new.vatRate { names.append("vat_rate") }
        if old.grossPrice != new.grossPrice { names.append("price_gross") }
        if old.baselinkerProductId != new.baselinkerProductId { names.append("baselinker_product_id") }
        return names
    }

    static func of(_ old: ContractorFields, _ new: ContractorFields) -> [String] {
        MigrationFields.contractorTexts.filter { old[keyPath: $0.field] != new[keyPath: $0.field] }.map(\.name)
    }

    static func of(_ old: WarehouseFields, _ new: WarehouseFields) -> [String] {
        var names: [String] = []
        if old.name != new.name { names.append("name") }
        if old.country != new.country { names.append("country") }
        if old.baselinkerWarehouse != new.baselinkerWarehouse { names.append("baselinker_warehouse") }
        return names
    }
}
