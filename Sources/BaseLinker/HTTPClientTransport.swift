public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The real transport: async-http-client.
///
/// Made with ``init(connectTimeout:)`` it owns its `HTTPClient`: call ``shutdown()`` when done
/// (``BaseLinkerClient/shutdown()`` does). Made with ``init(httpClient:)`` it borrows one
/// whose lifecycle belongs to the caller (for example `HTTPClient.shared`).
///
/// Failures say whether the request may have reached the server: an error from establishing
/// the connection (refused, unreachable, connect timeout, DNS, no pooled connection in time)
/// means it did not; a timeout, reset or close after the connection was made means it may have.
public final class HTTPClientTransport: BaseLinkerTransport {
    private let client: HTTPClient
    private let ownsClient: Bool
    private let isShutDown = Locked(false)
    /// Larger answers are refused rather than held in memory.
    static let maxResponseBytes = 64 * 1024 * 1024

    /// A transport with its own `HTTPClient`. Connection failures are reported at once rather
    /// than retried inside the HTTP client: the BaseLinker client's own retry policy decides.
    public init(connectTimeout: Duration = .seconds(10)) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: TimeAmount(connectTimeout), read: nil)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        ownsClient = true
    }

    /// A transport that sends through `httpClient` and leaves its shutdown to the caller.
    public init(httpClient: HTTPClient) {
        client = httpClient
        ownsClient = false
    }

    deinit {
        // A forgotten shutdown must not crash the process or leak the event loop's resources.
        if ownsClient, !isShutDown.withLock({ $0 }) {
            _ = client.shutdown()
        }
    }

    public func shutdown() async throws {
        guard ownsClient else { return }
        let wasShutDown = isShutDown.withLock { state in
            defer { state = true }
            return state
        }
        if !wasShutDown { try await client.shutdown() }
    }

    public func send(_ request: BaseLinkerHTTPRequest) async throws -> BaseLinkerHTTPResponse {
        var httpRequest = HTTPClientRequest(url: request.url.absoluteString)
        httpRequest.method = .POST
        for header in request.headers { httpRequest.headers.add(name: header.name, value: header.value) }
        httpRequest.body = .bytes(ByteBuffer(bytes: request.body))
        let deadline = NIODeadline.now() + TimeAmount(request.timeout)
        do {
            let response = try await client.execute(httpRequest, deadline: deadline)
            let body = try await response.body.collect(upTo: Self.maxResponseBytes)
            return BaseLinkerHTTPResponse(
                status: Int(response.status.code), body: Data(body.readableBytesView))
        } catch is CancellationError {
            throw CancellationError()
        } catch is NIOTooManyBytesError {
            throw BaseLinkerTransportError(
                .maybeSent, "the answer is larger than \(Self.maxResponseBytes / 1_048_576) MB")
        } catch {
            throw Self.classify(error, timeout: request.timeout, endpoint: Self.endpoint(of: request.url))
        }
    }

    /// Sorts an error into "never sent" and "may have been sent", conservatively: only errors
    /// that can only happen before the request is written count as never sent.
    static func classify(_ error: any Error, timeout: Duration, endpoint: String) -> BaseLinkerTransportError {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout:
                return .init(.notSent, "could not connect to \(endpoint) in time")
            case .getConnectionFromPoolTimeout:
                return .init(.notSent, "no connection became available in time")
            case .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
                return .init(.notSent, "the connection handshake timed out")
            case .alreadyShutdown:
                return .init(.notSent, "the HTTP client is shut down")
            case .invalidURL, .emptyHost, .emptyScheme:
                return .init(.notSent, "the connector URL is not valid")
            case .deadlineExceeded, .readTimeout:
                return .init(.maybeSent, "no answer within \(timeout)")
            case .remoteConnectionClosed:
                return .init(.maybeSent, "the server closed the connection before answering")
            default:
                return .init(.maybeSent, "HTTP client error: \(error)")
            }
        }
        if let error = error as? NIOConnectionError {
            return .init(.notSent, "could not connect to \(endpoint): \(connectionErrorSummary(error))")
        }
        if case ChannelError.connectTimeout = error {
            return .init(.notSent, "could not connect to \(endpoint) in time")
        }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode) {
            return .init(.notSent, "could not connect to \(endpoint): \(String(cString: strerror(error.errnoCode)))")
        }
        return .init(.maybeSent, "\(error)")
    }

    private static func connectionErrorSummary(_ error: NIOConnectionError) -> String {
        if let first = error.connectionErrors.first {
            if let io = first.error as? IOError { return String(cString: strerror(io.errnoCode)) }
            return "\(first.error)"
        }
        if let dns = error.dnsAError ?? error.dnsAAAAError {
            return "name lookup failed (\(dns))"
        }
        return "\(error.host):\(error.port)"
    }
}

extension HTTPClientTransport {
    /// `host:port` of a connector URL, for messages: never the path or query, which could
    /// carry something private.
    static func endpoint(of url: URL) -> String {
        let host = url.host ?? "?"
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        return "\(host):\(port)"
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
