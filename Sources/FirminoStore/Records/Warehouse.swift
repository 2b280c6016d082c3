import GRDB

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

/// A store warehouse. Exactly one warehouse is the default once any exists.
@dynamicMemberLookup
public struct Warehouse: Identifiable, Hashable, Sendable {
    public let id: Int64
    public var fields: WarehouseFields
    public var isDefault: Bool

    public subscript<T>(dynamicMember keyPath: KeyPath<WarehouseFields, T>) -> T {
        fields[keyPath: keyPath]
    }
}

extension Warehouse {
    static let columns = "id, name, country, is_default, baselinker_warehouse"

    init(row: Row) {
        id = row["id"]
        isDefault = row["is_default"]
        fields = WarehouseFields(
            name: row["name"], country: row["country"], baselinkerWarehouse: row["baselinker_warehouse"])
    }
}

extension WarehouseFields {
    /// Trims and upper-cases what is compared, and refuses what cannot be stored.
    func validated() throws -> WarehouseFields {
        var fields = self
        fields.name = name.trimmingSpaces
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
