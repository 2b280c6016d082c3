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
    /// The `id` column: nil only for a movement built to be inserted, until the insert gives
    /// it (``didInsert(_:)``). None leaves the store without one, hence ``id``.
    private var rowID: Int64?
    public var productId: Int64
    public var warehouseId: Int64
    public var delta: Int
    public var reason: StockMovementReason
    public var documentId: Int64?
    public var note: String
    public var createdAt: Date

    /// The movement's id. Every movement the store hands out was read or inserted, so it has
    /// one.
    public var id: Int64 {
        guard let rowID else { preconditionFailure("a stock movement was used before it was inserted") }
        return rowID
    }

    /// A movement to insert.
    init(
        productId: Int64, warehouseId: Int64, delta: Int, reason: StockMovementReason, documentId: Int64?,
        note: String, createdAt: Date
    ) {
        self.productId = productId
        self.warehouseId = warehouseId
        self.delta = delta
        self.reason = reason
        self.documentId = documentId
        self.note = note
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case rowID = "id", delta, reason, note
        case productId = "product_id", warehouseId = "warehouse_id", documentId = "document_id"
        case createdAt = "created_at"
    }
}

extension StockMovement: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "stock_movements"

    /// The columns, for the query interface. Public only because GRDB's `TableRecord` names
    /// the type; the store alone queries its tables.
    public enum Columns {
        static let id = Column(CodingKeys.rowID)
        static let productId = Column(CodingKeys.productId)
        static let warehouseId = Column(CodingKeys.warehouseId)
        static let delta = Column(CodingKeys.delta)
        static let reason = Column(CodingKeys.reason)
        static let documentId = Column(CodingKeys.documentId)
        static let note = Column(CodingKeys.note)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        rowID = inserted.rowID
    }
}

extension StockMovement: KeptInsert {
    static let insertColumns: [String] = [
        CodingKeys.rowID, .productId, .warehouseId, .delta, .reason, .documentId, .note, .createdAt,
    ].map(\.stringValue)
    static let insertSQL = makeInsertSQL()

    var insertArguments: StatementArguments {
        [rowID, productId, warehouseId, delta, reason, documentId, note, StoredDate.value(createdAt)]
    }

    mutating func inserted(rowID: Int64) { self.rowID = rowID }
}
