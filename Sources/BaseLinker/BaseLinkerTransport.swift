public import Foundation

/// Sends one request to BaseLinker's connector and returns the raw answer.
///
/// The client builds the request (URL, headers with the token, form body) and interprets the
/// answer (envelope, errors, retries); a transport only moves bytes. Tests substitute their
/// own; ``HTTPClientTransport`` is the real one.
///
/// A transport that fails should throw ``BaseLinkerTransportError`` saying whether the request
/// may have reached the server: that decides whether a write may be sent again. Any other error
/// is taken as "may have reached it". `CancellationError` is passed through.
public protocol BaseLinkerTransport: Sendable {
    func send(_ request: BaseLinkerHTTPRequest) async throws -> BaseLinkerHTTPResponse
    /// Releases the transport's resources; the default does nothing.
    func shutdown() async throws
}

extension BaseLinkerTransport {
    public func shutdown() async throws {}
}

/// One `POST` to the connector.
///
/// Printing, debug-printing or dumping a request never shows the token: the `X-BLToken`
/// header's value is replaced by a placeholder (``header(_:)`` still returns it).
public struct BaseLinkerHTTPRequest: Sendable {
    public var url: URL
    /// `Content-Type`, `X-BLToken` and `Accept`, in that order.
    public var headers: [(name: String, value: String)]
    /// `method=<name>&parameters=<JSON>`, form-encoded.
    public var body: Data
    /// The API method, for transports that log or count.
    public var method: String
    /// How long the whole exchange may take.
    public var timeout: Duration

    public init(
        url: URL, headers: [(name: String, value: String)], body: Data, method: String,
        timeout: Duration
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.method = method
        self.timeout = timeout
    }

    /// The value of the first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

extension BaseLinkerHTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        let headers = maskedHeaders.map { "\($0.name): \($0.value)" }.joined(separator: ", ")
        return "BaseLinkerHTTPRequest(method: \(method), url: \(url.absoluteString), headers: [\(headers)], "
            + "body: \(body.count) bytes, timeout: \(timeout))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "url": url, "headers": maskedHeaders, "body": body, "method": method, "timeout": timeout,
            ],
            displayStyle: .struct)
    }

    /// The headers with the token's value replaced.
    private var maskedHeaders: [(name: String, value: String)] {
        headers.map { header in
            guard header.name.lowercased() == "x-bltoken" else { return header }
            return (header.name, header.value.isEmpty ? "<empty>" : "<hidden>")
        }
    }
}

/// The server's answer: status and body, whatever they are.
public struct BaseLinkerHTTPResponse: Sendable {
    public var status: Int
    public var body: Data

    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// A request that got no answer, and whether it may have reached the server.
public struct BaseLinkerTransportError: Error, Sendable, CustomStringConvertible {
    public enum Stage: Sendable, Hashable {
        /// The request never left: no connection could be made. Safe to send again.
        case notSent
        /// The request may have been received and processed: the connection broke or timed out
        /// after it was written.
        case maybeSent
    }

    public var stage: Stage
    /// What happened, for people: `connection refused`, `timed out after 30 s`.
    public var reason: String

    public init(_ stage: Stage, _ reason: String) {
        self.stage = stage
        self.reason = reason
    }

    public var description: String { reason }
}
