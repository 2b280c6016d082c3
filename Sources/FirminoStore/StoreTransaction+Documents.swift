public import Foundation
import GRDB

extension StoreTransaction {
    /// Issues a document: checks the draft, takes the next number of its type and month,
    /// computes the totals per VAT rate, writes the lines and — when the draft moves stock —
    /// takes each linked line's quantity out of its warehouse.
    ///
    /// Lines of `invoice_wdt` / `invoice_export` documents are issued at `0wdt` / `0exp`
    /// whatever rate the draft gives; those rates are refused on other documents.
    ///
    /// Throws ``StoreError`` `.duplicateOrder` when the BaseLinker order already has a
    /// document, `.duplicateNumber` when the formatted number is taken, `.invalidInput` for a
    /// draft that cannot be issued (a line of more than ``DocumentLineDraft/maximumQuantity``
    /// units, or amounts beyond what `Money` holds, included), `.notFound` for a missing
    /// product, warehouse or contractor.
    public func insertDocument(_ draft: DocumentDraft) throws -> InsertedDocument {
        let draft = try validated(draft)
        if let orderId = draft.baselinkerOrderId, let existing = try document(forBaseLinkerOrder: orderId) {
            throw StoreError(
                .duplicateOrder,
                "BaseLinker order \(orderId) already has document \(existing.number); a second one was not issued")
        }
        let period = draft.issueDate.period
        let sequence = try DocumentNumberer.next(db, type: draft.type, period: period)
        let number = context.options.numbering.number(for: draft.type, sequence: sequence, date: draft.issueDate)
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE number = ?)", arguments: [number]) == true {
            throw StoreError(
                .duplicateNumber,
                "document number \(number) is already taken; make the numbering formats of the document types differ")
        }
        let summary: VATSummary
        do {
            // Each line's gross was checked in `validated`; the sums are checked here.
            summary = try VATSummary(lines: draft.lines.map { (rate: $0.vatRate, gross: $0.unitGross.times($0.quantity)) })
        } catch let error as StoreError {
            throw StoreError(error.code, "\(Self.subject(of: draft)): \(error.message)")
        }
        try db.execute(
            sql: """
                INSERT INTO documents (type, number, series_period, sequence, issue_date, sale_date, buyer_name,
                    buyer_tax_id, buyer_address, buyer_postcode, buyer_city, buyer_country, seller_name, seller_tax_id,
                    seller_address, seller_postcode, seller_city, seller_country, contractor_id, currency,
                    total_net, total_vat, total_gross, baselinker_order_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                draft.type.rawValue, number, period, sequence, draft.issueDate.text, draft.saleDate.text,
                draft.buyer.name, draft.buyer.taxId, draft.buyer.address, draft.buyer.postcode, draft.buyer.city,
                draft.buyer.country, draft.seller?.name, draft.seller?.taxId, draft.seller?.address,
                draft.seller?.postcode, draft.seller?.city, draft.seller?.country, draft.contractorId, draft.currency,
                summary.net.minorUnits, summary.vat.minorUnits, summary.gross.minorUnits, draft.baselinkerOrderId,
                context.now(),
            ])
        let documentId = db.lastInsertedRowID
        for (index, line) in draft.lines.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO document_lines (document_id, position, name, sku, quantity, unit, price_gross, vat_rate,
                                                product_id, warehouse_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    documentId, index + 1, line.name, line.sku, line.quantity, line.unit, line.unitGross.minorUnits,
                    line.vatRate.name, line.productId, line.warehouseId,
                ])
        }
        for row in summary.rows {
            try db.execute(
                sql: "INSERT INTO document_vat_totals (document_id, vat_rate, net, vat, gross) VALUES (?, ?, ?, ?, ?)",
                arguments: [documentId, row.rate.name, row.net.minorUnits, row.vat.minorUnits, row.gross.minorUnits])
        }
        var movements: [StockMovement] = []
        if draft.movesStock {
            for line in draft.lines {
                guard let productId = line.productId, let warehouseId = line.warehouseId else { continue }
                movements.append(
                    try moveStock(
                        productId: productId, warehouseId: warehouseId, delta: -line.quantity, reason: .sale,
                        documentId: documentId, note: number))
            }
        }
        var negative: [StockLevel] = []
        var seen = Set<[Int64]>()
        for movement in movements where seen.insert([movement.productId, movement.warehouseId]).inserted {
            let quantity = try stockLevel(productId: movement.productId, warehouseId: movement.warehouseId)
            if quantity < 0 {
                negative.append(StockLevel(productId: movement.productId, warehouseId: movement.warehouseId, quantity: quantity))
            }
        }
        guard let document = try document(id: documentId) else {
            throw StoreError(.database, "document \(number) vanished while it was being issued")
        }
        return InsertedDocument(document: document, movements: movements, negativeLevels: negative)
    }

    /// Records BaseLinker's id for the invoice created by `addInvoice`.
    public func setBaseLinkerInvoiceId(documentId: Int64, invoiceId: Int64) throws {
        try db.execute(
            sql: "UPDATE documents SET baselinker_invoice_id = ? WHERE id = ?", arguments: [invoiceId, documentId])
        guard db.changesCount == 1 else { throw StoreError.notFound("document", id: documentId) }
    }

    /// Records when the printout reached BaseLinker (now, by the store's clock, when nil).
    public func markDocumentSent(documentId: Int64, at date: Date? = nil) throws {
        try db.execute(
            sql: "UPDATE documents SET sent_at = ? WHERE id = ?", arguments: [date ?? context.now(), documentId])
        guard db.changesCount == 1 else { throw StoreError.notFound("document", id: documentId) }
    }

    private func validated(_ draft: DocumentDraft) throws -> DocumentDraft {
        var draft = draft
        let subject = Self.subject(of: draft)
        guard !draft.lines.isEmpty else { throw StoreError.invalid("\(subject) has no lines") }
        draft.currency = draft.currency.trimmingSpaces.uppercased()
        guard draft.currency.count == 3, draft.currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw StoreError.invalid("\(subject): currency '\(draft.currency)' is not a three-letter code")
        }
        if let contractorId = draft.contractorId, try contractor(id: contractorId) == nil {
            throw StoreError.notFound("contractor", id: contractorId)
        }
        for index in draft.lines.indices {
            var line = draft.lines[index]
            let label = "\(subject), line \(index + 1) ('\(line.name)')"
            guard line.quantity > 0 else {
                throw StoreError.invalid("\(label): the quantity must be positive, not \(line.quantity)")
            }
            guard line.quantity <= DocumentLineDraft.maximumQuantity else {
                throw StoreError.invalid(
                    "\(label): a quantity of \(line.quantity) is more than the \(DocumentLineDraft.maximumQuantity) one line may hold")
            }
            guard line.unitGross.multiplied(by: line.quantity) != nil else {
                throw StoreError.invalid(
                    "\(label): \(line.quantity) × \(line.unitGross) is more than an amount can hold (\(Money.largest))")
            }
            if let forced = draft.type.forcedVATRate {
                line.vatRate = forced
            } else if line.vatRate == .zeroWDT || line.vatRate == .zeroExport {
                throw StoreError.invalid("\(label): the rate \(line.vatRate.name) belongs on WDT or export invoices only")
            }
            line.name = line.name.trimmingSpaces
            line.unit = line.unit.trimmingSpaces.isEmpty ? "szt" : line.unit.trimmingSpaces
            if let productId = line.productId, try product(id: productId) == nil {
                throw StoreError.invalid("\(label): there is no product with id \(productId)")
            }
            if let warehouseId = line.warehouseId, try warehouse(id: warehouseId) == nil {
                throw StoreError.invalid("\(label): there is no warehouse with id \(warehouseId)")
            }
            draft.lines[index] = line
        }
        return draft
    }

    /// How messages name a draft: `the document for BaseLinker order 42`.
    private static func subject(of draft: DocumentDraft) -> String {
        draft.baselinkerOrderId.map { "the document for BaseLinker order \($0)" } ?? "the document"
    }
}
