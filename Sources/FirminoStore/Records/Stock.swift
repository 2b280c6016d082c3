public import Foundation
import GRDB

/// Why stock moved. Open-ended: callers may add their own reasons.
public struct StockMovementReason: RawRepresentable, Hashable, Sendable, Codable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A document line took goods out.
    public static let sale = StockMovementReason(rawValue: "sale")
    /// A level was set to a counted or pulled quantity.
    public static let adjustment = StockMovementReason(rawValue: "adjustment")
    /// A change made by hand or by a migration script.
    public static let manual = StockMovementReason(rawValue: "manual")
}

/// One entry of the stock ledger. Movements are never changed or deleted.
public struct StockMovement: Identifiable, Hashable, Sendable {
    public let id: Int64
    public var productId: Int64
    public var warehouseId: Int64
    public var delta: Int
    public var reason: StockMovementReason
    public var documentId: Int64?
    public var note: String
    public var createdAt: Date
}

/// A product's quantity in a warehouse: the sum of its movements. May be below zero.
public struct StockLevel: Hashable, Sendable, Codable {
    public var productId: Int64
    public var warehouseId: Int64
    public var quantity: Int

    public init(productId: Int64, warehouseId: Int64, quantity: Int) {
        self.productId = productId
        self.warehouseId = warehouseId
        self.quantity = quantity
    }

    public var isNegative: Bool { quantity < 0 }
}

extension StockMovement {
    static let columns = "id, product_id, warehouse_id, delta, reason, document_id, note, created_at"

    init(row: Row) {
        id = row["id"]
        productId = row["product_id"]
        warehouseId = row["warehouse_id"]
        delta = row["delta"]
        reason = StockMovementReason(rawValue: row["reason"])
        documentId = row["document_id"]
        note = row["note"]
        createdAt = row["created_at"]
    }
}

extension StockLevel {
    init(row: Row) {
        productId = row["product_id"]
        warehouseId = row["warehouse_id"]
        quantity = row["quantity"]
    }
}
