import BaseLinker
import FirminoStore
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
