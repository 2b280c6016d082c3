import BaseLinkerModels

/// getOrders, statuses, sources, status changes and the journal.
extension SandboxAccount {
    /// At most 100 orders, confirmed ones only unless asked, sorted by `date_confirmed` (then id);
    /// paging by `id_from` alone sorts by id. `date_confirmed_from`, `date_from` and `id_from`
    /// are inclusive.
    func getOrders(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let orderId = try p.optionalInt("order_id")
        let confirmedFrom = try p.optionalInt("date_confirmed_from")
        let addedFrom = try p.optionalInt("date_from")
        let idFrom = try p.optionalInt("id_from")
        let statusId = try p.optionalInt("status_id")
        let unconfirmed = try p.bool("get_unconfirmed_orders", default: false)
        let source = try p.optionalString("filter_order_source")
        let sourceId = try p.optionalInt("filter_order_source_id")
        let email = try p.optionalString("filter_email")
        let shopOrderId = try p.optionalInt("filter_shop_order_id")
        let externalId = try p.optionalString("filter_external_order_id")
        let extraFields = try p.bool("include_custom_extra_fields", default: false)
        if sourceId != nil, source == nil {
            throw .badParameters("Parameter 'filter_order_source_id' requires 'filter_order_source'")
        }
        func matches(_ order: SandboxOrder) -> Bool {
            if let orderId { return order.id == orderId }
            if !unconfirmed, !order.confirmed { return false }
            if let confirmedFrom, order.dateConfirmed < confirmedFrom { return false }
            if let addedFrom, order.dateAdd < addedFrom { return false }
            if let idFrom, order.id < idFrom { return false }
            if let statusId, order.statusId != statusId { return false }
            if let source, !source.isEmpty, order.source != source { return false }
            if let sourceId, order.sourceId != sourceId { return false }
            if let email, !email.isEmpty, order.email.lowercased() != email.lowercased() { return false }
            if let shopOrderId, order.shopOrderId != shopOrderId { return false }
            if let externalId, !externalId.isEmpty, order.externalOrderId != externalId { return false }
            return true
        }
        var orders: [SandboxOrder] = []
        if let orderId {
            orders = state.orders[orderId].map { [$0] } ?? []
        } else if idFrom != nil, confirmedFrom == nil {
            orders = state.orders.values.filter(matches).sorted { $0.id < $1.id }
        } else {
            // From the first order confirmed at `date_confirmed_from`, in confirmation order,
            // until a page is full.
            let ids = state.idsByConfirmation()
            var low = 0
            var high = ids.count
            while let confirmedFrom, low < high {
                let middle = (low + high) / 2
                if (state.orders[ids[middle]]?.dateConfirmed ?? 0) < confirmedFrom { low = middle + 1 } else { high = middle }
            }
            for id in ids[low...] {
                if let order = state.orders[id], matches(order) { orders.append(order) }
                if orders.count == 100 { break }
            }
        }
        let page = orders.prefix(100).map { order -> JSONValue in
            guard extraFields, case .object(var object) = order.json else { return order.json }
            object["custom_extra_fields"] = .array([])
            return .object(object)
        }
        return ["orders": .array(page)]
    }

    func getOrderStatusList() -> [String: JSONValue] {
        ["statuses": .array(state.statuses.map { status in
            .object([
                "id": .int(Int64(status.id)), "name": .string(status.name),
                "name_for_customer": .string(status.nameForCustomer), "color": .string(status.color),
            ])
        })]
    }

    func getOrderSources() -> [String: JSONValue] {
        var sources: [String: JSONValue] = [:]
        for source in state.sources {
            var names = sources[source.type]?.objectValue ?? [:]
            names[String(source.id)] = .string(source.name)
            sources[source.type] = .object(names)
        }
        return ["sources": .object(sources)]
    }

    func setOrderStatus(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        try applyStatus(try p.int("status_id"), to: [try p.int("order_id")])
        return [:]
    }

    func setOrderStatuses(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let statusId = try p.int("status_id")
        var ids: [Int] = []
        for value in try p.array("order_ids") { ids.append(try Parameters.int(value, "order_ids")) }
        try applyStatus(statusId, to: ids)
        return [:]
    }

    /// All or nothing: every order and the status must exist before any changes. An order
    /// already in the status is left as it is.
    func applyStatus(_ statusId: Int, to orderIds: [Int]) throws(SandboxAPIError) {
        guard state.statuses.contains(where: { $0.id == statusId }) else { throw .statusNotFound(statusId) }
        for id in orderIds where state.orders[id] == nil { throw .orderNotFound(id) }
        let now = now
        for id in orderIds where state.orders[id]?.statusId != statusId {
            state.orders[id]?.statusId = statusId
            state.orders[id]?.dateInStatus = now
            state.record(orderId: id, type: 18, objectId: statusId, date: now)
        }
    }

    /// Events after `last_log_id` (exclusive), oldest first. Unlike BaseLinker the sandbox keeps
    /// every event, not only the last three days'.
    func getJournalList(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let lastLogId = try p.optionalInt("last_log_id") ?? 0
        let orderId = try p.optionalInt("order_id")
        var types: Set<Int>?
        if p.has("logs_types") {
            var wanted = Set<Int>()
            for value in try p.array("logs_types") { wanted.insert(try Parameters.int(value, "logs_types")) }
            types = wanted.isEmpty ? nil : wanted
        }
        let logs = state.journal.filter { entry in
            entry.id > lastLogId && (orderId == nil || entry.orderId == orderId)
                && (types == nil || types?.contains(entry.type) == true)
        }
        return ["logs": .array(logs.map { entry in
            .object([
                "id": .int(Int64(entry.id)), "order_id": .int(Int64(entry.orderId)),
                "log_type": .int(Int64(entry.type)), "object_id": .int(Int64(entry.objectId)),
                "date": .int(Int64(entry.date)),
            ])
        })]
    }
}
