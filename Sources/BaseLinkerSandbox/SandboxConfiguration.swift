public import Foundation

/// How a sandbox server runs. Every field has the default `firmlink sandbox` uses, but
/// ``requestsPerMinute``: BaseLinker's 100 here, unlimited (0) on the command line.
public struct SandboxConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0: any free port (``SandboxServer/start()`` returns the URL with the port bound).
    public var port = 0
    /// The only token accepted; anything else gets `ERROR_BAD_TOKEN` ("Invalid token").
    public var token = "sandbox"
    /// Seeds the account, the faults and the type variance.
    public var seed: UInt64 = 1
    public var orders = 200
    public var products = 100
    /// The first `date_confirmed` of the generated orders.
    public var ordersStart = SandboxAccount.defaultOrdersStart
    /// Per token in a sliding 60-second window; 0: unlimited. BaseLinker's limit by default, so
    /// that a server made in code meets it unless told otherwise.
    public var requestsPerMinute = 100
    /// How long a token stays blocked after exceeding the limit. BaseLinker does not document
    /// its block (5–10 minutes have been reported); 60 s keeps local runs short.
    public var blockDuration: TimeInterval = 60
    public var faults = SandboxFaults.none
    /// How long a `timeout` fault holds its answer back: half as long again as the client's
    /// default request timeout (60 s), so the answer never arrives just in time.
    public var timeoutDelay: TimeInterval = 90
    package var clock: any SandboxClock = SystemSandboxClock()
    /// Largest request body accepted (files arrive base64-encoded in the body).
    public var maxBodySize = 64 << 20

    public init(
        port: Int = 0, token: String = "sandbox", seed: UInt64 = 1, orders: Int = 200, products: Int = 100,
        requestsPerMinute: Int = 100, faults: SandboxFaults = .none
    ) {
        self.init(
            port: port, token: token, seed: seed, orders: orders, products: products,
            requestsPerMinute: requestsPerMinute, faults: faults, clock: SystemSandboxClock())
    }

    /// A configuration on a clock of the caller's (tests move time on their own).
    package init(
        port: Int = 0, token: String = "sandbox", seed: UInt64 = 1, orders: Int = 200, products: Int = 100,
        requestsPerMinute: Int = 100, faults: SandboxFaults = .none, clock: any SandboxClock
    ) {
        self.port = port
        self.token = token
        self.seed = seed
        self.orders = orders
        self.products = products
        self.requestsPerMinute = requestsPerMinute
        self.faults = faults
        self.clock = clock
    }

    /// Midnight starting `YYYY-MM-DD` in Europe/Warsaw, or nil when the text is not such a date.
    public static func warsawMidnight(_ text: String) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            parts[0].count == 4, (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let date = WarsawTime.startOfDay(year: year, month: month, day: day)
        guard WarsawTime.calendar.component(.day, from: date) == day else { return nil }
        return date
    }
}
