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
struct InvoiceIndex {
    static let cursorKey = "baselinker.invoices.last_id"
    /// How far before the start date the first listing begins.
    static let firstLookBack = 31 * 24 * 3600
    /// `getInvoices` returns at most this many invoices a call.
    static let pageSize = 100

    let client: BaseLinkerClient
    let store: Store

    /// The invoices added since the last sync (since a month before `from` on the first).
    func newInvoices(from: Int) async throws -> [BaseLinkerInvoice] {
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
        return found
    }

    /// Keeps `invoices` and moves the cursor past the last of them, in one transaction.
    func record(_ invoices: [BaseLinkerInvoice]) throws {
        guard let last = invoices.map(\.invoiceId).max() else { return }
        try store.write { tx in
            try tx.recordBaseLinkerInvoices(invoices)
            let kept = try tx.cursor(Self.cursorKey).flatMap(Int64.init) ?? 0
            try tx.setCursor(Self.cursorKey, to: String(max(kept, last)))
        }
    }
}
