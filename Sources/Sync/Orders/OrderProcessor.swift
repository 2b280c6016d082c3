import FirminoStore
import Foundation
import LuaHost

/// Decides one order with the hooks and writes what they decided — the contractor, new
/// products, the numbered document with its lines and stock movements, and the outbox rows —
/// through one store transaction. The caller owns the transaction: when ``process(_:in:report:)``
/// throws, the caller rolls it back and nothing of the order remains.
///
/// The hooks run in DESIGN §3's order and read the store through the same transaction, so a
/// product made for line 1 is found by `match_product` for line 2.
final class OrderProcessor {
    let rules: RuleSet
    let settings: OrderSettings
    /// The day documents are issued on (the day of the sync in the seller's timezone).
    let issueDate: BusinessDate
    /// The seller kept with each document as issued; nil keeps none (rule tests).
    let seller: PartyDetails?
    private let context: HookContext

    init(rules: RuleSet, settings: OrderSettings, issueDate: BusinessDate, seller: PartyDetails? = nil) throws {
        self.rules = rules
        self.settings = settings
        self.issueDate = issueDate
        self.seller = seller
        context = try HookContext(runtime: rules.runtime, settings: settings)
    }

    /// Runs the hooks for `order` and writes the result through `tx`. Returns with `report`
    /// filled in; throws (leaving in `report` what was decided so far) when a hook fails,
    /// answers out of shape, or the store refuses the result.
    func process(_ order: SyncOrder, in tx: StoreTransaction, report: inout OrderReport) throws {
        context.reader = tx
        defer {
            context.reader = nil
            for line in context.takeTrace() { report.trace.append("  log: \(line)") }
        }
        let runtime = rules.runtime
        let ctx = context.value()

        let plain = try runtime.retain(OrderTable.value(order))
        defer { runtime.release(plain) }
        let (accepted, reason) = try rules.acceptOrder(.reference(plain), ctx)
        record(&report, .acceptOrder, accepted ? "true" : "false" + (reason.map { ", \"\($0)\"" } ?? ""))
        report.accepted = accepted
        guard accepted else {
            report.reason = reason
            return
        }

        var warehouses: [Warehouse] = []
        for line in order.lines {
            let id = try rules.lineWarehouse(OrderTable.line(line), .reference(plain), ctx)
            guard let warehouse = try tx.warehouse(id: id) else {
                throw HookShapeError(
                    script: rules.script(for: .lineWarehouse), hook: .lineWarehouse, got: String(id),
                    expected: "the id of a store warehouse (there is no warehouse \(id))")
            }
            record(&report, .lineWarehouse, "\(id) for \"\(line.name)\"")
            warehouses.append(warehouse)
        }
        report.lines = zip(order.lines, warehouses).map { OrderReport.Line(name: $0.name, warehouseId: $1.id) }

        let decided = try runtime.retain(OrderTable.value(order, warehouses: warehouses.map(\.id)))
        defer { runtime.release(decided) }
        guard let firstWarehouse = try warehouses.first ?? tx.defaultWarehouse() else {
            throw OrderDataError(orderId: order.id, message: "the store has no warehouse; add one or map a BaseLinker warehouse")
        }
        let (type, heldReason) = try rules.documentType(.reference(decided), context.value(warehouse: firstWarehouse))
        guard let type else {
            record(&report, .documentType, "nil, \"\(heldReason ?? "")\"")
            report.held = true
            report.reason = heldReason
            return
        }
        record(&report, .documentType, "\"\(type.rawValue)\"")
        report.documentType = type

        let contractor = try decideContractor(order, decided, ctx, tx, &report)
        var draftLines: [DocumentLineDraft] = []
        for (index, line) in order.lines.enumerated() {
            let productId = try decideProduct(index, line, decided, warehouses[index].id, ctx, tx, &report)
            draftLines.append(
                DocumentLineDraft(
                    name: line.name, sku: line.sku.isEmpty ? nil : line.sku, quantity: line.quantity,
                    unitGross: line.unitGross, vatRate: line.vatRate, productId: productId,
                    warehouseId: warehouses[index].id))
        }
        if let delivery = deliveryLine(order) { draftLines.append(delivery) }
        guard !draftLines.isEmpty else {
            throw OrderDataError(orderId: order.id, message: "the order has no lines and free delivery: there is nothing to issue")
        }

        let inserted = try tx.insertDocument(
            DocumentDraft(
                type: type, issueDate: issueDate,
                saleDate: BusinessDate(Date(timeIntervalSince1970: TimeInterval(order.dateConfirmed)), in: settings.timeZone),
                buyer: buyerSnapshot(order), seller: seller, contractorId: contractor?.id,
                currency: order.currency, baselinkerOrderId: Int64(order.id), lines: draftLines))
        report.document = inserted.document
        report.negativeLevels = inserted.negativeLevels
        try enqueueOutbox(for: inserted.document, orderId: order.id, in: tx)
    }

    // MARK: Buyer

