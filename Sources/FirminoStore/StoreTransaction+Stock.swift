import GRDB

extension StoreTransaction {
    /// Appends a movement of `delta` (negative takes goods out).
    @discardableResult
    public func moveStock(
        productId: Int64, warehouseId: Int64, delta: Int, reason: StockMovementReason = .manual,
        documentId: Int64? = nil, note: String = ""
    ) throws -> StockMovement {
        guard try exists("products", id: productId) else { throw StoreError.notFound("product", id: productId) }
        guard try exists("warehouses", id: warehouseId) else { throw StoreError.notFound("warehouse", id: warehouseId) }
        return try appendMovement(
            productId: productId, warehouseId: warehouseId, delta: delta, reason: reason, documentId: documentId, note: note)
    }

    /// ``moveStock(productId:warehouseId:delta:reason:documentId:note:)`` for a product and
    /// warehouse known to exist (a document's lines, checked when the draft was).
    func appendMovement(
        productId: Int64, warehouseId: Int64, delta: Int, reason: StockMovementReason, documentId: Int64?, note: String
    ) throws -> StockMovement {
        var movement = StockMovement(
            productId: productId, warehouseId: warehouseId, delta: delta, reason: reason, documentId: documentId,
            note: note, createdAt: context.now())
        try insert(&movement)
        return movement
    }

    /// Sets a level by appending the movement that brings it to `quantity`; nil (no movement)
    /// when it is there already.
    @discardableResult
    public func setStockLevel(
        productId: Int64, warehouseId: Int64, to quantity: Int, reason: StockMovementReason = .adjustment,
        note: String = ""
    ) throws -> StockMovement? {
        let current = try stockLevel(productId: productId, warehouseId: warehouseId)
        guard current != quantity else { return nil }
        return try moveStock(
            productId: productId, warehouseId: warehouseId, delta: quantity - current, reason: reason, note: note)
    }
}
