package import BaseLinkerModels
package import Config
package import FirminoStore
import Foundation

/// Turns the statuses of `[orders]` — ids or names — into ids, with the account's names for
/// the `order.status` field. A name BaseLinker does not know is a configuration error that
/// names the file, the line and the key, and lists the names BaseLinker does know.
package struct StatusResolver {
    /// Where a sync keeps the account's statuses, so that the offline rule commands can read
    /// the names a configuration uses from a copy of the store.
    package static let storeKey = "baselinker.order_statuses"

    package let names: [Int: String]
    private let ids: [String: Int]
    let configuration: Configuration

    package init(statuses: [OrderStatus], configuration: Configuration) {
        names = Dictionary(statuses.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        ids = Dictionary(
            statuses.map { (Self.key($0.name), $0.id) }, uniquingKeysWith: { first, _ in first })
        self.configuration = configuration
    }

    package func resolve(_ reference: Configuration.StatusReference, key: String) throws -> Int {
        switch reference {
        case .id(let id):
            guard names.isEmpty || names[id] != nil else {
                throw configuration.error(key: key, "BaseLinker has no order status \(id) (its statuses: \(known))")
            }
            return id
        case .name(let name):
            guard let id = ids[Self.key(name)] else {
                throw configuration.error(
                    key: key, "BaseLinker has no order status named \"\(name)\" (its statuses: \(known))")
            }
            return id
        }
    }

    /// The error for a configuration that selects no status: the seller must choose, from the
    /// account's own statuses, or say "all" on purpose.
    func chooseStatuses() -> ConfigurationError {
        configuration.error(
            key: "orders.statuses",
            "choose the order statuses a sync takes, by id or name, such as statuses = [1001, \"Do wysłania\"]; "
                + "statuses = \"all\" takes every status, cancelled and unpaid orders included. "
                + "BaseLinker's statuses: \(known)")
    }

    private var known: String {
        names.sorted { $0.key < $1.key }.map { "\($0.key) \"\($0.value)\"" }.joined(separator: ", ")
    }

    /// Names compare trimmed and case-insensitively.
    private static func key(_ name: String) -> String {
        name.trimmingSpaces.lowercased()
    }
}

extension StatusResolver {
    /// Keeps the account's statuses in the store (`[{"id", "name"}]`).
    func save(in tx: StoreTransaction) throws {
        let list = names.sorted { $0.key < $1.key }.map { ["id": $0.key as Any, "name": $0.value] }
        let json = try JSONSerialization.data(withJSONObject: list, options: [.sortedKeys])
        try tx.setCursor(Self.storeKey, to: String(decoding: json, as: UTF8.self))
    }

    /// The statuses a sync kept in the store; nil when none did.
    package static func saved(in reader: StoreReader) throws -> [OrderStatus]? {
        guard let text = try reader.cursor(storeKey),
              let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        else { return nil }
        return list.compactMap { item in
            guard let id = item["id"] as? Int, let name = item["name"] as? String else { return nil }
            return OrderStatus(id: id, name: name)
        }
    }
}