    private func decideContractor(
        _ order: SyncOrder, _ decided: LuaReference, _ ctx: LuaValue, _ tx: StoreTransaction,
        _ report: inout OrderReport
    ) throws -> Contractor? {
        guard settings.linkContractors else {
            report.contractor = OrderReport.Contractor.none
            return nil
        }
        switch try rules.matchContractor(.reference(decided), ctx) {
        case .existing(let id):
            record(&report, .matchContractor, String(id))
            guard let contractor = try tx.contractor(id: id) else {
                throw HookShapeError(
                    script: rules.script(for: .matchContractor), hook: .matchContractor, got: String(id),
                    expected: "the id of a contractor in the store (there is no contractor \(id))")
            }
            report.contractor = .linked(id)
            return contractor
        case .none:
            record(&report, .matchContractor, "false")
            report.contractor = OrderReport.Contractor.none
            return nil
        case .create:
            record(&report, .matchContractor, "nil")
            let fields = try rules.newContractor(.reference(decided), ctx)
            let contractor = try tx.insertContractor(fields)
            record(&report, .newContractor, "\"\(contractor.name)\" (contractor \(contractor.id))")
            report.contractor = .created(contractor.id, contractor.fields)
            return contractor
        }
    }

    /// The snapshot printed on the document: the buyer as the order gives it — its invoice
    /// data, delivery data when there is none — whether or not it is linked to a contractor.
    /// A contractor matched by name may be another person of that name, and the tax id that
    /// decided a WDT or export invoice must be the one printed on it.
    private func buyerSnapshot(_ order: SyncOrder) -> PartyDetails {
        let hasInvoiceData = !order.buyer.company.isEmpty || !order.buyer.name.isEmpty
        let party = hasInvoiceData ? order.buyer : order.delivery
        let name = [order.buyer.company, order.buyer.name, order.delivery.company, order.delivery.name]
            .first { !$0.isEmpty } ?? ""
        return PartyDetails(
            name: name, taxId: order.buyer.taxId, address: party.address, postcode: party.postcode,
            city: party.city, country: party.countryCode)
    }

    // MARK: Lines

    private func decideProduct(
        _ index: Int, _ line: SyncOrder.Line, _ decided: LuaReference, _ warehouseId: Int64, _ ctx: LuaValue,
        _ tx: StoreTransaction, _ report: inout OrderReport
    ) throws -> Int64? {
        guard settings.linkProducts else {
            report.lines[index].product = OrderReport.Product.none
            return nil
        }
        let lineValue = OrderTable.line(line, warehouse: warehouseId)
        switch try rules.matchProduct(lineValue, .reference(decided), ctx) {
        case .existing(let id):
            record(&report, .matchProduct, "\(id) for \"\(line.name)\"")
            guard try tx.product(id: id) != nil else {
                throw HookShapeError(
                    script: rules.script(for: .matchProduct), hook: .matchProduct, got: String(id),
                    expected: "the id of a product in the store (there is no product \(id))")
            }
            report.lines[index].product = .linked(id)
            return id
        case .none:
            record(&report, .matchProduct, "false for \"\(line.name)\"")
            report.lines[index].product = OrderReport.Product.none
            return nil
        case .create:
            record(&report, .matchProduct, "nil for \"\(line.name)\"")
            let fields = try rules.newProduct(lineValue, .reference(decided), ctx)
            let product = try tx.insertProduct(fields)
            record(&report, .newProduct, "\"\(product.name)\" (product \(product.id))")
            report.lines[index].product = .created(product.id, product.fields)
            return product.id
        }
    }

    /// The delivery line: named after the delivery method, quantity 1, at the highest VAT rate
    /// among the order's lines (DESIGN §5); none when delivery is free.
    private func deliveryLine(_ order: SyncOrder) -> DocumentLineDraft? {
        guard order.deliveryPrice > .zero else { return nil }
        let percentages = order.lines.compactMap { line -> Int? in
            if case .percent(let hundredths) = line.vatRate { return hundredths }
            return nil
        }
        let rate: VATRate
        if let highest = percentages.max() {
            rate = .percent(hundredths: highest)
        } else {
            rate = order.lines.first?.vatRate ?? .standard
        }
        let name = order.deliveryMethod.isEmpty ? "Dostawa" : order.deliveryMethod
        return DocumentLineDraft(name: name, quantity: 1, unitGross: order.deliveryPrice, vatRate: rate)
    }

    // MARK: Outbox

    private func enqueueOutbox(for document: Document, orderId: Int, in tx: StoreTransaction) throws {
        if settings.sendInvoices, document.type != .receipt {
            try tx.enqueueOutbox(
                kind: .attachInvoice, payload: AttachInvoice(orderId: orderId, number: document.number),
                documentId: document.id)
        }
        if let status = settings.statusAfter {
            try tx.enqueueOutbox(
                kind: .setOrderStatus, payload: SetOrderStatus(orderId: orderId, statusId: status),
                documentId: document.id)
        }
    }

    private func record(_ report: inout OrderReport, _ hook: Hook, _ answer: String) {
        for line in context.takeTrace() { report.trace.append("  log: \(line)") }
        let source = rules.isOverridden(hook) ? rules.script(for: hook) : "built-in"
        report.trace.append("\(hook.rawValue) → \(answer)  [\(source)]")
    }
}

/// The payload of an `attach_invoice` outbox row.
struct AttachInvoice: Codable, Sendable {
    var orderId: Int
    var number: String
}

/// The payload of a `set_order_status` outbox row.
struct SetOrderStatus: Codable, Sendable {
    var orderId: Int
    var statusId: Int
}
