import BaseLinker
import FirminoStore
import Config
import Foundation

/// Decides one order on a store made from a fixture, in a file of its own: what `rules test`
/// and `rules explain` run. A failure of the order is in the report, not thrown; what is
/// thrown is a problem with the fixture or the order's data.
func decideOnFixture(
    _ json: JSONValue, fixture: StoreFixture, rules: RuleSet, settings: OrderSettings, storePath: String
) throws -> OrderReport {
    let store = try Store(path: storePath)
    defer { try? store.close() }
    try store.write { tx in try fixture.apply(to: tx) }
    let order = try SyncOrder(Order(json: json))
    let processor = try OrderProcessor(
        rules: rules, settings: settings, issueDate: BusinessDate(Date(), in: settings.timeZone))
    var report = OrderReport(orderId: order.id)
    do {
        try store.write { tx in try processor.process(order, in: tx, report: &report) }
    } catch {
        report.failure = "\(error)"
    }
    return report
}

extension OrderSettings {
    /// The settings of `rules test` and `rules explain`, which run without BaseLinker: statuses
    /// must be ids (a name cannot be looked up; `file` is where it was written), and
    /// `status_after` / `status_failed` are left out, since nothing is sent.
    static func offline(_ orders: Configuration.Orders, timeZone: TimeZone, file: String) throws -> OrderSettings {
        var orders = orders
        (orders.statusAfter, orders.statusFailed) = (nil, nil)
        return try OrderSettings(orders, timeZone: timeZone) { reference in
            guard case .id(let id) = reference else {
                throw RuleFileError(
                    file: file, line: nil,
                    message: "orders.statuses: the rules commands run offline and cannot look up \(reference); name statuses by id")
            }
            return id
        }
    }
}
