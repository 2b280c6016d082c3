import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM turned into a request to stop, which a sync checks between two orders
/// (``Sync/SyncSession/Options/shouldStop``), so that no store transaction is cut short. A
/// second signal ends the process at once, as `kill -9` would: the store stays consistent
/// (the transaction under way is rolled back), and the next run finishes the work.
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var signalName: String?
    private var sources: [any DispatchSourceSignal] = []
    private let announce: @Sendable (String) -> Void

    /// Starts listening for SIGINT and SIGTERM; `announce` is told, once, that the process will
    /// stop.
    init(announce: @escaping @Sendable (String) -> Void) {
        self.announce = announce
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.received(name) }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a stop was asked for.
    var isRequested: Bool { lock.withLock { signalName != nil } }

    /// The signal that asked for the stop.
    var cause: String? { lock.withLock { signalName } }

    /// What a sync asks between two orders.
    var check: @Sendable () -> Bool { { [self] in isRequested } }

    /// Sleeps `seconds`, or until a stop is asked for.
    func sleep(seconds: Double) async {
        let end = Date().addingTimeInterval(seconds)
        while !isRequested, Date() < end {
            let slice = min(0.1, max(end.timeIntervalSinceNow, 0))
            try? await Task.sleep(nanoseconds: UInt64(slice * 1e9))
        }
    }

    private func received(_ name: String) {
        let first = lock.withLock { () -> Bool in
            guard signalName == nil else { return false }
            signalName = name
            return true
        }
        guard first else {
            printError("firmlink: \(name) again: stopping at once (the next run finishes what is left)")
            exit(130)
        }
        announce(name)
    }
}
