import Foundation
import GRDB

/// What the store knows of BaseLinker orders beyond their documents: the invoices BaseLinker
/// holds for them, and the orders set aside.
extension StoreReader {
    /// The invoices BaseLinker holds for these orders, by order (the lowest invoice id first).
    public func baselinkerInvoices(forOrders orderIds: some Sequence<Int64>) throws -> [Int64: BaseLinkerInvoice] {
        let ids = Array(orderIds)
        guard !ids.isEmpty else { return [:] }
        let list = String(decoding: try JSONSerialization.data(withJSONObject: ids), as: UTF8.self)
        let invoices: [BaseLinkerInvoice] = try fetchAll(
            "SELECT * FROM baselinker_invoices WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY invoice_id",
            [list])
        var byOrder: [Int64: BaseLinkerInvoice] = [:]
        for invoice in invoices where byOrder[invoice.orderId] == nil { byOrder[invoice.orderId] = invoice }
        return byOrder
    }

    /// Every order set aside, by order id; `state` narrows them to one state.
    public func orderIssues(state: OrderIssue.State? = nil) throws -> [OrderIssue] {
        var request = OrderIssue.order(OrderIssue.Columns.orderId)
        if let state { request = request.filter(OrderIssue.Columns.state == state) }
        return try request.fetchAll(db)
    }

    public func orderIssue(orderId: Int64) throws -> OrderIssue? {
        try fetchOne("SELECT * FROM order_issues WHERE order_id = ?", [orderId])
    }
}
