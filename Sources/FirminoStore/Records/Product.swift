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
    var rowID: Int64?
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

    /// The `products` columns, which are also the coding keys.
    public enum Columns: String, CodingKey, ColumnExpression, CaseIterable {
        case rowID = "id", name, sku, ean, unit, revision
        case normalizedName = "name_normalized", normalizedSKU = "sku_normalized", vatRate = "vat_rate"
        case grossPrice = "price_gross", baselinkerProductId = "baselinker_product_id", updatedAt = "updated_at"
        case variantColumn = "baselinker_variant_id", baselinkerFingerprint = "baselinker_fingerprint"
    }

    typealias CodingKeys = Columns
}

extension Product: FetchableRecord, MutablePersistableRecord, RowIDRecord, KeptInsert {
    public static let databaseTableName = "products"
    static let insertSQL = makeInsertSQL()
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
