import FirminoStore

/// What one `firmlink sync` did, as `sync --json` prints it (DESIGN §9). Keys beyond the
/// design's (`rejected`, `skipped`, `outbox`, `warnings`, `dry_run`) are additions; none of
/// the design's keys is ever left out.
public struct SyncSummary: Codable, Sendable, Equatable {
    public var orders = Orders()
    public var contractors = Linking()
    public var products = Products()
    public var stock = Stock()
    public var outbox = Outbox()
    /// HTTP requests sent to BaseLinker during the run (retries included).
    public var requests = 0
    /// Stock levels left below zero, and similar things worth a look.
    public var warnings: [String] = []
    public var dryRun = false
    /// In a dry run, one line per order saying what would happen.
    public var plan: [String] = []

    public init() {}

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

        public init() {}
    }

    public struct Problem: Codable, Sendable, Equatable {
        public var orderId: Int
        public var reason: String

        public init(orderId: Int, reason: String) {
            self.orderId = orderId
            self.reason = reason
        }
    }

    public struct Linking: Codable, Sendable, Equatable {
        public var linked = 0
        public var created = 0
        public init() {}
    }

    public struct Products: Codable, Sendable, Equatable {
        public var linked = 0
        public var created = 0
        public var pushed = 0
        public var pulled = 0
        public init() {}
    }

    public struct Stock: Codable, Sendable, Equatable {
        public var pushed = 0
        public init() {}
    }

    public struct Outbox: Codable, Sendable, Equatable {
        /// Rows sent in this run.
        public var sent = 0
        /// Rows still waiting (failed ones included); the next run sends them.
        public var pending = 0
        public var failed: [OutboxProblem] = []
        public init() {}
    }

    public struct OutboxProblem: Codable, Sendable, Equatable {
        public var orderId: Int?
        public var reason: String
    }

    /// Exit status of DESIGN §9: 1 when some order failed or is held, or something could not
    /// be sent; else 0.
    public var exitStatus: Int32 {
        orders.failed.isEmpty && orders.held.isEmpty && outbox.failed.isEmpty ? 0 : 1
    }
}
