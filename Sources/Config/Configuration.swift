public import FirminoStore
public import Foundation

/// The seller's `firmlink.toml`, parsed and checked (docs/configuration.md). Every key is optional and has
/// the default shown in the README; what is present must have the right type and a valid value.
public struct Configuration: Sendable {
    /// The file this configuration was read from (as given), for messages.
    public var file: String
    public var baselinker = BaseLinker()
    public var store = Store()
    public var seller = Seller()
    public var modules = Modules()
    public var orders = Orders()
    public var products = Products()
    public var warehouses = Warehouses()
    public var rules = Rules()
    /// Number formats per document type, checked by the store's rule when the file is loaded.
    public var numbering = NumberingFormats.default
    /// Where each key is written in ``file``, for errors found after loading.
    var keyLines = KeyLines()

    public init(file: String) {
        self.file = file
    }

    /// An error about a dotted key (`numbering.invoice`) that names the file and, when the key
    /// is written in it, the line. For checks that need more than the file — the store's rule
    /// for numbering formats, BaseLinker's list of statuses — made once the file is loaded.
    public func error(key: String, _ message: String) -> ConfigurationError {
        let path = key.split(separator: ".").map(String.init)
        return ConfigurationError(file: file, line: keyLines.line(of: path), key: key, message: message)
    }

    public struct BaseLinker: Sendable {
        public var url = URL(string: "https://api.baselinker.com/connector.php")!
        public var requestsPerMinute = 100
        public var inventoryId = 0
        public var invoiceSeriesId = 0
        /// From `BASELINKER_TOKEN`, else from the file when the file is private (mode 0600).
        public var token: Secret?
        public init() {}
    }

    public struct Store: Sendable {
        /// Resolved against the configuration file's folder.
        public var path = "firmlink.sqlite"
        public init() {}
    }

    /// The seller printed on documents; its timezone sets business dates and numbering months.
    public struct Seller: Sendable {
        public var name = ""
        public var taxId = ""
        public var address = ""
        public var postcode = ""
        public var city = ""
        public var country = "PL"
        public var timeZone = TimeZone(identifier: defaultTimeZone)!
        public init() {}

        /// The timezone of a seller whose file names none.
        public static let defaultTimeZone = "Europe/Warsaw"
    }

    /// Which modules a sync runs: orders and warehouses by default, products only when the
    /// seller chooses a products mode (either automatic one overwrites one side).
    public struct Modules: Sendable {
        public var orders = true
        public var products = false
        public var warehouses = true
        public init() {}
    }

    public enum DefaultDocument: String, Sendable, CaseIterable {
        case receipt, invoice
    }

    /// A BaseLinker order status as the seller wrote it: its id, or its name.
    public enum StatusReference: Sendable, Hashable, CustomStringConvertible {
        case id(Int)
        case name(String)

        public var description: String {
            switch self {
            case .id(let id): return String(id)
            case .name(let name): return "\"\(name)\""
            }
        }
    }

    /// Which BaseLinker order statuses a sync takes. There is no silent default: taking every
    /// status would invoice cancelled and unpaid orders, so the seller says `"all"` on purpose.
    public enum StatusSelection: Sendable, Hashable {
        /// `statuses` is not written (or is empty): a sync refuses to start.
        case unset
        /// `statuses = "all"`: every status, read forward from the `date_confirmed` cursor.
        case all
        /// The statuses listed, by id or name.
        case listed([StatusReference])
    }

    public struct Orders: Sendable {
        /// The first day whose orders are taken, in the seller's timezone; nil when not set.
        public var from: BusinessDate?
        public var defaultDocument = DefaultDocument.receipt
        public var autoDocumentType = true
        public var sendInvoices = true
        public var linkProducts = true
        public var linkContractors = true
        public var statuses = StatusSelection.unset
        public var statusAfter: StatusReference?
        public var statusFailed: StatusReference?
        public init() {}
    }

    public enum ProductsMode: String, Sendable, CaseIterable {
        case firmino, baselinker, manual
    }

    public struct Products: Sendable {
        /// Required when the products module is on; nil when not written.
        public var mode: ProductsMode?
        public var updateNames = true
        public var priceGroup = 0
        public init() {}
    }

    public struct Warehouses: Sendable {
        /// BaseLinker warehouse (`bl_<id>`) → store warehouse id.
        public var map: [String: Int] = [:]
        /// The country of the store warehouse made for a BaseLinker warehouse (`bl_3 = "DE"`);
        /// the seller's country when not given.
        public var countries: [String: String] = [:]
        public var importNew = true
        /// Push store stock levels to BaseLinker; only with products mode `firmino`.
        public var pushStock = false
        public init() {}
    }

    public struct Rules: Sendable {
        /// A rules script resolved against the configuration file's folder; nil: the built-in rules.
        public var script: String?
        public var instructions = 1_000_000
        public var timeoutMilliseconds = 1_000
        public var memoryMegabytes = 64
        public init() {}
    }
}

/// A secret (the BaseLinker token): its value is reachable only through `reveal()`, and every
/// description of it prints a mask.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String
    public init(_ value: String) { self.value = value }
    public func reveal() -> String { value }
    public var description: String { "••••" }
    public var debugDescription: String { "Secret(••••)" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
