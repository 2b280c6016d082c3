public import GRDB

/// An issued line: a row of `document_lines`.
public struct DocumentLine: Identifiable, Hashable, Sendable, Codable {
    var rowID: Int64?
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

    /// The `document_lines` columns, which are also the coding keys.
    public enum Columns: String, CodingKey, ColumnExpression, CaseIterable {
        case rowID = "id", position, name, sku, quantity, unit
        case documentId = "document_id", unitGross = "price_gross", vatRate = "vat_rate"
        case productId = "product_id", warehouseId = "warehouse_id"
    }

    typealias CodingKeys = Columns
}

extension DocumentLine: FetchableRecord, MutablePersistableRecord, RowIDRecord, KeptInsert {
    public static let databaseTableName = "document_lines"
    static let insertSQL = makeInsertSQL()
}
