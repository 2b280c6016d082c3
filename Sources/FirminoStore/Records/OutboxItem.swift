public import Foundation
import GRDB

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

/// A BaseLinker write waiting to be sent (or sent: ``doneAt`` is set).
public struct OutboxItem: Identifiable, Hashable, Sendable {
    public let id: Int64
    public var kind: OutboxKind
    /// JSON, as enqueued.
    public var payload: Data
    public var documentId: Int64?
    /// How many times sending was tried: each try counts once, whether it was begun with
    /// ``StoreTransaction/beginOutboxAttempt(id:)`` or only recorded as failed or done.
    public var attempts: Int
    /// A try was begun and neither its failure nor its success was recorded: the process
    /// stopped while sending, so the write may have reached BaseLinker.
    public var unfinishedAttempt: Bool
    public var lastError: String?
    public var createdAt: Date
    public var doneAt: Date?

    public var isDone: Bool { doneAt != nil }

    /// The payload decoded as `T`.
    public func decodePayload<T: Decodable>(_ type: T.Type, using decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: payload)
    }
}

/// One run of a sync: when it started and finished and its JSON summary.
public struct RunRecord: Identifiable, Hashable, Sendable {
    public let id: Int64
    public var startedAt: Date
    public var finishedAt: Date?
    public var summary: Data?
}

extension OutboxItem {
    static let columns = "id, kind, payload, document_id, attempts, attempt_open, last_error, created_at, done_at"

    init(row: Row) {
        id = row["id"]
        kind = OutboxKind(rawValue: row["kind"])
        let text: String = row["payload"]
        payload = Data(text.utf8)
        documentId = row["document_id"]
        attempts = row["attempts"]
        unfinishedAttempt = row["attempt_open"]
        lastError = row["last_error"]
        createdAt = row["created_at"]
        doneAt = row["done_at"]
    }
}

extension RunRecord {
    static let columns = "id, started_at, finished_at, summary"

    init(row: Row) {
        id = row["id"]
        startedAt = row["started_at"]
        finishedAt = row["finished_at"]
        let text: String? = row["summary"]
        summary = text.map { Data($0.utf8) }
    }
}
