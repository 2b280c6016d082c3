public import Foundation
public import GRDB

/// What a caller sets on a product card.
public struct ProductFields: Hashable, Sendable {
    public var name: String
    /// The seller's code; empty counts as none.
    public var sku: String?
    public var ean: String?
    public var unit: String
    public var vatRate: VATRate
    public var grossPrice: Money
    /// The linked BaseLinker inventory product; with ``baselinkerVariantId``, one of its
    /// variants. At most one store product per link.
    public var baselinkerProductId: Int64?
    /// The linked variant of ``baselinkerProductId``; nil for a plain product.
    public var baselinkerVariantId: Int64?

    public init(
        name: String, sku: String? = nil, ean: String? = nil, unit: String = "szt",
        vatRate: VATRate = .standard, grossPrice: Money = .zero, baselinkerProductId: Int64? = nil,
        baselinkerVariantId: Int64? = nil
    ) {
        self.name = name
        self.sku = sku
        self.ean = ean
        self.unit = unit
        self.vatRate = vatRate
        self.grossPrice = grossPrice
        self.baselinkerProductId = baselinkerProductId
        self.baselinkerVariantId = baselinkerVariantId
    }
}

/// A product card: a row of `products`.
///
/// ``revision`` comes from a store-wide counter and is raised on every change, so
/// `products(changedAfterRevision:)` finds what to push to BaseLinker since a saved cursor.
///
/// The name and SKU are kept twice: as given, and normalised for look-ups (``normalizedName``,
/// and the SKU as ``Normalize/sku(_:)`` makes it). Setting ``fields`` keeps both in step.
public struct Product: Identifiable, Hashable, Sendable, Codable {
    /// The `id` column: nil only for a card built to be inserted, until the insert gives it
    /// (``didInsert(_:)``). Cards never leave the store without one, hence ``id``.
    ///
    /// An auto-incremented id is optional in a GRDB record, so that a record can exist before
    /// its insert; callers should not have to unwrap it, so the column stays private behind a
    /// non-optional accessor (GRDB's "hide intimate database details" practice). The other
    /// records do the same. A draft type inserted with `insertAndFetch(_:as:)` would avoid the
    /// optional, but read every row back after writing it, and double the record types.
    private var rowID: Int64?
    public private(set) var name: String
    public private(set) var sku: String?
    public private(set) var ean: String?
    public private(set) var unit: String
    public private(set) var vatRate: VATRate
    public private(set) var grossPrice: Money
    public private(set) var baselinkerProductId: Int64?
    /// The `baselinker_variant_id` column: 0 for a plain product (so that the pair is unique).
    private var variantColumn: Int64
    /// What the products sync last pulled of the linked BaseLinker product (a digest of its
    /// listed fields), to tell when it changed; set apart from the fields, with no revision.
    public internal(set) var baselinkerFingerprint: String?
    /// ``Normalize/name(_:)`` of the name: what look-ups by name compare.
    public private(set) var normalizedName: String
    /// ``Normalize/sku(_:)`` of the SKU: what look-ups by SKU compare.
    private var normalizedSKU: String?
    public internal(set) var revision: Int64
    public internal(set) var updatedAt: Date

    /// The card's id. Every card the store hands out was read or inserted, so it has one.
    public var id: Int64 {
        guard let rowID else { preconditionFailure("a product card was used before it was inserted") }
        return rowID
    }

    /// The linked BaseLinker variant; nil for a plain product.
    public var baselinkerVariantId: Int64? { variantColumn == 0 ? nil : variantColumn }

    /// The fields a caller sets, as one value.
    public var fields: ProductFields {
        get {
            ProductFields(
                name: name, sku: sku, ean: ean, unit: unit, vatRate: vatRate, grossPrice: grossPrice,
                baselinkerProductId: baselinkerProductId, baselinkerVariantId: baselinkerVariantId)
        }
        set {
            let fingerprint = baselinkerFingerprint
            self = Product(newValue, id: rowID, revision: revision, updatedAt: updatedAt)
            baselinkerFingerprint = fingerprint
        }
    }

    /// A card to insert (`id` nil: the next free one).
    init(_ fields: ProductFields, id: Int64?, revision: Int64, updatedAt: Date) {
        rowID = id
        name = fields.name
        sku = fields.sku
        ean = fields.ean
        unit = fields.unit
        vatRate = fields.vatRate
        grossPrice = fields.grossPrice
        baselinkerProductId = fields.baselinkerProductId
        variantColumn = fields.baselinkerVariantId ?? 0
        normalizedName = Normalize.name(fields.name)
        normalizedSKU = fields.sku.map(Normalize.sku)
        self.revision = revision
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case rowID = "id", name, sku, ean, unit, revision
        case normalizedName = "name_normalized", normalizedSKU = "sku_normalized", vatRate = "vat_rate"
        case grossPrice = "price_gross", baselinkerProductId = "baselinker_product_id", updatedAt = "updated_at"
        case variantColumn = "baselinker_variant_id", baselinkerFingerprint = "baselinker_fingerprint"
    }
}

