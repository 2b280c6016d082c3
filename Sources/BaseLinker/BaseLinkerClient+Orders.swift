public import BaseLinkerModels
/// Which orders `getOrders` returns. Unset fields are not sent.
public struct OrdersQuery: Sendable, Hashable {
    /// Unix seconds: orders confirmed at or after this instant.
    public var dateConfirmedFrom: Int?
    /// Unix seconds: orders created at or after this instant.
    public var dateFrom: Int?
    public var idFrom: Int?
    public var orderID: Int?
    public var statusID: Int?
    /// BaseLinker's default is `false`, and unconfirmed orders "may be incomplete".
    public var includeUnconfirmed: Bool
    public var filterEmail: String?
    public var filterOrderSource: String?
    public var filterOrderSourceID: Int?
    public var includeCustomExtraFields: Bool
    /// Any other input field, sent as is (wins over the fields above).
    public var extra: [String: JSONValue]

    public init(
        dateConfirmedFrom: Int? = nil, dateFrom: Int? = nil, idFrom: Int? = nil,
        orderID: Int? = nil, statusID: Int? = nil, includeUnconfirmed: Bool = false,
        filterEmail: String? = nil, filterOrderSource: String? = nil,
        filterOrderSourceID: Int? = nil, includeCustomExtraFields: Bool = false,
        extra: [String: JSONValue] = [:]
    ) {
        self.dateConfirmedFrom = dateConfirmedFrom
        self.dateFrom = dateFrom
        self.idFrom = idFrom
        self.orderID = orderID
        self.statusID = statusID
        self.includeUnconfirmed = includeUnconfirmed
        self.filterEmail = filterEmail
        self.filterOrderSource = filterOrderSource
        self.filterOrderSourceID = filterOrderSourceID
        self.includeCustomExtraFields = includeCustomExtraFields
        self.extra = extra
    }

    var parameters: JSONValue {
        var object: [String: JSONValue] = ["get_unconfirmed_orders": .bool(includeUnconfirmed)]
        object["date_confirmed_from"] = dateConfirmedFrom.map(JSONValue.init)
        object["date_from"] = dateFrom.map(JSONValue.init)
        object["id_from"] = idFrom.map(JSONValue.init)
        object["order_id"] = orderID.map(JSONValue.init)
        object["status_id"] = statusID.map(JSONValue.init)
        object["filter_email"] = filterEmail.map(JSONValue.string)
        object["filter_order_source"] = filterOrderSource.map(JSONValue.string)
        object["filter_order_source_id"] = filterOrderSourceID.map(JSONValue.init)
        if includeCustomExtraFields { object["include_custom_extra_fields"] = true }
        object.merge(extra) { _, given in given }
        return .object(object)
    }
}

extension BaseLinkerClient {
    /// One `getOrders` call: at most 100 orders.
    public func getOrders(_ query: OrdersQuery) async throws -> [Order] {
        // Each order is read on its own: one unreadable field sets that order aside, not the page.
        try await call("getOrders", parameters: query.parameters, list: "orders", Order.reading).map { order in
            var order = order
            order.readError = order.readError.map { named($0, method: "getOrders") }
            return order
        }
    }

    public func getOrderStatusList() async throws -> [OrderStatus] {
        try await call("getOrderStatusList", list: "statuses", OrderStatus.init(json:))
    }

    /// Every order source, sorted by type and id.
    public func getOrderSources() async throws -> [OrderSource] {
        try await call("getOrderSources") { answer throws(BaseLinkerError) in
            try OrderSource.list(from: answer["sources"] ?? [:])
        }
    }

    public func setOrderStatus(orderID: Int, statusID: Int) async throws {
        _ = try await call(
            "setOrderStatus", parameters: ["order_id": JSONValue(orderID), "status_id": JSONValue(statusID)])
    }

    public func setOrderStatuses(orderIDs: [Int], statusID: Int) async throws {
        _ = try await call(
            "setOrderStatuses",
            parameters: ["order_ids": .array(orderIDs.map(JSONValue.init)), "status_id": JSONValue(statusID)])
    }

    /// Recent order events (the last 3 days; the method must be enabled for the account).
    public func getJournalList(
        lastLogID: Int, logTypes: [Int] = [], orderID: Int? = nil
    ) async throws -> [JournalEntry] {
        var parameters: [String: JSONValue] = ["last_log_id": JSONValue(lastLogID)]
        if !logTypes.isEmpty { parameters["logs_types"] = .array(logTypes.map(JSONValue.init)) }
        parameters["order_id"] = orderID.map(JSONValue.init)
        return try await call("getJournalList", parameters: .object(parameters)) { answer throws(BaseLinkerError) in
            guard answer["logs"] != nil else {
                // BaseLinker's documented answer for an account whose journal is not switched on.
                throw FieldReader.error(
                    "the answer has no \"logs\": the order journal is not enabled for this account "
                        + "(BaseLinker's support switches it on)")
            }
            return try Self.list("logs", in: answer, JournalEntry.init(json:))
        }
    }
}

extension JSONValue {
    init(_ int: Int) { self = .int(Int64(int)) }
}
