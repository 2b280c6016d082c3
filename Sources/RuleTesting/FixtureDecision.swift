import Sync
import BaseLinkerModels
import Config
import FirminoStore
import Foundation

/// Decides one order on a store made from a fixture, in a file of its own: what `rules test`
/// runs. How the order ended — failed included — is in the report; what is thrown is a problem
/// with the fixture or a store that cannot be made.
func decideOnFixture(
    _ json: JSONValue, fixture: StoreFixture, rules: RuleSet, settings: OrderSettings, storePath: String
) throws -> OrderReport {
    let store = try Store(path: storePath)
    defer { try? store.close() }
    try store.write { tx in try fixture.apply(to: tx) }
    return try decide(json, on: store, rules: rules, settings: settings)
}

/// Decides one order (a `getOrders` order object) against `store`, writing what it decides
/// there: the store must be a scratch one. `statusNames` give `order.status`.
func decide(
    _ json: JSONValue, on store: Store, rules: RuleSet, settings: OrderSettings, statusNames: [Int: String] = [:]
) throws -> OrderReport {
    let processor = try OrderProcessor(
        rules: rules, settings: settings, issueDate: BusinessDate(Date(), in: settings.timeZone))
    let order: SyncOrder
    do {
        order = try SyncOrder(Order(json: json), statusNames: statusNames)
    } catch {
        let orderId = (try? FieldReader(json, context: "order").int("order_id")).flatMap { $0 } ?? 0
        return OrderReport(orderId: orderId, outcome: .failed(.of(error, orderId: orderId)), decisions: OrderDecisions())
    }
    return try store.write { tx in processor.report(order, in: tx) }
}

/// What `match_baselinker_product` answers for an inventory product (its fields as a rule case
/// writes them) on a store made from a fixture: a store product id, nil (a new card), or how
/// the hook failed.
func matchBaseLinkerProduct(
    _ json: JSONValue, fixture: StoreFixture, rules: RuleSet, storePath: String
) throws -> Result<Int64?, OrderFailure> {
    let store = try Store(path: storePath)
    defer { try? store.close() }
    try store.write { tx in try fixture.apply(to: tx) }
    return try store.read { reader in
        Result { () throws(OrderFailure) in try rules.matchBaseLinkerProduct(json, reading: reader) }
    }
}

extension OrderSettings {
    /// The settings of `rules test` and `rules explain`, which run without BaseLinker: a status
    /// named rather than numbered is looked up in `known` — the account's statuses a sync kept
    /// in the store — and is an error without them (`file` is where it was written);
    /// `status_after` / `status_failed` are left out, since nothing is sent.
    static func offline(
        _ orders: Configuration.Orders, timeZone: TimeZone, file: String, known: [Int: String] = [:]
    ) throws -> OrderSettings {
        var orders = orders
        (orders.statusAfter, orders.statusFailed) = (nil, nil)
        return try OrderSettings(orders, timeZone: timeZone) { reference, key in
            switch reference {
            case .id(let id):
                return id
            case .name(let name):
                let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
                if let id = known.first(where: { $0.value.trimmingCharacters(in: .whitespaces).lowercased() == wanted })?.key {
                    return id
                }
                let reason = known.isEmpty
                    ? "the rules commands run offline and know no status names here; name statuses by id, or give a configuration whose store a sync has filled"
                    : "the account's statuses kept in the store have no \(reference)"
                throw RuleFileError(file: file, line: nil, message: "\(key): \(reason)")
            }
        }
    }
}
