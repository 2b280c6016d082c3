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
        if let orderId = draft.baselinkerOrderId,
           let existing: String = try fetchOne("SELECT number FROM documents WHERE baselinker_order_id = ?", [orderId])
        {
            throw StoreError(
                .duplicateOrder,
                "BaseLinker order \(orderId) already has document \(existing); a second one was not issued")
        }
        let sequence = try DocumentNumberer.next(db, type: draft.type, period: draft.issueDate.period)
        let number = context.options.numbering.number(for: draft.type, sequence: sequence, date: draft.issueDate)
        if try fetchOne("SELECT EXISTS (SELECT 1 FROM documents WHERE number = ?)", [number]) == true {
            throw StoreError(
                .duplicateNumber,
                "document number \(number) is already taken; make the numbering formats of the document types differ")
        }
        let vat: VATSummary
        do {
            // Each line's gross was checked in `validated`; the sums are checked here.
            vat = try VATSummary(lines: draft.lines.map { (rate: $0.vatRate, gross: $0.unitGross.times($0.quantity)) })
        } catch let error as StoreError {
            throw StoreError(error.code, "\(Self.subject(of: draft)): \(error.message)")
        }
        var header = DocumentHeader(draft, number: number, sequence: sequence, vat: vat, createdAt: context.now())
        try insert(&header)
        let documentId = db.lastInsertedRowID
        var lines: [DocumentLine] = []
        for (index, draftLine) in draft.lines.enumerated() {
            var line = DocumentLine(draftLine, documentId: documentId, position: index + 1)
            try insert(&line)
            lines.append(line)
        }
        for row in vat.rows {
            var total = DocumentVATTotal(documentId: documentId, row)
            try insert(&total)
        }
        var movements: [StockMovement] = []
        if draft.movesStock {
            for line in lines {
                guard let productId = line.productId, let warehouseId = line.warehouseId else { continue }
                movements.append(
                    try appendMovement(
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
        return InsertedDocument(
            document: Document(header, lines: lines, vat: vat), movements: movements, negativeLevels: negative)
    }

    /// Records BaseLinker's id for the invoice created by `addInvoice`.
    public func setBaseLinkerInvoiceId(documentId: Int64, invoiceId: Int64) throws {
        let changed = try execute("UPDATE documents SET baselinker_invoice_id = ? WHERE id = ?", [invoiceId, documentId])
        guard changed == 1 else { throw StoreError.notFound("document", id: documentId) }
    }

    /// Records when the printout reached BaseLinker (now, by the store's clock, when nil).
    public func markDocumentSent(documentId: Int64, at date: Date? = nil) throws {
        let changed = try execute(
            "UPDATE documents SET sent_at = ? WHERE id = ?", [StoredDate.value(date ?? context.now()), documentId])
        guard changed == 1 else { throw StoreError.notFound("document", id: documentId) }
    }

    private func validated(_ draft: DocumentDraft) throws -> DocumentDraft {
        var draft = draft
        let subject = Self.subject(of: draft)
        guard !draft.lines.isEmpty else { throw StoreError.invalid("\(subject) has no lines") }
        draft.currency = draft.currency.trimmingSpaces.uppercased()
        guard draft.currency.count == 3, draft.currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw StoreError.invalid("\(subject): currency '\(draft.currency)' is not a three-letter code")
        }
        if let contractorId = draft.contractorId, try !exists("contractors", id: contractorId) {
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
            line.name = Normalize.printable(line.name).trimmingSpaces
            line.unit = line.unit.trimmingSpaces.isEmpty ? "szt" : line.unit.trimmingSpaces
            if let productId = line.productId, try !exists("products", id: productId) {
                throw StoreError.invalid("\(label): there is no product with id \(productId)")
            }
            if let warehouseId = line.warehouseId, try !exists("warehouses", id: warehouseId) {
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
