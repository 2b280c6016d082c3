import ArgumentParser
import BaseLinkerModels
import Config
import FirminoStore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Firmlink {
    /// `firmlink status [--json]`: what someone on call needs at a glance — the store, the
    /// cursors, the last runs, the outbox backlog, the orders that failed or are held.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the store, the cursors, the last runs, what waits to be sent, and the orders that failed or are held.",
            discussion: "Reads the store only; it works while a sync or firmlink watch is running.")

        @OptionGroup var configOptions: ConfigOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "How many of the last runs to show.")
        var runs = 5

        func validate() throws {
            guard runs >= 0 else { throw ValidationError("--runs must not be negative") }
        }

        func run() throws {
            let configuration = try configOptions.load()
            let report: StatusReport
            if FileManager.default.fileExists(atPath: configuration.store.path) {
                let store = try StoreAccess.open(configuration)
                defer { try? store.close() }
                report = try StoreAccess.failing { try StatusReport(store: store, runs: runs) }
            } else {
                report = StatusReport(missingStore: configuration.store.path)
            }
            if output.json {
                FileHandle.standardOutput.write(try report.json.serialized())
                print()
            } else {
                print(report.text)
            }
        }
    }
}

/// The store's state as `status` shows it (docs/json.md, "status --json").
struct StatusReport {
    var path: String
    var exists: Bool
    var documents = 0
    var cursors: [String: String] = [:]
    var runs: [RunRecord] = []
    var backlog: [OutboxBacklog] = []
    var failed: [OrderIssue] = []
    var held: [OrderIssue] = []
    var skipped = 0

    init(missingStore path: String) {
        self.path = path
        exists = false
    }

    init(store: Store, runs limit: Int) throws {
        path = store.path
        exists = true
        try store.read { reader in
            documents = try reader.documentCount()
            cursors = try reader.cursors()
            runs = try reader.runs(limit: limit)
            backlog = try reader.outboxBacklog()
            let issues = try reader.orderIssues()
            failed = issues.filter { $0.state == .failed }
            held = issues.filter { $0.state == .held }
            skipped = issues.filter { $0.state == .skipped }.count
        }
    }

    /// `done`, `partial`, `failed`, `stopped`; for a run that never said how it ended,
    /// `running` while its process lives, else `interrupted`.
    static func outcome(of run: RunRecord) -> String {
        if let outcome = run.outcome { return outcome.rawValue }
        if run.finishedAt != nil { return RunOutcome.done.rawValue }
        if let pid = run.pid, kill(pid, 0) == 0 || errno == EPERM { return "running" }
        return "interrupted"
    }

    static func summary(of run: RunRecord) -> JSONValue? {
        run.summary.flatMap { try? JSONValue(parsing: $0) }
    }

    // MARK: JSON

    var json: JSONValue {
        var object: [String: JSONValue] = [:]
        object["store"] = .object([
            "path": .string(path), "exists": .bool(exists), "documents": .int(Int64(documents)),
        ])
        object["cursors"] = .object(cursors.mapValues(JSONValue.string))
        object["runs"] = .array(runs.map(Self.json))
        object["outbox"] = .object([
            "pending": .int(Int64(backlog.reduce(0) { $0 + $1.pending })),
            "kinds": .array(backlog.map { kind in
                .object([
                    "kind": .string(kind.kind.rawValue), "pending": .int(Int64(kind.pending)),
                    "tried": .int(Int64(kind.tried)), "oldest": .string(kind.oldest.formatted(.iso8601)),
                    "last_error": kind.lastError.map(JSONValue.string) ?? .null,
                ])
            }),
        ])
        func issues(_ list: [OrderIssue]) -> JSONValue {
            .array(list.map { issue in
                .object([
                    "order_id": .int(issue.orderId), "reason": .string(issue.reason),
                    "kind": issue.kind.map(JSONValue.string) ?? .null,
                    "since": .string(issue.since.formatted(.iso8601)), "tries": .int(Int64(issue.tries)),
                ])
            })
        }
        object["orders"] = .object(["failed": issues(failed), "held": issues(held), "skipped": .int(Int64(skipped))])
        return .object(object)
    }

    static func json(_ run: RunRecord) -> JSONValue {
        var object: [String: JSONValue] = [:]
        object["id"] = .int(run.id)
        object["started_at"] = .string(run.startedAt.formatted(.iso8601))
        object["finished_at"] = .null
        object["duration_seconds"] = .null
        if let finished = run.finishedAt {
            object["finished_at"] = .string(finished.formatted(.iso8601))
            let milliseconds = (finished.timeIntervalSince(run.startedAt) * 1000).rounded()
            object["duration_seconds"] = .double(milliseconds / 1000)
        }
        object["outcome"] = .string(outcome(of: run))
        object["error"] = run.error.map(JSONValue.string) ?? .null
        object["summary"] = summary(of: run) ?? .null
        return .object(object)
    }

