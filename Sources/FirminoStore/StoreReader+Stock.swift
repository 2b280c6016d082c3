import GRDB

/// Stock is a ledger: movements are appended, never changed; a level is the sum of a product's
/// movements in a warehouse (kept in `stock_levels` by a trigger in the same transaction).
/// Levels may go below zero: a sale is never refused for want of stock, and the caller is told.
extension StoreReader {
    /// The quantity of a product in a warehouse; 0 when it never moved.
    public func stockLevel(productId: Int64, warehouseId: Int64) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT quantity FROM stock_levels WHERE product_id = ? AND warehouse_id = ?",
            arguments: [productId, warehouseId]) ?? 0
    }

    /// Every level that ever moved, by product then warehouse.
    public func stockLevels() throws -> [StockLevel] {
        try rows(
            "SELECT product_id, warehouse_id, quantity FROM stock_levels ORDER BY product_id, warehouse_id"
        ).map(StockLevel.init(row:))
    }

    /// The levels below zero, by product then warehouse.
    public func negativeStockLevels() throws -> [StockLevel] {
        try rows(
            "SELECT product_id, warehouse_id, quantity FROM stock_levels WHERE quantity < 0 ORDER BY product_id, warehouse_id"
        ).map(StockLevel.init(row:))
    }

    /// The levels changed by movements after `movementId`, and the last movement id: a cursor
    /// for pushing changed stock (`stockChanges(after: savedCursor)`).
    public func stockChanges(afterMovement movementId: Int64) throws -> (levels: [StockLevel], lastMovementId: Int64) {
        let levels = try rows(
            "SELECT product_id, warehouse_id, quantity FROM stock_levels WHERE last_movement_id > ? ORDER BY product_id, warehouse_id",
            [movementId]
        ).map(StockLevel.init(row:))
        let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM stock_movements") ?? 0
        return (levels, max(last, movementId))
    }

    /// Movements, oldest first; `documentId` narrows them to one document's.
    public func stockMovements(documentId: Int64? = nil) throws -> [StockMovement] {
        if let documentId {
            return try rows(
                "SELECT \(StockMovement.columns) FROM stock_movements WHERE document_id = ? ORDER BY id", [documentId]
            ).map(StockMovement.init(row:))
        }
        return try rows("SELECT \(StockMovement.columns) FROM stock_movements ORDER BY id").map(StockMovement.init(row:))
    }
}
