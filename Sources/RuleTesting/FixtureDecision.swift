import Sync
import BaseLinkerModels
import Config
import FirminoStore
import Foundation

/// Decides one order on a store made from a fixture, in a file of its own: what `rules test`
/// and `rules explain` run. How the order ended — failed included — is in the report; what is
/// thrown is a problem with the fixture or a store that cannot be made.
func decideOnFixture(
    _ json: JSONValue, fixture: StoreFixture, rules: RuleSet, settings: OrderSettings, storePath: String
) throws -> OrderReport {
    let store = try Store(path: storePath)
    defer { try? store.close() }
    try store.write { tx in try fixture.apply(to: tx) }
    let processor = try OrderProcessor(
        rules: rules, settings: settings, issueDate: BusinessDate(Date(), in: settings.timeZone))
    let order: SyncOrder
    do {
        order = try SyncOrder(Order(json: json))
    } catch {
        let orderId = (try? FieldReader(json, context: "order").int("order_id")).flatMap { $0 } ?? 0
        return OrderReport(orderId: orderId, outcome: .failed(.of(error, orderId: orderId)), decisions: OrderDecisions())
    }
    return processor.report(order, store: store)
}

extension OrderSettings {
    /// The settings of `rules test` and `rules explain`, which run without BaseLinker: statuses
    /// must be ids (a name cannot be looked up; `file` is where it was written), and
    /// `status_after` / `status_failed` are left out, since nothing is sent.
    static func offline(_ orders: Configuration.Orders, timeZone: TimeZone, file: String) throws -> OrderSettings {
        var orders = orders
        (orders.statusAfter, orders.statusFailed) = (nil, nil)
        return try OrderSettings(orders, timeZone: timeZone) { reference, key in
            guard case .id(let id) = reference else {
                throw RuleFileError(
                    file: file, line: nil,
                    message: "\(key): the rules commands run offline and cannot look up \(reference); name statuses by id")
            }
            return id
        }
    }
}
