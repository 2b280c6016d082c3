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

    public var isNegative: Bool { quantity < 0 }

    /// The `stock_levels` columns, which are also the coding keys.
    public enum Columns: String, CodingKey, ColumnExpression {
        case quantity
        case productId = "product_id", warehouseId = "warehouse_id"

        /// The movement that last changed the level: what ``StoreReader/stockChanges(afterMovement:)``
        /// compares with its cursor. Not a property: nothing outside the ledger needs it.
        static let lastMovementId = Column("last_movement_id")
    }

    typealias CodingKeys = Columns
}

extension StockLevel: FetchableRecord, TableRecord {
    public static let databaseTableName = "stock_levels"
}
