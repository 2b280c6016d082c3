import BaseLinker
import BaseLinkerModels
import Foundation
import LuaHost

/// The `bl` table of a migration: `bl.call(method, params)` on the session's client — rate
/// limited like every request of the process, its wait not counted against the run's deadline.
/// Under a dry run a method whose name does not start with `get` is recorded instead of sent
/// and answers `{status = "SUCCESS", dry_run = true}`.
///
/// The script runs on a thread of its own; a call blocks that thread while the request runs in
/// Swift concurrency, so no thread of the concurrency pool ever waits on another.
final class MigrationBaseLinker {
    let client: BaseLinkerClient
    let dryRun: Bool
    let log: MigrationLog

    init(client: BaseLinkerClient, dryRun: Bool, log: MigrationLog) {
        self.client = client
        self.dryRun = dryRun
        self.log = log
    }

    func table(_ runtime: LuaRuntime) -> LuaValue {
        let call = runtime.function(named: "bl.call", waitsOutside: true) { [self] arguments in
            [try self.call(arguments)]
        }
        return ["call": .reference(call)]
    }

    private func call(_ arguments: [LuaValue]) throws -> LuaValue {
        guard let method = arguments.argument(0).stringValue, !method.isEmpty else {
            throw MigrationError("expects a method name as argument #1, such as bl.call(\"getOrders\", {...})")
        }
        let parameters: JSONValue
        do {
            parameters = try LuaJSON.parameters(arguments.argument(1))
        } catch let error as LuaJSON.Unrepresentable {
            throw MigrationError("\(method): \(error.description)")
        }
        let isWrite = !method.hasPrefix("get")
        if isWrite && dryRun {
            log.changes.record(.baselinkerWrites, ["method": .string(method), "parameters": parameters, "sent": false])
            return ["status": "SUCCESS", "dry_run": true]
        }
        let client = client
        let answer = try Self.wait { try await client.call(method, parameters: parameters) }
        if isWrite {
            log.changes.record(.baselinkerWrites, ["method": .string(method), "parameters": parameters, "sent": true])
        }
        return OrderTable.json(answer)
    }

    /// Runs `work` in Swift concurrency and blocks this (non-pool) thread until it ends.
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let semaphore = DispatchSemaphore(value: 0)
        let outcome = Outcome<T>()
        Task {
            do {
                outcome.set(.success(try await work()))
            } catch {
                outcome.set(.failure(error))
            }
            semaphore.signal()
        }
        semaphore.wait()
        return try outcome.get()
    }

    private final class Outcome<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<T, any Error>?

        func set(_ result: Result<T, any Error>) { lock.withLock { self.result = result } }
        func get() throws -> T { try lock.withLock { result }!.get() }
    }
}

/// A migration host function called wrongly, or a store write refused: raised in the script
/// as a Lua error at the calling line, `file:line: store.update_product: message`.
struct MigrationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
