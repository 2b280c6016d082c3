import Foundation
import GRDB

extension StoreTransaction {
    /// Keeps invoices BaseLinker listed (one seen again replaces what was kept).
    public func recordBaseLinkerInvoices(_ invoices: [BaseLinkerInvoice]) throws {
        for invoice in invoices { try invoice.insert(db) }
    }

    /// Records how a sync's try of an order ended when it was not issued: `failed` or `held`,
    /// with why. A skipped order stays skipped; `since` is kept while the state is the same.
    public func recordOrderTry(orderId: Int64, state: OrderIssue.State, reason: String, kind: String? = nil) throws {
        let now = context.now()
        let existing = try orderIssue(orderId: orderId)
        if existing?.state == .skipped { return }
        let since = existing.flatMap { $0.state == state ? $0.since : nil } ?? now
        try OrderIssue(
            orderId: orderId, state: state, reason: reason, kind: kind, since: since, lastSeen: now,
            tries: (existing?.tries ?? 0) + 1
        ).save(db)
    }

    /// Forgets an order's issue once it is issued or turned down.
    public func clearOrderIssue(orderId: Int64) throws {
        try execute("DELETE FROM order_issues WHERE order_id = ? AND state <> 'skipped'", [orderId])
    }

    /// `orders skip`: the order is never taken again (until `orders retry`).
    public func skipOrder(orderId: Int64, reason: String) throws {
        let now = context.now()
        let existing = try orderIssue(orderId: orderId)
        try OrderIssue(
            orderId: orderId, state: .skipped, reason: reason, kind: nil, since: now, lastSeen: existing?.lastSeen ?? now,
            tries: existing?.tries ?? 0
        ).save(db)
    }

    /// `orders retry`: the next sync reads the order again, even one the cursor has passed.
    public func retryOrder(orderId: Int64) throws {
        let now = context.now()
        let existing = try orderIssue(orderId: orderId)
        try OrderIssue(
            orderId: orderId, state: .retry, reason: existing?.reason ?? "", kind: existing?.kind, since: now,
            lastSeen: existing?.lastSeen ?? now, tries: existing?.tries ?? 0
        ).save(db)
    }
}
