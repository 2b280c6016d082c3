public import Foundation
public import GRDB

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
    /// A level set to BaseLinker's, when BaseLinker is the products' source.
    public static let baselinkerStock = StockMovementReason(rawValue: "baselinker_stock")
    /// The first level of a card made from a BaseLinker product: BaseLinker's stock then.
    public static let opening = StockMovementReason(rawValue: "opening")
}

/// One entry of the stock ledger: a row of `stock_movements`. Movements are never changed or
/// deleted (triggers refuse it), and inserting one moves its level (``StockLevel``).
public struct StockMovement: Identifiable, Hashable, Sendable, Codable {
    var rowID: Int64?
    public var productId: Int64
    public var warehouseId: Int64
    public var delta: Int
    public var reason: StockMovementReason
    public var documentId: Int64?
    public var note: String
    public var createdAt: Date

    /// The `stock_movements` columns, which are also the coding keys.
    public enum Columns: String, CodingKey, ColumnExpression, CaseIterable {
        case rowID = "id", delta, reason, note
        case productId = "product_id", warehouseId = "warehouse_id", documentId = "document_id"
        case createdAt = "created_at"
    }

    typealias CodingKeys = Columns
}

extension StockMovement: FetchableRecord, MutablePersistableRecord, RowIDRecord, KeptInsert {
    public static let databaseTableName = "stock_movements"
    static let insertSQL = makeInsertSQL()
}
