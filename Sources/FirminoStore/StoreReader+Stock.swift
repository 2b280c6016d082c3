import GRDB

/// Stock is a ledger: movements are appended, never changed; a level is the sum of a product's
/// movements in a warehouse (kept in `stock_levels` by a trigger in the same transaction).
/// Levels may go below zero: a sale is never refused for want of stock, and the caller is told.
extension StoreReader {
    /// The quantity of a product in a warehouse; 0 when it never moved.
    public func stockLevel(productId: Int64, warehouseId: Int64) throws -> Int {
        try fetchOne(
            "SELECT quantity FROM stock_levels WHERE product_id = ? AND warehouse_id = ?", [productId, warehouseId]) ?? 0
    }

    /// Every level that ever moved, by product then warehouse.
    public func stockLevels() throws -> [StockLevel] {
        try StockLevel.order { [$0.productId, $0.warehouseId] }.fetchAll(db)
    }

    /// The levels below zero, by product then warehouse.
    public func negativeStockLevels() throws -> [StockLevel] {
        try StockLevel.filter { $0.quantity < 0 }.order { [$0.productId, $0.warehouseId] }.fetchAll(db)
    }

    /// The levels changed by movements after `movementId`, and the last movement id: a cursor
    /// for pushing changed stock (`stockChanges(after: savedCursor)`).
    public func stockChanges(afterMovement movementId: Int64) throws -> (levels: [StockLevel], lastMovementId: Int64) {
        let levels = try StockLevel
            .filter { $0.lastMovementId > movementId }
            .order { [$0.productId, $0.warehouseId] }
            .fetchAll(db)
        return (levels, max(try lastStockMovementId(), movementId))
    }

    /// The id of the newest stock movement; 0 before the first.
    public func lastStockMovementId() throws -> Int64 {
        try StockMovement.select { max($0.rowID) }.asRequest(of: Int64.self).fetchOne(db) ?? 0
    }

    /// Movements, oldest first; `documentId` narrows them to one document's.
    public func stockMovements(documentId: Int64? = nil) throws -> [StockMovement] {
        if let documentId {
            return try StockMovement.filter { $0.documentId == documentId }.order { $0.rowID }.fetchAll(db)
        }
        return try StockMovement.order { $0.rowID }.fetchAll(db)
    }
}
