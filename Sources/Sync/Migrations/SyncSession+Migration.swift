import BaseLinker
import Foundation
public import LuaHost

/// A script for `firmlink run`: the source and the name messages use.
public struct MigrationScript: Sendable {
    public var name: String
    public var source: [UInt8]

    /// A first line starting with # (`#!/usr/bin/env -S firmlink run`) is skipped, as the lua
    /// command does; its newline stays, so line numbers do not move.
    public init(name: String, source: [UInt8]) {
        self.name = name
        var source = source
        if source.first == UInt8(ascii: "#") {
            source.removeSubrange(0..<(source.firstIndex(of: UInt8(ascii: "\n")) ?? source.endIndex))
        }
        self.source = source
    }
}

extension SyncSession {
    /// Runs a migration with this session's BaseLinker client and store (docs/rules.md,
    /// "Migrations"): beside the sandboxed libraries the script gets `bl`, `store`, `util`,
    /// `dry_run` and a `print` that goes to `print`.
    ///
    /// Every store write of the run is one transaction, committed when the script ends without
    /// error and rolled back when it fails or the session is a dry run. `limits` bound the
    /// whole run, except that the time `bl.call` waits on BaseLinker is not counted against
    /// the deadline. The script's failure is in the report (with what it changed up to then,
    /// BaseLinker writes sent included); what is thrown stops the run from the outside (the
    /// store refused to commit).
    public func runMigration(
        _ script: MigrationScript, limits: LuaLimits, print: @escaping @Sendable (String) -> Void
    ) async throws -> MigrationReport {
        // The window's requests are kept in the store after the run, not as they complete as
        // in a sync: the run's one transaction holds the store's writer until the script ends.
        try await rememberRequestWindow()
        let window = RequestWindow()
        if !options.dryRun { await client.rateLimiter.keep { requests in window.set(requests) } }
        let run = MigrationRun(
            script: script, limits: limits, dryRun: options.dryRun, store: store, client: client, print: print)
        let requestsBefore = client.requestCounts.total
        let outcome = await withCheckedContinuation { continuation in
            // The script blocks its thread while it waits on BaseLinker: never a thread of the
            // concurrency pool, which the request itself needs.
            Thread.detachNewThread {
                continuation.resume(returning: Result { try run.run() })
            }
        }
        await client.rateLimiter.keep(with: nil)
        if let requests = window.get() { Self.keepRequestWindow(requests, in: store) }
        var report = try outcome.get()
        report.requests = client.requestCounts.total - requestsBefore
        return report
    }
}

/// The requests of the last minute, as the limiter last told them.
private final class RequestWindow: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [Date]?

    func set(_ requests: [Date]) { lock.withLock { self.requests = requests } }
    func get() -> [Date]? { lock.withLock { requests } }
}
