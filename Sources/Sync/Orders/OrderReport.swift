package import FirminoStore

/// How one order ended: exactly one of these. What `sync` counts, its dry run plans,
/// `rules explain` prints and `rules test` compares are each a `switch` over it.
package enum OrderOutcome: Sendable {
    /// A document was issued (in a dry run: would be), with the stock it moved.
    case issued(InsertedDocument)
    /// `accept_order` turned the order down: nothing is written.
    case turnedDown(reason: String?)
    /// `document_type` answered nil: the order waits for review, nothing is written.
    case held(reason: String)
    /// The order could not be issued: nothing of it is written.
    case failed(OrderFailure)
}

/// What the hooks decided for an order, as far as they got: kept beside the outcome, since a
/// held or failed order has decided some of it (its lines' warehouses, say) and a rule case
/// or an explanation may ask about that.
package struct OrderDecisions: Sendable {
    package enum Link<Fields: Sendable & Equatable>: Sendable, Equatable {
        case linked(Int64)
        case created(Int64, Fields)
        /// Not linked: the switch is off, or the match hook returned false.
        case none

        package var id: Int64? {
            switch self {
            case .linked(let id), .created(let id, _): id
            case .none: nil
            }
        }
    }

    package struct Line: Sendable {
        package var name: String
        package var warehouseId: Int64
        /// Nil until `match_product` has run for the line.
        package var product: Link<ProductFields>?
    }

    /// `accept_order` said yes.
    package var accepted = false
    package var lines: [Line] = []
    package var documentType: DocumentType?
    /// Nil until `match_contractor` has run.
    package var contractor: Link<ContractorFields>?
    /// Each hook's answer and every `ctx.log` line, in order.
    package var trace: [String] = []

    package init() {}
}

/// One order's outcome with the decisions behind it.
package struct OrderReport: Sendable {
    package var orderId: Int
    package var outcome: OrderOutcome
    package var decisions: OrderDecisions

    package init(orderId: Int, outcome: OrderOutcome, decisions: OrderDecisions) {
        self.orderId = orderId
        self.outcome = outcome
        self.decisions = decisions
    }
}
