import BaseLinker
import BaseLinkerModels
import FirminoStore
import Foundation

/// Which orders BaseLinker already holds an invoice for, whoever issued it — an earlier store,
/// another program, BaseLinker's own invoicing — so that a sync never issues a second document
/// for such a sale.
///
/// The store keeps the invoices seen, and the id of the last one: each sync reads only the
/// invoices added since (`getInvoices` paged forward by `id_from`, 100 a page), never one
/// request per order. The first sync starts a month before `[orders] from`: an invoice is
/// issued after its order, and an order confirmed after `from` was placed at most that long
/// before it as a rule.
final class InvoiceIndex {
    static let cursorKey = "baselinker.invoices.last_id"
    /// How far before the start date the first listing begins.
    static let firstLookBack = 31 * 24 * 3600
    /// `getInvoices` returns at most this many invoices a call.
    static let pageSize = 100

    let client: BaseLinkerClient
    let store: Store
    /// `[orders] from`, as a Unix time.
    let from: Int
    /// The invoices added since the last sync, once read: read when an order first needs them.
    private var added: [BaseLinkerInvoice]?
    private var recorded = false

    init(client: BaseLinkerClient, store: Store, from: Int) {
        self.client = client
        self.store = store
        self.from = from
    }

    /// The invoices BaseLinker holds for these orders, by order: those the store keeps and those
    /// added since the last sync (read on the first call).
    func invoices(forOrders orderIds: [Int64]) async throws -> [Int64: BaseLinkerInvoice] {
        let added = try await addedInvoices()
        var invoiced = try store.read { try $0.baselinkerInvoices(forOrders: orderIds) }
        let wanted = Set(orderIds)
        for invoice in added where wanted.contains(invoice.orderId) && invoiced[invoice.orderId] == nil {
            invoiced[invoice.orderId] = invoice
        }
        return invoiced
    }

    /// Keeps the invoices added since the last sync, if they were read, and moves the cursor
    /// past the last of them, in one transaction; only once.
    func recordAdded() throws {
        guard let added, !recorded else { return }
        recorded = true
        guard let last = added.map(\.invoiceId).max() else { return }
        try store.write { tx in
            try tx.recordBaseLinkerInvoices(added)
            let kept = try tx.cursor(Self.cursorKey).flatMap(Int64.init) ?? 0
            try tx.setCursor(Self.cursorKey, to: String(max(kept, last)))
        }
    }

    /// The invoices added since the last sync (since a month before `from` on the first).
    private func addedInvoices() async throws -> [BaseLinkerInvoice] {
        if let added { return added }
        let lastSeen = try store.read { try $0.cursor(Self.cursorKey) }.flatMap(Int.init)
        var query = InvoicesQuery()
        if let lastSeen {
            query.idFrom = lastSeen + 1
        } else {
            query.dateFrom = max(0, from - Self.firstLookBack)
        }
        var found: [BaseLinkerInvoice] = []
        while true {
            let page = try await client.getInvoices(query)
            found += page.compactMap { invoice in
                invoice.orderID.flatMap { $0 > 0 ? $0 : nil }.map { orderId in
                    BaseLinkerInvoice(
                        invoiceId: Int64(invoice.id), orderId: Int64(orderId), number: invoice.number,
                        externalNumber: invoice.externalInvoiceNumber)
                }
            }
            guard page.count >= Self.pageSize, let last = page.map(\.id).max() else { break }
            query.idFrom = last + 1
        }
        added = found
        return found
    }
}