    // MARK: Text

    var text: String {
        var lines: [String] = []
        guard exists else {
            return "Store: none yet at \(path) (the first firmlink sync makes it)."
        }
        lines.append("Store: \(path), \(documents) document\(documents == 1 ? "" : "s")")

        lines.append("")
        if cursors.isEmpty {
            lines.append("Cursors: none yet")
        } else {
            lines.append("Cursors:")
            for (key, value) in cursors.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(key) = \(Self.describeCursor(key, value))")
            }
        }

        lines.append("")
        if runs.isEmpty {
            lines.append("Runs: none yet")
        } else {
            lines.append("Last runs (newest first):")
            var table = TextTable(header: ["RUN", "STARTED", "TOOK", "OUTCOME", "WHAT"], rightAligned: [0, 2])
            for run in runs {
                let took = run.finishedAt.map { ProgressRenderer.seconds($0.timeIntervalSince(run.startedAt)) } ?? "-"
                let what = run.error ?? Self.summary(of: run).map(Self.describeSummary) ?? ""
                table.rows.append([
                    "\(run.id)", Self.localTime(run.startedAt), took, Self.outcome(of: run), TextTable.clip(what, 100),
                ])
            }
            lines += table.text.split(separator: "\n").map { "  " + $0 }
        }

        lines.append("")
        let pending = backlog.reduce(0) { $0 + $1.pending }
        if pending == 0 {
            lines.append("Outbox: nothing waits to be sent")
        } else {
            lines.append("Outbox: \(pending) write\(pending == 1 ? "" : "s") wait to be sent (the next sync sends them)")
            for kind in backlog {
                var line = "  \(kind.kind.rawValue): \(kind.pending), queued since \(Self.localTime(kind.oldest))"
                if kind.tried > 0 { line += ", \(kind.tried) tried" }
                lines.append(line)
                if let error = kind.lastError { lines.append("    last error: \(TextTable.clip(error, 110))") }
            }
        }

        lines.append("")
        if failed.isEmpty && held.isEmpty {
            lines.append("Orders: none failed or held" + (skipped > 0 ? " (\(skipped) skipped by hand)" : ""))
        } else {
            lines.append("Orders: \(failed.count) failed, \(held.count) held" + (skipped > 0 ? ", \(skipped) skipped by hand" : ""))
            for issue in (failed + held).prefix(10) {
                lines.append("  \(issue.orderId) \(issue.state.rawValue) since \(Self.localTime(issue.since)), \(issue.tries) tr\(issue.tries == 1 ? "y" : "ies"): \(TextTable.clip(issue.reason, 90))")
            }
            if failed.count + held.count > 10 { lines.append("  … \(failed.count + held.count - 10) more") }
            lines.append("  (firmlink orders list shows them all; firmlink orders skip ID --reason TEXT sets one aside)")
        }
        return lines.joined(separator: "\n")
    }

    /// A cursor as a person reads it: an instant in Unix time also as a date.
    static func describeCursor(_ key: String, _ value: String) -> String {
        if key.hasSuffix("date_confirmed"), let seconds = Double(value) {
            return "\(value) (\(localTime(Date(timeIntervalSince1970: seconds))))"
        }
        if value.hasPrefix("["), let list = try? JSONValue(parsing: Data(value.utf8)).arrayValue {
            return "\(list.count) entr\(list.count == 1 ? "y" : "ies")"
        }
        return TextTable.clip(value, 80)
    }

    /// `14 fetched, 12 documents, 1 failed, 0 held, 24 sent`.
    static func describeSummary(_ summary: JSONValue) -> String {
        func number(_ value: JSONValue?) -> Int64 {
            if case .int(let number)? = value { return number }
            return 0
        }
        let orders = summary["orders"]
        let documents = (orders?["documents"]?.objectValue ?? [:]).values.reduce(0) { $0 + number($1) }
        var parts = [
            "\(number(orders?["fetched"])) fetched", "\(documents) documents",
            "\(orders?["failed"]?.arrayValue?.count ?? 0) failed", "\(orders?["held"]?.arrayValue?.count ?? 0) held",
            "\(number(summary["outbox"]?["sent"])) sent",
        ]
        let pending = number(summary["outbox"]?["pending"])
        if pending > 0 { parts.append("\(pending) left to send") }
        return parts.joined(separator: ", ")
    }

    static func localTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