extension Product: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "products"

    /// The columns, for the query interface. Public only because GRDB's `TableRecord` names
    /// the type; the store alone queries its tables.
    public enum Columns {
        static let id = Column(CodingKeys.rowID)
        static let name = Column(CodingKeys.name)
        static let normalizedName = Column(CodingKeys.normalizedName)
        static let sku = Column(CodingKeys.sku)
        static let normalizedSKU = Column(CodingKeys.normalizedSKU)
        static let ean = Column(CodingKeys.ean)
        static let unit = Column(CodingKeys.unit)
        static let vatRate = Column(CodingKeys.vatRate)
        static let grossPrice = Column(CodingKeys.grossPrice)
        static let baselinkerProductId = Column(CodingKeys.baselinkerProductId)
        static let baselinkerVariantId = Column(CodingKeys.variantColumn)
        static let revision = Column(CodingKeys.revision)
        static let updatedAt = Column(CodingKeys.updatedAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        rowID = inserted.rowID
    }

    // Rows are read and written column by column rather than through `Codable`: a sync reads
    // a product for nearly every order line, and GRDB's `Decodable` path costs several times
    // as much per row.

    public init(row: Row) throws {
        rowID = try row.decode(forColumn: "id")
        name = try row.decode(forColumn: "name")
        normalizedName = try row.decode(forColumn: "name_normalized")
        sku = try row.decode(forColumn: "sku")
        normalizedSKU = try row.decode(forColumn: "sku_normalized")
        ean = try row.decode(forColumn: "ean")
        unit = try row.decode(forColumn: "unit")
        vatRate = try row.decode(forColumn: "vat_rate")
        grossPrice = try row.decode(forColumn: "price_gross")
        baselinkerProductId = try row.decode(forColumn: "baselinker_product_id")
        variantColumn = try row.decode(forColumn: "baselinker_variant_id")
        baselinkerFingerprint = try row.decode(forColumn: "baselinker_fingerprint")
        revision = try row.decode(forColumn: "revision")
        updatedAt = try row.decode(forColumn: "updated_at")
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = rowID
        container["name"] = name
        container["name_normalized"] = normalizedName
        container["sku"] = sku
        container["sku_normalized"] = normalizedSKU
        container["ean"] = ean
        container["unit"] = unit
        container["vat_rate"] = vatRate
        container["price_gross"] = grossPrice
        container["baselinker_product_id"] = baselinkerProductId
        container["baselinker_variant_id"] = variantColumn
        container["baselinker_fingerprint"] = baselinkerFingerprint
        container["revision"] = revision
        container["updated_at"] = updatedAt
    }
}

extension ProductFields {
    func validated() throws -> ProductFields {
        var fields = self
        fields.name = Normalize.printable(name).trimmingSpaces
        fields.sku = sku.map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
        fields.ean = ean.map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
        fields.unit = unit.trimmingSpaces.isEmpty ? "szt" : unit.trimmingSpaces
        if fields.baselinkerVariantId == 0 { fields.baselinkerVariantId = nil }
        guard !fields.name.isEmpty else { throw StoreError.invalid("a product needs a name") }
        guard fields.baselinkerVariantId == nil || fields.baselinkerProductId != nil else {
            throw StoreError.invalid("product '\(fields.name)': a BaseLinker variant is linked with its product")
        }
        return fields
    }
}

extension Product: KeptInsert {
    static let insertColumns: [String] = [
        CodingKeys.rowID, .name, .normalizedName, .sku, .normalizedSKU, .ean, .unit, .vatRate, .grossPrice,
        .baselinkerProductId, .variantColumn, .baselinkerFingerprint, .revision, .updatedAt,
    ].map(\.stringValue)
    static let insertSQL = makeInsertSQL()

    var insertArguments: StatementArguments {
        [
            rowID, name, normalizedName, sku, normalizedSKU, ean, unit, vatRate, grossPrice, baselinkerProductId,
            variantColumn, baselinkerFingerprint, revision, StoredDate.value(updatedAt),
        ]
    }

    mutating func inserted(rowID: Int64) { self.rowID = rowID }
}
