import BaseLinker
import BaseLinkerModels
import FirminoStore

/// Sends the store's stock levels to BaseLinker (mode `firmino` with `push_stock`): the levels
/// of linked cards in mapped warehouses that moved since the last push, 1,000 products a call
/// (`updateInventoryProductsStock`), after the orders of the same run. A level below zero is
/// sent as 0, with a warning; what BaseLinker did not take is reported.
struct StockPush {
    /// The last stock movement pushed.
    static let cursorKey = "stock.pushed_movement"

    let session: SyncSession
    let catalog: BaseLinkerCatalog
    /// The cards the product push of this run added with their levels.
    var alreadySent = ProductPush.StockSent()

    /// The levels to send: BaseLinker product (or variant) id → warehouse key → quantity.
    func pending() throws -> (stock: [Int: [String: Int]], lastMovement: Int64, negative: [String]) {
        try session.store.read { reader in
            let pushed = try reader.cursor(Self.cursorKey).flatMap(Int64.init) ?? 0
            let (levels, last) = try reader.stockChanges(afterMovement: pushed)
            // A card just added went with its levels: only a level moved since is sent again.
            let movedSinceAdded = alreadySent.products.isEmpty
                ? [] : Set(try reader.stockChanges(afterMovement: alreadySent.asOf).levels.map { [$0.productId, $0.warehouseId] })
            let keys = Dictionary(
                try reader.warehouses().compactMap { warehouse in warehouse.baselinkerWarehouse.map { (warehouse.id, $0) } },
                uniquingKeysWith: { first, _ in first })
            var stock: [Int: [String: Int]] = [:]
            var negative: [String] = []
            for level in levels
            where !alreadySent.products.contains(level.productId) || movedSinceAdded.contains([level.productId, level.warehouseId]) {
                guard let key = keys[level.warehouseId], let card = try reader.product(id: level.productId),
                      let product = card.baselinkerProductId
                else { continue }
                let id = Int(card.baselinkerVariantId ?? product)
                stock[id, default: [:]][key] = max(0, level.quantity)
                if level.quantity < 0 {
                    negative.append("product \(card.id) (\(card.name)) is at \(level.quantity) in \(key): sent to BaseLinker as 0")
                }
            }
            return (stock, last, negative)
        }
    }

    func run(into summary: inout SyncSummary) async throws {
        let (stock, last, negative) = try pending()
        if !stock.isEmpty {
            let result = try await session.client.updateInventoryProductsStock(inventoryID: catalog.inventoryId, stock: stock)
            summary.stock.pushed += stock.count
            for warning in negative { summary.warn(.negativeSent, warning) }
            for (product, message) in result.warnings.sorted(by: { $0.key < $1.key }) {
                summary.warnings.append("BaseLinker did not take the stock of product \(product): \(message)")
            }
        }
        try session.store.write { try $0.setCursor(Self.cursorKey, to: String(last)) }
    }
}
