public import Foundation
public import GRDB

/// What an outbox row asks BaseLinker to do. Open-ended: the sync names its own kinds.
public struct OutboxKind: RawRepresentable, Hashable, Sendable, Codable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `addInvoice` + `addOrderInvoiceFile` for a document.
    public static let attachInvoice = OutboxKind(rawValue: "attach_invoice")
    /// `setOrderStatus` on an order.
    public static let setOrderStatus = OutboxKind(rawValue: "set_order_status")
    /// `updateInventoryProductsStock` for changed levels.
    public static let pushStock = OutboxKind(rawValue: "push_stock")
    /// `addInventoryProduct` for a new or changed product.
    public static let pushProduct = OutboxKind(rawValue: "push_product")
}

/// A BaseLinker write waiting to be sent (or sent: ``doneAt`` is set): a row of `outbox`.
public struct OutboxItem: Identifiable, Hashable, Sendable, Codable {
    var rowID: Int64?
    public var kind: OutboxKind
    /// JSON, as enqueued (kept as text: the schema checks that it is valid JSON).
    public var payload: Data
    public var documentId: Int64?
    /// How many times sending was tried: each try counts once, whether it was begun with
    /// ``StoreTransaction/beginOutboxAttempt(id:)`` or only recorded as failed or done.
    public var attempts = 0
    /// A try was begun and neither its failure nor its success was recorded: the process
    /// stopped while sending, so the write may have reached BaseLinker.
    public var unfinishedAttempt = false
    public var lastError: String?
    public var createdAt: Date
    public var doneAt: Date?

    public var isDone: Bool { doneAt != nil }

    /// The payload decoded as `T`.
    public func decodePayload<T: Decodable>(_ type: T.Type, using decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: payload)
    }

    /// The `outbox` columns, which are also the coding keys.
    public enum Columns: String, CodingKey, ColumnExpression, CaseIterable {
        case rowID = "id", kind, payload, attempts
        case documentId = "document_id", unfinishedAttempt = "attempt_open", lastError = "last_error"
        case createdAt = "created_at", doneAt = "done_at"
    }

    typealias CodingKeys = Columns
}

extension OutboxItem: FetchableRecord, MutablePersistableRecord, RowIDRecord, KeptInsert {
    public static let databaseTableName = "outbox"
    static let insertSQL = makeInsertSQL()

    /// The payload is JSON text, not a blob: `json_valid` checks it, and people read it.
    public static func databaseDataEncodingStrategy(for column: String) -> DatabaseDataEncodingStrategy {
        .text
    }
}
