public import GRDB

/// What a caller sets on a warehouse.
public struct WarehouseFields: Hashable, Sendable {
    public var name: String
    /// ISO 3166 alpha-2, kept upper-case.
    public var country: String
    /// The linked BaseLinker warehouse, `bl_<id>`; at most one store warehouse per link.
    public var baselinkerWarehouse: String?

    public init(name: String, country: String = "PL", baselinkerWarehouse: String? = nil) {
        self.name = name
        self.country = country
        self.baselinkerWarehouse = baselinkerWarehouse
    }
}

/// A store warehouse: a row of `warehouses`. Exactly one warehouse is the default once any
/// exists.
public struct Warehouse: Identifiable, Hashable, Sendable, Codable {
    var rowID: Int64?
    public private(set) var name: String
    public private(set) var country: String
    public private(set) var baselinkerWarehouse: String?
    public internal(set) var isDefault: Bool

    /// The fields a caller sets, as one value.
    public var fields: WarehouseFields {
        get { WarehouseFields(name: name, country: country, baselinkerWarehouse: baselinkerWarehouse) }
        set { self = Warehouse(newValue, isDefault: isDefault, id: rowID) }
    }

    /// A warehouse to insert (`id` nil: the next free one).
    init(_ fields: WarehouseFields, isDefault: Bool, id: Int64?) {
        rowID = id
        name = fields.name
        country = fields.country
        baselinkerWarehouse = fields.baselinkerWarehouse
        self.isDefault = isDefault
    }

    /// The `warehouses` columns, which are also the coding keys.
    public enum Columns: String, CodingKey, ColumnExpression, CaseIterable {
        case rowID = "id", name, country
        case isDefault = "is_default", baselinkerWarehouse = "baselinker_warehouse"
    }

    typealias CodingKeys = Columns
}

extension Warehouse: FetchableRecord, MutablePersistableRecord, RowIDRecord {
    public static let databaseTableName = "warehouses"
}

extension WarehouseFields {
    /// Trims and upper-cases what is compared, and refuses what cannot be stored.
    func validated() throws -> WarehouseFields {
        var fields = self
        fields.name = Normalize.printable(name).trimmingSpaces
        fields.country = country.trimmingSpaces.uppercased()
        guard !fields.name.isEmpty else { throw StoreError.invalid("a warehouse needs a name") }
        guard fields.country.count == 2, fields.country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw StoreError.invalid(
                "warehouse '\(fields.name)': country '\(country)' is not a two-letter code")
        }
        if let link = baselinkerWarehouse {
            fields.baselinkerWarehouse = try BaseLinkerWarehouseLink.validated(link)
        }
        return fields
    }
}

/// BaseLinker warehouses are named `bl_<id>` (its own `getInventoryWarehouses` spelling), the id
/// a whole number above 0. A link is stored in one spelling only — lower-case `bl_` and the id
/// without sign or leading zeros — because look-ups build `bl_\(id)`: a link kept as `bl_01`
/// would never be found, and the next sync would make its warehouse again.
enum BaseLinkerWarehouseLink {
    /// `text` in the one spelling (`" BL_007 "` → `bl_7`); nil when it names no BaseLinker
    /// warehouse (`bl_0`, `bl_+1`, `bl_x`).
    static func canonical(_ text: String) -> String? {
        let link = text.trimmingSpaces.lowercased()
        let digits = link.dropFirst(3)
        guard link.hasPrefix("bl_"), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let id = Int64(digits), id > 0
        else { return nil }
        return "bl_\(id)"
    }

    static func validated(_ text: String) throws -> String {
        guard let link = canonical(text) else {
            throw StoreError.invalid(
                "'\(text)' is not a BaseLinker warehouse (expected bl_<id>, the id a whole number above 0, e.g. bl_1)")
        }
        return link
    }
}
