import BaseLinker
import BaseLinkerModels
import Foundation

/// What `firmlink init` learns from the seller's BaseLinker account: that the token works,
/// the order statuses to choose from and the warehouses to map. One `getOrderStatusList` and
/// one `getInventoryWarehouses` call.
struct InitAccount {
    var statuses: [OrderStatus]
    /// BaseLinker's own warehouses (`bl_<id>`), the ones that take stock.
    var warehouses: [InventoryWarehouse]

    /// Why the account could not be read, as a person reads it (never with the token).
    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// BaseLinker answered and refused the token: asking for another one may help.
        var badToken: Bool
    }

    /// Reads the account at `url` with `token`; fails fast (two tries, short timeouts) so that
    /// a mistyped address is said at once.
    static func read(url: URL, token: String, requestsPerMinute: Int) async throws(Failure) -> InitAccount {
        var configuration = BaseLinkerConfiguration(url: url, token: token, requestsPerMinute: requestsPerMinute)
        configuration.connectTimeout = .seconds(10)
        configuration.requestTimeout = .seconds(30)
        configuration.retry = RetryPolicy(maxAttempts: 2, maxTotalTime: .seconds(10))
        let client = BaseLinkerClient(configuration: configuration)
        let result: Result<InitAccount, Failure>
        do {
            let statuses = try await client.getOrderStatusList()
            let warehouses = try await client.getInventoryWarehouses().filter { $0.type == "bl" }
            result = .success(InitAccount(statuses: statuses, warehouses: warehouses))
        } catch let error as BaseLinkerError {
            let refused: Set<BaseLinkerErrorCode> = [.badToken, .authToken, .emptyToken, .userAccountBlocked]
            if let code = error.code, refused.contains(code) {
                result = .failure(Failure(
                    description: "BaseLinker did not accept the token (\(code.rawValue): \(error.message))", badToken: true))
            } else {
                result = .failure(Failure(description: "cannot read the account at \(url.absoluteString): \(error)", badToken: false))
            }
        } catch {
            result = .failure(Failure(description: "cannot read the account at \(url.absoluteString): \(error)", badToken: false))
        }
        try? await client.shutdown()
        return try result.get()
    }

    /// The status an answer names: its id, or its name (letter case aside).
    func status(_ answer: String) -> OrderStatus? {
        let text = answer.trimmingCharacters(in: .whitespaces)
        if let id = Int(text), let status = statuses.first(where: { $0.id == id }) { return status }
        return statuses.first { $0.name.compare(text, options: [.caseInsensitive]) == .orderedSame }
    }

    /// The account's statuses, one a line, for a message.
    var statusList: String {
        statuses.map { "\($0.id) \($0.name)" }.joined(separator: ", ")
    }

    /// The account's warehouses, for a message.
    var warehouseList: String {
        warehouses.map { "\($0.key) \($0.name)" }.joined(separator: ", ")
    }
}
