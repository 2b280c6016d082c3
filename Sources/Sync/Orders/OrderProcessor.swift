package import FirminoStore
import Foundation
import LuaHost

/// Decides one order with the hooks and writes what they decided — the contractor, new
/// products, the numbered document with its lines and stock movements, and the outbox rows —
/// through one store transaction. The caller owns the transaction: when
/// ``process(_:in:decisions:)`` throws, the caller rolls it back and nothing of the order
/// remains.
///
/// The hooks run in the documented order (docs/rules.md) and read the store through the same
/// transaction, so a product made for line 1 is found by `match_product` for line 2.
package final class OrderProcessor {
    let rules: RuleSet
    let settings: OrderSettings
    /// The day documents are issued on (the day of the sync in the seller's timezone).
    let issueDate: BusinessDate
    /// The seller kept with each document as issued; nil keeps none (rule tests).
    let seller: PartyDetails?
    private let context: HookContext

    package init(rules: RuleSet, settings: OrderSettings, issueDate: BusinessDate, seller: PartyDetails? = nil) throws {
        self.rules = rules
        self.settings = settings
        self.issueDate = issueDate
        self.seller = seller
        context = try HookContext(runtime: rules.runtime, settings: settings)
    }

    /// Decides one order in a savepoint of `tx` — kept unless the order fails, then rolled
    /// back — and reports how it ended. `finish` runs last in the same savepoint (the batch
    /// records the order's state there).
    package func report(
        _ order: SyncOrder, in tx: StoreTransaction, finish: (OrderOutcome, StoreTransaction) throws -> Void = { _, _ in }
    ) -> OrderReport {
        var decisions = OrderDecisions()
        let outcome: OrderOutcome
        do {
            outcome = try tx.inSavepoint {
                let outcome = try process(order, in: tx, decisions: &decisions)
                try finish(outcome, tx)
                return outcome
            }
        } catch {
            outcome = .failed(.of(error, orderId: order.id))
        }
        return OrderReport(orderId: order.id, outcome: outcome, decisions: decisions)
    }

    /// Runs the hooks for `order` and writes the result through `tx`. `decisions` holds what
    /// was decided so far, also when the order fails.
    package func process(
        _ order: SyncOrder, in tx: StoreTransaction, decisions: inout OrderDecisions
    ) throws(OrderFailure) -> OrderOutcome {
        context.reader = tx
        defer {
            context.reader = nil
            // What the hook that failed (or answered out of shape) logged: under its name.
            let logged = context.takeTrace()
            if !logged.isEmpty, let hook = rules.lastCalled {
                decisions.trace.append("\(hook.rawValue) → failed  [\(source(of: hook))]")
            }
            for line in logged { decisions.trace.append("  log: \(line)") }
        }
        let runtime = rules.runtime
        let ctx = context.value()

        let plain = try hook(order) { () throws(ScriptError) in try runtime.retain(OrderTable.value(order)) }
        defer { runtime.release(plain) }
        let (accepted, reason) = try hook(order) { () throws(OrderFailure) in try rules.acceptOrder(.reference(plain), ctx) }
        record(&decisions, .acceptOrder, accepted ? "true" : "false" + (reason.map { ", \"\($0)\"" } ?? ""))
        guard accepted else { return .turnedDown(reason: reason) }
        decisions.accepted = true

        var warehouses: [Warehouse] = []
        for line in order.lines {
            let id = try hook(order) { () throws(OrderFailure) in
                try rules.lineWarehouse(OrderTable.line(line), .reference(plain), ctx)
            }
            guard let warehouse = try write(order, { try tx.warehouse(id: id) }) else {
                throw unknown(.lineWarehouse, id, "the id of a store warehouse (there is no warehouse \(id))", order)
            }
            record(&decisions, .lineWarehouse, "\(id) for \"\(line.name)\"")
            warehouses.append(warehouse)
            decisions.lines.append(OrderDecisions.Line(name: line.name, warehouseId: warehouse.id))
        }

        // From here on the hooks see each line's warehouse_id, set by index in the table built
        // above (one table for all of an order's hooks: docs/rules.md) rather than building it
        // again — which only a hook that took a line table out of it makes necessary.
        var rebuilt: LuaReference?
        defer { rebuilt.map(runtime.release) }
        do throws(ScriptError) {
            for (index, warehouse) in warehouses.enumerated() {
                try runtime.set(.integer(warehouse.id), at: ["lines", .integer(Int64(index + 1)), "warehouse_id"], in: plain)
            }
        } catch {
            rebuilt = try hook(order) { () throws(ScriptError) in
                try runtime.retain(OrderTable.value(order, warehouses: warehouses.map(\.id)))
            }
        }
        let decided = rebuilt ?? plain
        let defaultWarehouse = warehouses.isEmpty ? try write(order, { try tx.defaultWarehouse() }) : nil
        guard let firstWarehouse = warehouses.first ?? defaultWarehouse else {
            throw OrderFailure(.orderData, orderId: order.id, "the store has no warehouse; add one or map a BaseLinker warehouse")
        }
        let (type, heldReason) = try hook(order) { () throws(OrderFailure) in
            try rules.documentType(.reference(decided), context.value(warehouse: firstWarehouse))
        }
        guard let type else {
            let reason = heldReason ?? "held by \(rules.script(for: .documentType))"
            record(&decisions, .documentType, "nil, \"\(reason)\"")
            return .held(reason: reason)
        }
        record(&decisions, .documentType, "\"\(type.rawValue)\"")
        decisions.documentType = type

        let contractor = try decideContractor(order, decided, ctx, tx, &decisions)
        var draftLines: [DocumentLineDraft] = []
        for (index, line) in order.lines.enumerated() {
            let productId = try decideProduct(index, line, order, decided, ctx, tx, &decisions)
            draftLines.append(
                DocumentLineDraft(
                    name: line.name, sku: line.sku.isEmpty ? nil : line.sku, quantity: line.quantity,
                    unitGross: line.unitGross, vatRate: line.vatRate, productId: productId,
                    warehouseId: warehouses[index].id))
        }
        if let delivery = deliveryLine(order) { draftLines.append(delivery) }
        guard !draftLines.isEmpty else {
            throw OrderFailure(.orderData, orderId: order.id, "the order has no lines and free delivery: there is nothing to issue")
        }

        let draft = DocumentDraft(
            type: type, issueDate: issueDate,
            saleDate: BusinessDate(Date(timeIntervalSince1970: TimeInterval(order.dateConfirmed)), in: settings.timeZone),
            buyer: buyerSnapshot(order), seller: seller, contractorId: contractor,
            currency: order.currency, baselinkerOrderId: Int64(order.id), lines: draftLines)
        return try write(order) {
            let inserted = try tx.insertDocument(draft)
            try enqueueOutbox(for: inserted.document, orderId: order.id, in: tx)
            return .issued(inserted)
        }
    }

    // MARK: Buyer

    private func decideContractor(
        _ order: SyncOrder, _ decided: LuaReference, _ ctx: LuaValue, _ tx: StoreTransaction,
        _ decisions: inout OrderDecisions
    ) throws(OrderFailure) -> Int64? {
        guard settings.linkContractors else {
            decisions.contractor = OrderDecisions.Link.none
            return nil
        }
        switch try hook(order, { () throws(OrderFailure) in try rules.matchContractor(.reference(decided), ctx) }) {
        case .existing(let id):
            record(&decisions, .matchContractor, String(id))
            guard try write(order, { try tx.contractor(id: id) }) != nil else {
                throw unknown(.matchContractor, id, "the id of a contractor in the store (there is no contractor \(id))", order)
            }
            decisions.contractor = .linked(id)
            return id
        case .none:
            record(&decisions, .matchContractor, "false")
            decisions.contractor = OrderDecisions.Link.none
            return nil
        case .create:
            record(&decisions, .matchContractor, "nil")
            let fields = try hook(order) { () throws(OrderFailure) in try rules.newContractor(.reference(decided), ctx) }
            let contractor = try write(order) { try tx.insertContractor(fields) }
            record(&decisions, .newContractor, "\"\(contractor.name)\" (contractor \(contractor.id))")
            decisions.contractor = .created(contractor.id, contractor.fields)
            return contractor.id
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
        _ index: Int, _ line: SyncOrder.Line, _ order: SyncOrder, _ decided: LuaReference, _ ctx: LuaValue,
        _ tx: StoreTransaction, _ decisions: inout OrderDecisions
    ) throws(OrderFailure) -> Int64? {
        guard settings.linkProducts else {
            decisions.lines[index].product = OrderDecisions.Link.none
            return nil
        }
        let lineValue = OrderTable.line(line, warehouse: decisions.lines[index].warehouseId)
        switch try hook(order, { () throws(OrderFailure) in try rules.matchProduct(lineValue, .reference(decided), ctx) }) {
        case .existing(let id):
            record(&decisions, .matchProduct, "\(id) for \"\(line.name)\"")
            guard try write(order, { try tx.product(id: id) }) != nil else {
                throw unknown(.matchProduct, id, "the id of a product in the store (there is no product \(id))", order)
            }
            decisions.lines[index].product = .linked(id)
            return id
        case .none:
            record(&decisions, .matchProduct, "false for \"\(line.name)\"")
            decisions.lines[index].product = OrderDecisions.Link.none
            return nil
        case .create:
            record(&decisions, .matchProduct, "nil for \"\(line.name)\"")
            let fields = try hook(order) { () throws(OrderFailure) in
                try rules.newProduct(lineValue, .reference(decided), ctx)
            }
            let product = try write(order) { try tx.insertProduct(fields) }
            record(&decisions, .newProduct, "\"\(product.name)\" (product \(product.id))")
            decisions.lines[index].product = .created(product.id, product.fields)
            return product.id
        }
    }

    /// The delivery line: named after the delivery method, quantity 1, at the highest VAT rate
    /// among the order's lines; none when delivery is free.
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

    // MARK: Failures

    /// Runs a hook step; its failure is the order's, a look-up called wrongly told apart.
    private func hook<T, E: Error>(_ order: SyncOrder, _ body: () throws(E) -> T) throws(OrderFailure) -> T {
        do {
            return try body()
        } catch {
            var failure = (error as? OrderFailure) ?? OrderFailure.of(error, orderId: order.id)
            failure.orderId = order.id
            throw context.classify(failure)
        }
    }

    /// Runs a store step; what the store refuses is the order's failure.
    private func write<T>(_ order: SyncOrder, _ body: () throws -> T) throws(OrderFailure) -> T {
        do {
            return try body()
        } catch {
            throw OrderFailure.of(error, orderId: order.id)
        }
    }

    /// A hook answered an id the store does not have.
    private func unknown(_ hook: Hook, _ id: Int64, _ expected: String, _ order: SyncOrder) -> OrderFailure {
        var failure = rules.answer(hook, got: String(id), expected: expected)
        failure.orderId = order.id
        return failure
    }

    /// The hook's answer, then — indented under it — what it logged.
    private func record(_ decisions: inout OrderDecisions, _ hook: Hook, _ answer: String) {
        decisions.trace.append("\(hook.rawValue) → \(answer)  [\(source(of: hook))]")
        for line in context.takeTrace() { decisions.trace.append("  log: \(line)") }
    }

    private func source(of hook: Hook) -> String {
        rules.isOverridden(hook) ? rules.script(for: hook) : "built-in"
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
