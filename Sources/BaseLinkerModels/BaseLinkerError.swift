/// A BaseLinker call that did not succeed, said so a person can act on it.
///
/// ``kind`` tells what went wrong; the other fields carry what came back. No field, and not
/// ``description``, ever contains the API token: the client removes it from every text it
/// copies from a response or a lower layer.
public struct BaseLinkerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. A struct rather than an enum so that kinds can be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case api, blocked, http, malformedResponse, transport, inDoubt, unexpectedData
            case invalidRequest
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        public var description: String { value.rawValue }

        /// BaseLinker answered `"status": "ERROR"`; see ``BaseLinkerError/code``.
        public static let api = Kind(.api)
        /// The token stayed blocked (`ERROR_BLOCKED_TOKEN`) longer than the configured bound.
        public static let blocked = Kind(.blocked)
        /// The server answered with a status other than 2xx (after any retries).
        public static let http = Kind(.http)
        /// The body was not BaseLinker's JSON envelope (empty, HTML, cut off; after retries).
        public static let malformedResponse = Kind(.malformedResponse)
        /// No answer: connection refused or reset, timeout (after any retries). For a write,
        /// this kind means the request never reached BaseLinker.
        public static let transport = Kind(.transport)
        /// A write was sent but no usable answer came back: it may or may not have been applied.
        /// Look (for example `getInvoices`) before sending it again.
        public static let inDoubt = Kind(.inDoubt)
        /// The envelope said SUCCESS but a field could not be read (``BaseLinkerError/message``
        /// says which, and in which record).
        public static let unexpectedData = Kind(.unexpectedData)
        /// The request could not be built (for example parameters that are not a JSON object).
        public static let invalidRequest = Kind(.invalidRequest)
    }

    public var kind: Kind
    /// The API method, when the error belongs to a call.
    public var method: String?
    /// BaseLinker's `error_code`, for ``Kind/api`` and ``Kind/blocked``.
    public var code: BaseLinkerErrorCode?
    /// What happened: BaseLinker's `error_message`, the transport failure, or the field that
    /// could not be read.
    public var message: String
    /// The HTTP status of the last response, when one came.
    public var httpStatus: Int?
    /// The start of the last response body (about 200 bytes), when it was not usable.
    public var bodyExcerpt: String?
    /// How many HTTP requests the call sent.
    public var attempts: Int

    public init(
        kind: Kind, method: String? = nil, code: BaseLinkerErrorCode? = nil, message: String,
        httpStatus: Int? = nil, bodyExcerpt: String? = nil, attempts: Int = 0
    ) {
        self.kind = kind
        self.method = method
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.bodyExcerpt = bodyExcerpt
        self.attempts = attempts
    }

    public var description: String {
        var text = "BaseLinker"
        if let method { text += " \(method)" }
        text += ": "
        switch kind {
        case .api: text += "\(code?.rawValue ?? "error"): \(message)"
        case .blocked: text += "the token is blocked (\(code?.rawValue ?? "")): \(message)"
        case .http: text += "HTTP \(httpStatus.map(String.init) ?? "error"): \(message)"
        case .malformedResponse: text += "unreadable response: \(message)"
        case .transport: text += "no answer: \(message)"
        case .inDoubt:
            text += "\(message); the change may or may not have been applied, "
                + "check before sending it again"
        case .unexpectedData: text += "unexpected data: \(message)"
        default: text += message
        }
        if let httpStatus, kind != .http { text += " (HTTP \(httpStatus))" }
        if let bodyExcerpt { text += " — body: \(bodyExcerpt)" }
        if attempts > 1 { text += " (after \(attempts) requests)" }
        return text
    }
}
