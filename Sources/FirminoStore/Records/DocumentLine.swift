public import GRDB

/// An issued line: a row of `document_lines`.
public struct DocumentLine: Identifiable, Hashable, Sendable, Codable {
    /// The `id` column: nil only for a line built to be inserted, until the insert gives it
    /// (``didInsert(_:)``). None leaves the store without one, hence ``id``.
    private var rowID: Int64?
    /// The document the line belongs to.
    var documentId: Int64
    /// 1, 2, 3… in the document.
    public var position: Int
    public var name: String
    public var sku: String?
    public var quantity: Int
    public var unit: String
    public var unitGross: Money
    public var vatRate: VATRate
    public var productId: Int64?
    public var warehouseId: Int64?

    /// The line's id. Every line the store hands out was read or inserted, so it has one.
    public var id: Int64 {
        guard let rowID else { preconditionFailure("a document line was used before it was inserted") }
        return rowID
    }

    /// `unitGross × quantity`.
    public var gross: Money { unitGross.times(quantity) }

    /// The line of a checked draft, at `position` in its document.
    init(_ draft: DocumentLineDraft, documentId: Int64, position: Int) {
        self.documentId = documentId
        self.position = position
        name = draft.name
        sku = draft.sku
        quantity = draft.quantity
        unit = draft.unit
        unitGross = draft.unitGross
        vatRate = draft.vatRate
        productId = draft.productId
        warehouseId = draft.warehouseId
    }

    enum CodingKeys: String, CodingKey {
        case rowID = "id", position, name, sku, quantity, unit
        case documentId = "document_id", unitGross = "price_gross", vatRate = "vat_rate"
        case productId = "product_id", warehouseId = "warehouse_id"
    }
}

extension DocumentLine: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "document_lines"

    /// The columns, for the query interface. Public only because GRDB's `TableRecord` names
    /// the type; the store alone queries its tables.
    public enum Columns {
        static let id = Column(CodingKeys.rowID)
        static let documentId = Column(CodingKeys.documentId)
        static let position = Column(CodingKeys.position)
        static let name = Column(CodingKeys.name)
        static let sku = Column(CodingKeys.sku)
        static let quantity = Column(CodingKeys.quantity)
        static let unit = Column(CodingKeys.unit)
        static let unitGross = Column(CodingKeys.unitGross)
        static let vatRate = Column(CodingKeys.vatRate)
        static let productId = Column(CodingKeys.productId)
        static let warehouseId = Column(CodingKeys.warehouseId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        rowID = inserted.rowID
    }
}

extension DocumentLine: KeptInsert {
    static let insertColumns: [String] = [
        CodingKeys.rowID, .documentId, .position, .name, .sku, .quantity, .unit, .unitGross, .vatRate, .productId,
        .warehouseId,
    ].map(\.stringValue)
    static let insertSQL = makeInsertSQL()

    var insertArguments: StatementArguments {
        [rowID, documentId, position, name, sku, quantity, unit, unitGross, vatRate, productId, warehouseId]
    }

    mutating func inserted(rowID: Int64) { self.rowID = rowID }
}
