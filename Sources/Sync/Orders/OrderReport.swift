import FirminoStore

/// Everything decided for one order, in the order the hooks ran: what `sync` counts,
/// `rules explain` prints and `rules test` compares.
struct OrderReport: Sendable {
    enum Contractor: Sendable, Equatable {
        case linked(Int64)
        case created(Int64, ContractorFields)
        /// Buyers are not linked (the switch is off, or `match_contractor` returned false).
        case none
    }

    enum Product: Sendable, Equatable {
        case linked(Int64)
        case created(Int64, ProductFields)
        /// The line stays unlinked (the switch is off, or `match_product` returned false).
        case none
    }

    struct Line: Sendable {
        var name: String
        var warehouseId: Int64?
        var product: Product?
    }

    var orderId: Int
    var accepted: Bool?
    /// Why the order was not taken or is held.
    var reason: String?
    var documentType: DocumentType?
    /// `document_type` returned nil: the order waits for review, nothing was written.
    var held = false
    var contractor: Contractor?
    var lines: [Line] = []
    var document: Document?
    /// Stock levels this order's document left below zero.
    var negativeLevels: [StockLevel] = []
    /// Each hook's answer and every `ctx.log` line, in order.
    var trace: [String] = []
    /// `file:line: message` when the order failed.
    var failure: String?

    init(orderId: Int) {
        self.orderId = orderId
    }
}
