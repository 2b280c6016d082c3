import ArgumentParser
import FirminoStore
import Foundation

extension Firmlink {
    /// `firmlink orders list|skip|retry`: the orders a sync could not issue, held, or was told
    /// to skip.
    struct Orders: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The orders set aside: failed, held or skipped; skip one for good, or retry it.",
            subcommands: [List.self, Skip.self, Retry.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the orders that failed, are held, or were skipped: why, since when, how many tries.")

            @OptionGroup var configOptions: ConfigOptions
            @OptionGroup var output: OutputOptions

            @Flag(help: "Only the orders that failed.")
            var failed = false

            @Flag(help: "Only the orders held for review.")
            var held = false

            func validate() throws {
                if failed && held { throw ValidationError("--failed and --held exclude each other; give one or neither.") }
            }

            func run() throws {
                let store = try StoreAccess.open(try configOptions.load())
                let state: OrderIssue.State? = failed ? .failed : held ? .held : nil
                let issues = try StoreAccess.failing { try store.read { try $0.orderIssues(state: state) } }
                if output.json { return try StoreAccess.printJSON(issues.map(Listings.OrderIssue.init)) }
                guard !issues.isEmpty else {
                    return print(state.map { "No order is \($0.rawValue)." } ?? "No order is set aside.")
                }
                var table = TextTable(header: ["ORDER", "STATE", "SINCE", "TRIES", "REASON"], rightAligned: [0, 3])
                for issue in issues {
                    table.rows.append([
                        "\(issue.orderId)", issue.state.rawValue, issue.since.formatted(.iso8601), "\(issue.tries)",
                        TextTable.clip(issue.reason, 90),
                    ])
                }
                print(table.text)
            }
        }

        struct Skip: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Never take an order again; it is counted apart in the summary and no longer holds the cursor.")

            @OptionGroup var configOptions: ConfigOptions

            @Argument(help: "The BaseLinker order id.")
            var id: Int64

            @Option(help: "Why (shown by orders list and in the summary).")
            var reason: String

            func validate() throws {
                guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ValidationError("--reason must say why the order is skipped.")
                }
            }

            func run() throws {
                let store = try StoreAccess.open(try configOptions.load())
                let documented = try StoreAccess.failing { try store.read { try $0.document(forBaseLinkerOrder: id) } }
                if let documented {
                    throw CommandFailure("order \(id) already has document \(documented.number); there is nothing to skip", status: .usage)
                }
                try StoreAccess.failing { try store.write { try $0.skipOrder(orderId: id, reason: reason) } }
                print("Order \(id) is skipped: no sync takes it again (firmlink orders retry \(id) undoes this).")
            }
        }

        struct Retry: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Take an order again on the next sync, even a skipped one or one the cursor has passed.")

            @OptionGroup var configOptions: ConfigOptions

            @Argument(help: "The BaseLinker order id.")
            var id: Int64

            func run() throws {
                let store = try StoreAccess.open(try configOptions.load())
                try StoreAccess.failing { try store.write { try $0.retryOrder(orderId: id) } }
                print("Order \(id) will be read again by the next sync.")
            }
        }
    }
}
