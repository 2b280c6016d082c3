public import GRDB

/// A product's quantity in a warehouse: the sum of its movements. May be below zero.
///
/// A row of `stock_levels`, which a trigger keeps in the same statement that inserts a
/// ``StockMovement``. So the store only reads levels: the type is fetchable, not persistable,
/// and a level changes by a movement only.
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

    enum CodingKeys: String, CodingKey {
        case quantity
        case productId = "product_id", warehouseId = "warehouse_id"
    }
}

extension StockLevel: FetchableRecord, TableRecord {
    public static let databaseTableName = "stock_levels"

    /// The columns, for the query interface. Public only because GRDB's `TableRecord` names
    /// the type; the store alone queries its tables.
    public enum Columns {
        static let productId = Column(CodingKeys.productId)
        static let warehouseId = Column(CodingKeys.warehouseId)
        static let quantity = Column(CodingKeys.quantity)
        /// The movement that last changed the level: what ``StoreReader/stockChanges(afterMovement:)``
        /// compares with its cursor. Not a property: nothing outside the ledger needs it.
        static let lastMovementId = Column("last_movement_id")
    }
}
