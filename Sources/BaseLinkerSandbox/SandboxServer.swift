public import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// A local BaseLinker: the connector protocol over a ``SandboxAccount``, with BaseLinker's rate
/// limit and optional faults.
///
/// ```swift
/// let server = SandboxServer(SandboxConfiguration(orders: 50))
/// let url = try await server.start()        // http://127.0.0.1:<free port>/connector.php
/// try await server.account.setOrderStatus(orderId, to: 1002)
/// let stats = await server.stats
/// await server.stop()
/// ```
public actor SandboxServer {
    public nonisolated let configuration: SandboxConfiguration
    /// The account the server answers from; tests change it between requests.
    package nonisolated let account: SandboxAccount
    private let desk: RequestDesk
    private var group: ServiceGroup?
    private var task: Task<Void, any Error>?
    /// The connector URL once started.
    public private(set) var url: URL?

    /// A server over a freshly generated account (from the configuration's seed and sizes), or
    /// over the account given.
    public init(_ configuration: SandboxConfiguration = SandboxConfiguration()) {
        self.init(configuration, account: nil)
    }

    /// A server over the account given (nil: a fresh one from the configuration).
    package init(_ configuration: SandboxConfiguration, account: SandboxAccount?) {
        self.configuration = configuration
        self.account = account ?? SandboxAccount(
            seed: configuration.seed, orders: configuration.orders, products: configuration.products,
            ordersStart: configuration.ordersStart, clock: configuration.clock)
        desk = RequestDesk(configuration: configuration)
    }

    /// Starts listening and returns `http://<host>:<port>/connector.php`. Throws when the port
    /// cannot be bound or the server is already running.
    public func start() async throws -> URL {
        try await launch(signals: [])
    }

    /// Runs until SIGINT or SIGTERM, then stops gracefully; `onStart` gets the URL first.
    public func run(onStart: @Sendable (URL) -> Void) async throws {
        let url = try await launch(signals: [.sigint, .sigterm])
        onStart(url)
        try await task?.value
        group = nil
        task = nil
    }

    /// Stops accepting requests, lets answers in flight finish (a held-back `timeout` answer is
    /// cut short) and returns when the port is free. Stopping a stopped server does nothing.
    public func stop() async {
        guard let group, let task else { return }
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        self.group = nil
        self.task = nil
    }

    /// From `count` requests on (counted from the start), nothing answers in time and nothing
    /// is applied, as when BaseLinker cannot be reached.
    package func simulateOutage(afterRequests count: Int) async {
        await desk.simulateOutage(afterRequests: count)
    }

    package var stats: SandboxStats {
        get async { await desk.snapshot }
    }

    private func launch(signals: [UnixSignal]) async throws -> URL {
        guard task == nil else { throw SandboxServerError(message: "The sandbox is already running at \(url?.absoluteString ?? "?")") }
        var logger = Logger(label: "firmlink.sandbox", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .error
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let routes = SandboxRoutes(configuration: configuration, account: account, desk: desk)
        let app = Application(
            router: routes.router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: signals, logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var bound: Int?
        for await port in ports {
            bound = port
            break
        }
        guard let port = bound else {
            let reason: String
            do {
                try await task.value
                reason = "it stopped before listening"
            } catch {
                reason = "\(error)"
            }
            throw SandboxServerError(message: "The sandbox could not listen on \(configuration.host):\(configuration.port): \(reason)")
        }
        self.group = group
        self.task = task
        let url = URL(string: "http://\(configuration.host):\(port)/connector.php")!
        self.url = url
        return url
    }
}

public struct SandboxServerError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
