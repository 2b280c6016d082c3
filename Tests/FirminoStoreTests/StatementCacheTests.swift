import Foundation
import GRDB
import Testing
@testable import FirminoStore

/// What a sync does for every order, and for every outbox row it sends, runs on statements
/// each connection compiled once and kept: after the first order, nothing is compiled.
struct StatementCacheTests {
    @Test("the measure sees a statement compiled for the call: a listing's query-interface request")
    func measureSeesCompilation() throws {
        try TestStore.withCatalog { tx, _ throws in
            _ = try tx.products()
            let use = try tx.db.statementUse { _ = try tx.products() }
            #expect(use == StatementUse(ran: 1, compiled: 1))
        }
    }

    @Test("the look-ups the rules call compile no statement after their first call")
    func lookUps() throws {
        try TestStore.withCatalog { tx, catalog throws in
            let buyer = try tx.insertContractor(ContractorFields(name: "Jan Kowalski", taxId: "PL5260001246"))
            func lookUps(_ name: String) throws {
                _ = try tx.product(id: catalog.mug.id)
                _ = try tx.productsByName(name)
                _ = try tx.productBySKU(name)
                _ = try tx.productByEAN(name)
                _ = try tx.productForBaseLinker(productId: 9001)
                _ = try tx.contractor(id: buyer.id)
                _ = try tx.contractorsByName(name)
                _ = try tx.contractorByTaxId(name)
                _ = try tx.warehouse(id: catalog.warehouse.id)
                _ = try tx.warehouseForBaseLinker("bl_1")
                _ = try tx.defaultWarehouse()
                _ = try tx.warehouses()
                _ = try tx.stockLevel(productId: catalog.mug.id, warehouseId: catalog.warehouse.id)
            }
            try lookUps("Kubek 300 ml")
            let use = try tx.db.statementUse { try lookUps("Jan Kowalski") }
            #expect(use == StatementUse(ran: 13, compiled: 0))
        }
    }

    @Test("an order's contractor, product, document, stock, outbox rows and cursor compile no statement after the first order")
    func perOrderWrites() throws {
        try TestStore.withCatalog { tx, catalog throws in
            func order(_ id: Int64) throws {
                _ = try tx.ordersWithDocuments(among: [id, id + 1, id + 2])
                _ = try tx.hasDocument(baselinkerOrderId: id)
                let buyer = try tx.insertContractor(ContractorFields(name: "Kupujący \(id)", taxId: "PL\(id)"))
                let product = try tx.insertProduct(ProductFields(name: "Produkt \(id)", sku: "P-\(id)"))
                let inserted = try tx.insertDocument(DocumentDraft(
                    type: .invoice, issueDate: day("2026-11-05"), saleDate: day("2026-11-04"),
                    buyer: PartyDetails(buyer), contractorId: buyer.id, baselinkerOrderId: id,
                    lines: [
                        DocumentLineDraft(name: "Produkt", quantity: 2, unitGross: money("10.00"), vatRate: .standard,
                                          productId: product.id, warehouseId: catalog.warehouse.id),
                        DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("29.99"), vatRate: .standard,
                                          productId: catalog.mug.id, warehouseId: catalog.warehouse.id),
                        DocumentLineDraft(name: "Kurier", quantity: 1, unitGross: money("14.99"), vatRate: .percent(8)),
                    ]))
                #expect(inserted.negativeLevels.count == 2)
                try tx.enqueueOutbox(kind: .attachInvoice, payload: ["order_id": id], documentId: inserted.document.id)
                try tx.enqueueOutbox(kind: .setOrderStatus, payload: ["order_id": id, "status_id": 7])
                try tx.setCursor("orders.date_confirmed", to: String(id))
            }
            try order(1)
            let use = try tx.db.statementUse { try order(2) }
            // 18 of the 26 issue the document: checks, number, row, 3 lines, 2 totals, 2 movements
            // (the movements of checked lines check nothing again).
            #expect(use == StatementUse(ran: 26, compiled: 0))
        }
    }

    @Test("sending an outbox row and recording its outcome compiles no statement after the first row")
    func outboxDrain() throws {
        let test = try TestStore()
        let items = try test.store.write { tx throws in
            try (1...2).map { (id: Int64) in
                let document = try tx.insertDocument(receiptDraft(orderId: id, lines: [
                    DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("1.00"), vatRate: .standard),
                ], type: .invoice)).document
                return try tx.enqueueOutbox(kind: .attachInvoice, payload: ["order_id": id], documentId: document.id)
            }
        }
        try test.store.write { tx throws in
            func send(_ item: OutboxItem) throws {
                let documentId = try #require(item.documentId)
                #expect(try tx.pendingOutbox(kind: .attachInvoice, after: 0, limit: 100).contains { $0.id == item.id })
                #expect(try tx.document(id: documentId)?.lines.count == 1)
                try tx.beginOutboxAttempt(id: item.id)
                try tx.recordOutboxFailure(id: item.id, error: "HTTP 500")
                try tx.beginOutboxAttempt(id: item.id)
                try tx.setBaseLinkerInvoiceId(documentId: documentId, invoiceId: 880 + documentId)
                try tx.markDocumentSent(documentId: documentId)
                try tx.markOutboxDone(id: item.id)
            }
            try send(items[0])
            let use = try tx.db.statementUse { try send(items[1]) }
            #expect(use == StatementUse(ran: 10, compiled: 0))
        }
    }
}
