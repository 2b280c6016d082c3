public import Foundation
import GRDB

/// What a caller sets on a product card.
public struct ProductFields: Hashable, Sendable {
    public var name: String
    /// The seller's code; empty counts as none.
    public var sku: String?
    public var ean: String?
    public var unit: String
    public var vatRate: VATRate
    public var grossPrice: Money
    /// The linked BaseLinker inventory product; at most one store product per link.
    public var baselinkerProductId: Int64?

    public init(
        name: String, sku: String? = nil, ean: String? = nil, unit: String = "szt",
        vatRate: VATRate = .standard, grossPrice: Money = .zero, baselinkerProductId: Int64? = nil
    ) {
        self.name = name
        self.sku = sku
        self.ean = ean
        self.unit = unit
        self.vatRate = vatRate
        self.grossPrice = grossPrice
        self.baselinkerProductId = baselinkerProductId
    }
}

/// A product card.
///
/// ``revision`` comes from a store-wide counter and is raised on every change, so
/// `products(changedAfterRevision:)` finds what to push to BaseLinker since a saved cursor.
@dynamicMemberLookup
public struct Product: Identifiable, Hashable, Sendable {
    public let id: Int64
    public var fields: ProductFields
    /// ``Normalize/name(_:)`` of the name: what look-ups by name compare.
    public var normalizedName: String
    public var revision: Int64
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<ProductFields, T>) -> T {
        fields[keyPath: keyPath]
    }
}

extension Product {
    static let columns =
        "id, name, name_normalized, sku, ean, unit, vat_rate, price_gross, baselinker_product_id, revision, updated_at"

    init(row: Row) throws {
        id = row["id"]
        normalizedName = row["name_normalized"]
        revision = row["revision"]
        updatedAt = row["updated_at"]
        fields = ProductFields(
            name: row["name"], sku: row["sku"], ean: row["ean"], unit: row["unit"],
            vatRate: try row.vatRate("vat_rate"),
            grossPrice: Money(minorUnits: row["price_gross"]),
            baselinkerProductId: row["baselinker_product_id"])
    }
}

extension ProductFields {
    func validated() throws -> ProductFields {
        var fields = self
        fields.name = name.trimmingSpaces
        fields.sku = sku.map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
        fields.ean = ean.map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
        fields.unit = unit.trimmingSpaces.isEmpty ? "szt" : unit.trimmingSpaces
        guard !fields.name.isEmpty else { throw StoreError.invalid("a product needs a name") }
        return fields
    }
}

extension Row {
    func vatRate(_ column: String) throws -> VATRate {
        let name: String = self[column]
        guard let rate = VATRate(name: name) else {
            throw StoreError(.database, "the store holds an unknown VAT rate '\(name)' in \(column)")
        }
        return rate
    }
}
