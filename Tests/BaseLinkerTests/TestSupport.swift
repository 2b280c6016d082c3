import Foundation
import Logging

@testable import BaseLinker
import BaseLinkerModels

/// A transport that answers from a script and records what it was sent.
final class FakeTransport: BaseLinkerTransport, @unchecked Sendable {
    struct Sent {
        var request: BaseLinkerHTTPRequest
        var method: String
        var parameters: JSONValue
        /// The clock's reading when the request arrived.
        var at: Duration
    }

    typealias Script = @Sendable (_ method: String, _ parameters: JSONValue, _ index: Int) throws -> BaseLinkerHTTPResponse

    private let script: Script
    private let clock: (any BaseLinkerClock)?
    private let state = Locked<[Sent]>([])

    init(clock: (any BaseLinkerClock)? = nil, script: @escaping Script) {
        self.clock = clock
        self.script = script
    }

    /// Answers every request with the same response.
    convenience init(clock: (any BaseLinkerClock)? = nil, always response: BaseLinkerHTTPResponse) {
        self.init(clock: clock) { _, _, _ in response }
    }

    /// Answers the n-th request with the n-th step (the last step repeats).
    convenience init(clock: (any BaseLinkerClock)? = nil, steps: [Result<BaseLinkerHTTPResponse, any Error>]) {
        self.init(clock: clock) { _, _, index in
            try steps[min(index, steps.count - 1)].get()
        }
    }

    func send(_ request: BaseLinkerHTTPRequest) async throws -> BaseLinkerHTTPResponse {
        let fields = FormEncoding.fields(of: request.body) ?? [:]
        let method = fields["method"] ?? ""
        let parameters = (try? JSONValue(parsing: Data((fields["parameters"] ?? "null").utf8))) ?? .null
        let index = state.withLock { sent in
            sent.append(Sent(request: request, method: method, parameters: parameters, at: clock?.uptime() ?? .zero))
            return sent.count - 1
        }
        return try script(method, parameters, index)
    }

    var sent: [Sent] { state.withLock { $0 } }
    var count: Int { sent.count }
}

/// A successful envelope with these fields next to `"status": "SUCCESS"`.
func success(_ fields: [String: JSONValue] = [:], status: Int = 200) -> BaseLinkerHTTPResponse {
    var object = fields
    object["status"] = "SUCCESS"
    return BaseLinkerHTTPResponse(status: status, body: try! JSONValue.object(object).serialized())
}

func apiError(_ code: String, _ message: String, status: Int = 200) -> BaseLinkerHTTPResponse {
    let object: JSONValue = ["status": "ERROR", "error_code": .string(code), "error_message": .string(message)]
    return BaseLinkerHTTPResponse(status: status, body: try! object.serialized())
}

func raw(_ text: String, status: Int = 200) -> BaseLinkerHTTPResponse {
    BaseLinkerHTTPResponse(status: status, body: Data(text.utf8))
}

/// Parses JSON text written in a test.
func json(_ text: String) -> JSONValue {
    try! JSONValue(parsing: Data(text.utf8))
}

/// A token unique to one test, so tests never share a process-wide limiter.
func uniqueToken() -> String { "test-\(UUID().uuidString)" }

func makeClient(
    transport: any BaseLinkerTransport,
    clock: VirtualClock = VirtualClock(),
    token: String = uniqueToken(),
    requestsPerMinute: Int = 0,
    retry: RetryPolicy = RetryPolicy(jitter: 0),
    maxBlockedWait: Duration = .seconds(660),
    logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
) -> BaseLinkerClient {
    BaseLinkerClient(
        configuration: BaseLinkerConfiguration(
            url: URL(string: "http://127.0.0.1:9/connector.php")!, token: token,
            requestsPerMinute: requestsPerMinute, retry: retry, maxBlockedWait: maxBlockedWait),
        transport: transport, clock: clock, logger: logger)
}

/// Collects every log line (message and metadata) for inspection.
struct CapturingLogHandler: LogHandler {
    final class Store: @unchecked Sendable {
        private let lines = Locked<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        store.append("\(event.level) \(event.message) \(merged)")
    }
}
