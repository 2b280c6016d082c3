public import Config
public import Foundation
public import FirminoStore
import LuaHost

/// The `[orders]` configuration with statuses resolved to ids: what the hooks see as
/// `ctx.config` and what a sync follows.
public struct OrderSettings: Sendable {
    public var from: BusinessDate?
    public var defaultDocument: Configuration.DefaultDocument
    public var autoDocumentType: Bool
    public var sendInvoices: Bool
    public var linkProducts: Bool
    public var linkContractors: Bool
    /// Selected status ids; empty: every status (`statuses = "all"`; a sync refuses an unset
    /// selection before it gets here, the offline rule commands take it as every status).
    public var statuses: [Int]
    public var statusAfter: Int?
    public var statusFailed: Int?
    /// The seller's timezone: business dates and the start of `from`.
    public var timeZone: TimeZone

    /// Settings from the configuration, each status resolved to an id by `resolve`, which is
    /// told the key it is written under (`orders.status_after`) for its errors.
    public init(
        _ orders: Configuration.Orders, timeZone: TimeZone,
        resolve: (Configuration.StatusReference, _ key: String) throws -> Int
    ) rethrows {
        from = orders.from
        defaultDocument = orders.defaultDocument
        autoDocumentType = orders.autoDocumentType
        sendInvoices = orders.sendInvoices
        linkProducts = orders.linkProducts
        linkContractors = orders.linkContractors
        switch orders.statuses {
        case .listed(let references): statuses = try references.map { try resolve($0, "orders.statuses") }
        case .all, .unset: statuses = []
        }
        statusAfter = try orders.statusAfter.map { try resolve($0, "orders.status_after") }
        statusFailed = try orders.statusFailed.map { try resolve($0, "orders.status_failed") }
        self.timeZone = timeZone
    }

    /// The first second taken: midnight of `from` in the seller's timezone.
    public var fromTimestamp: Int? {
        from.map { Int($0.start(in: timeZone).timeIntervalSince1970) }
    }

    /// `ctx.config`.
    var luaValue: LuaValue {
        var table = LuaTable()
        table["from"] = from.map { .string(LuaString($0.description)) } ?? .nil
        table["from_timestamp"] = fromTimestamp.map { .integer(Int64($0)) } ?? .nil
        table["default_document"] = .string(LuaString(defaultDocument.rawValue))
        table["auto_document_type"] = .boolean(autoDocumentType)
        table["send_invoices"] = .boolean(sendInvoices)
        table["link_products"] = .boolean(linkProducts)
        table["link_contractors"] = .boolean(linkContractors)
        table["statuses"] = .table(LuaTable(array: statuses.map { .integer(Int64($0)) }))
        table["status_after"] = statusAfter.map { .integer(Int64($0)) } ?? .nil
        table["status_failed"] = statusFailed.map { .integer(Int64($0)) } ?? .nil
        table["timezone"] = .string(LuaString(timeZone.identifier))
        return .table(table)
    }
}
