public import FirminoStore

/// What one `firmlink sync` did, as `sync --json` prints it (docs/json.md): every key is
/// always there, so a script reading it never meets a missing one.
public struct SyncSummary: Codable, Sendable, Equatable {
    public var orders = Orders()
    public var contractors = Linking()
    public var products = Products()
    public var stock = Stock()
    public var warehouses = Warehouses()
    public var outbox = Outbox()
    /// HTTP requests sent to BaseLinker during the run (retries included).
    public var requests = 0
    /// Stock levels left below zero, and similar things worth a look.
    public var warnings: [String] = []
    public var dryRun = false
    /// The modules that ran, in order: `warehouses`, `products`, `orders`.
    public var modules: [String] = []
    /// In a dry run, what would happen to each order.
    public var plan: [PlannedOrder] = []
    /// What the rules cost.
    public var rules = Rules()
    /// Warnings of each kind that can come once per order or product, kept word for word, and
    /// those only counted.
    var warningsKept: [WarningKind: Int] = [:]
    var warningsLeftOut: [WarningKind: Int] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case orders, contractors, products, stock, warehouses, outbox, requests, warnings, dryRun, modules, plan, rules
    }

    /// A warning each order (or each product pushed) can give: a sync of many keeps the first
    /// ``keptPerKind`` of each kind and counts the rest, so that its summary (and the memory
    /// holding it) does not grow with every order.
    enum WarningKind: Int, Comparable {
        case futureSaleDate, negativeStock, negativeSent

        static let keptPerKind = 20

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

        func more(_ count: Int) -> String {
            switch self {
            case .futureSaleDate:
                "… and \(count) more orders whose sale date is after the day of issue (date_confirmed in the future)"
            case .negativeStock:
                "… and \(count) more stock levels an order left below zero (firmlink stock shows every level)"
            case .negativeSent:
                "… and \(count) more levels below zero sent to BaseLinker as 0 (firmlink stock shows every level)"
            }
        }
    }

    /// Keeps `message` while fewer than ``WarningKind/keptPerKind`` of its kind are kept, else
    /// counts it.
    mutating func warn(_ kind: WarningKind, _ message: @autoclosure () -> String) {
        if warningsKept[kind, default: 0] < WarningKind.keptPerKind {
            warnings.append(message())
            warningsKept[kind, default: 0] += 1
        } else {
            warningsLeftOut[kind, default: 0] += 1
        }
    }

    /// Adds a line for each kind of warning that was only counted.
    mutating func closeWarnings() {
        for (kind, count) in warningsLeftOut.sorted(by: { $0.key < $1.key }) { warnings.append(kind.more(count)) }
        warningsLeftOut = [:]
    }

    public struct Orders: Codable, Sendable, Equatable {
        /// Orders read from BaseLinker.
        public var fetched = 0
        /// Orders that already had a document and were skipped.
        public var skipped = 0
        /// Orders `accept_order` took.
        public var accepted = 0
        /// Orders `accept_order` turned down.
        public var rejected = 0
        /// Documents issued, by type.
        /// Every document type, 0 when none was issued.
        public var documents = Dictionary(uniqueKeysWithValues: DocumentType.allCases.map { ($0.rawValue, 0) })
        public var failed: [Problem] = []
        public var held: [Problem] = []
        /// Orders BaseLinker already holds an invoice for: no document was issued.
        public var alreadyInvoiced: [Invoiced] = []
        /// Orders skipped by hand (`orders skip`), with the reason given.
        public var setAside: [Problem] = []

        public init() {}
    }

    /// An order BaseLinker already invoiced, with the number it shows.
    public struct Invoiced: Codable, Sendable, Equatable {
        public var orderId: Int
        public var number: String
    }

    public struct Problem: Codable, Sendable, Equatable {
        public var orderId: Int
        public var reason: String
        /// For a failed order, what kind of problem (``OrderFailure/Kind``: `hook_answer`, …).
        @Listings.ExplicitNull public var kind: String?

        public init(orderId: Int, reason: String, kind: String? = nil) {
            self.orderId = orderId
            self.reason = reason
            self.kind = kind
        }
    }

    /// What a dry run would do with one order.
    public struct PlannedOrder: Codable, Sendable, Equatable {
        public var orderId: Int
        /// `issued`, `turned_down`, `held` or `failed`.
        public var outcome: String
        @Listings.ExplicitNull public var documentType: String?
        /// The number the document would get.
        @Listings.ExplicitNull public var number: String?
        /// Why the order would be turned down, held or failed.
        @Listings.ExplicitNull public var reason: String?
    }

    public struct Linking: Codable, Sendable, Equatable {
        public var linked = 0
        public var created = 0
        public init() {}
    }

    /// Store products: linked and created by the orders (their lines) and by the products
    /// module, updated from BaseLinker, pulled (created or updated from BaseLinker) and pushed.
    public struct Products: Codable, Sendable, Equatable {
        public var linked = 0
        public var created = 0
        public var updated = 0
        public var pushed = 0
        public var pulled = 0
        /// BaseLinker products the products module could not take (a hook failed, say).
        public var failed: [ProductProblem] = []
        /// In a dry run (and `products pull|push`), what would happen to each product.
        public var plan: [ProductChange] = []
        public init() {}
    }

    public struct ProductProblem: Codable, Sendable, Equatable {
        /// `123` or `123/456` (product / variant).
        public var baselinker: String
        public var reason: String
    }

    /// What the products module does with one product: `created`, `updated`, `linked`,
    /// `unchanged`, `pushed` or `failed`, and each change as `field: old → new`.
    public struct ProductChange: Codable, Sendable, Equatable {
        public var action: String
        @Listings.ExplicitNull public var productId: Int64?
        public var baselinker: String
        public var name: String
        public var changes: [String]
        public var stockChanges: [String] = []

        /// Counts the change into the summary.
        func count(into products: inout Products, stock: inout Stock) {
            switch action {
            case "created": products.created += 1; products.pulled += 1
            case "updated": products.updated += 1; products.pulled += 1
            case "linked": products.linked += 1
            default: break
            }
            stock.pulled += stockChanges.count
        }
    }

    public struct Warehouses: Codable, Sendable, Equatable {
        /// Store warehouses made for BaseLinker warehouses.
        public var imported = 0
        /// Countries corrected from `[warehouses] countries`.
        public var countryChanged: [CountryChange] = []
        public init() {}
    }

    /// A store warehouse whose country changed.
    public struct CountryChange: Codable, Sendable, Equatable {
        public var warehouseId: Int64
        public var name: String
        public var from: String
        public var to: String
    }

    /// Stock levels set from BaseLinker (`pulled`) and products whose levels were sent (`pushed`).
    public struct Stock: Codable, Sendable, Equatable {
        public var pulled = 0
        public var pushed = 0
        public init() {}
    }

    /// Hook calls of the run and the time spent in them, the store look-ups they made included.
    public struct Rules: Codable, Sendable, Equatable {
        public var hookCalls = 0
        public var hookSeconds = 0.0
        public init() {}
        init(hookCalls: Int, hookSeconds: Double) {
            self.hookCalls = hookCalls
            self.hookSeconds = hookSeconds
        }
    }

    public struct Outbox: Codable, Sendable, Equatable {
        /// Rows sent in this run.
        public var sent = 0
        /// Rows still waiting (failed ones included); the next run sends them.
        public var pending = 0
        public var failed: [OutboxProblem] = []
        /// Why sending stopped early: BaseLinker could not be reached (the rest waits queued).
        @Listings.ExplicitNull public var unreachable: String?
        public init() {}
    }

    public struct OutboxProblem: Codable, Sendable, Equatable {
        @Listings.ExplicitNull public var orderId: Int?
        public var reason: String
    }

    /// The exit status: 1 when some order failed or is held, or something could not
    /// be sent; else 0.
    public var exitStatus: Int32 {
        orders.failed.isEmpty && orders.held.isEmpty && outbox.failed.isEmpty && outbox.unreachable == nil ? 0 : 1
    }
}

extension SyncSummary.Orders {
    /// Adds what reading the orders found (before any was decided).
    mutating func merge(_ found: SyncSummary.Orders) {
        fetched += found.fetched
        skipped += found.skipped
        setAside += found.setAside
        alreadyInvoiced += found.alreadyInvoiced
    }
}
