import BaseLinker
import FirminoStore
import LuaHost

/// One migration run on its own thread: a fresh sandboxed runtime with `bl`, `store`, `util`
/// and `dry_run`, the script's main chunk run inside one store transaction.
struct MigrationRun: Sendable {
    let script: MigrationScript
    let limits: LuaLimits
    let dryRun: Bool
    let store: Store
    let client: BaseLinkerClient
    let print: @Sendable (String) -> Void

    /// Thrown out of the transaction to roll it back.
    private struct RollBack: Error {}

    func run() throws -> MigrationReport {
        var report = MigrationReport(dryRun: dryRun)
        let log = MigrationLog()
        do {
            try store.write { tx in
                let runtime = try LuaRuntime(limits: limits, print: print)
                let bl = MigrationBaseLinker(client: client, dryRun: dryRun, log: log)
                let globals: [String: LuaValue] = [
                    "bl": bl.table(runtime),
                    "store": MigrationStore(tx: tx, log: log).table(runtime),
                    "util": .table(HookContext.utilities(runtime)),
                    "dry_run": .boolean(dryRun),
                ]
                do {
                    _ = try runtime.load(bytes: script.source, name: script.name, globals: globals, limits: limits)
                } catch let error as ScriptError {
                    report.failure = MigrationReport.ScriptFailure(
                        description: error.description, traceback: error.traceback,
                        passedALimit: [.instructionLimit, .timeout, .memory].contains(error.kind))
                    throw RollBack()
                }
                if dryRun { throw RollBack() }
            }
            report.committed = true
        } catch is RollBack {
            report.committed = false
        }
        report.changes = log.changes
        return report
    }
}
