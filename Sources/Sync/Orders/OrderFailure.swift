import BaseLinkerModels
import FirminoStore
import LuaHost

/// Why an order could not be issued, or why what it queued could not be sent: what kind of
/// problem, which order, and where in the rules when a rule is the cause.
///
/// ``description`` is what a person reads beside the order id: `rules.lua:12: message` when
/// the failure has a place in a script, the message alone otherwise.
public struct OrderFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. A struct around a private enum so that kinds can be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case orderData = "order_data", script, hookAnswer = "hook_answer", lookUp = "look_up", store, outbox
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// The name `sync --json` gives the kind (`hook_answer`).
        public var description: String { value.rawValue }

        /// The order as BaseLinker sent it cannot be issued (no lines, an amount that is not one).
        public static let orderData = Kind(.orderData)
        /// A hook raised an error or ran past one of its limits.
        public static let script = Kind(.script)
        /// A hook answered something of the wrong shape, or an id the store does not have.
        public static let hookAnswer = Kind(.hookAnswer)
        /// A `ctx.store` look-up was called wrongly, and the hook did not catch it.
        public static let lookUp = Kind(.lookUp)
        /// The store refused what was decided.
        public static let store = Kind(.store)
        /// A BaseLinker write queued for the order could not be sent.
        public static let outbox = Kind(.outbox)
    }

    public var kind: Kind
    /// The BaseLinker order, when the failure belongs to one.
    public var orderId: Int?
    /// `file:line` (or `file`) in the rules, when a rule is the cause.
    public var location: String?
    public var message: String

    public init(_ kind: Kind, orderId: Int? = nil, location: String? = nil, _ message: String) {
        self.kind = kind
        self.orderId = orderId
        self.location = location
        self.message = message
    }

    public var description: String {
        location.map { "\($0): \(message)" } ?? message
    }
}

extension OrderFailure {
    /// A hook that failed in Lua: its `file:line` comes from the script error.
    init(_ error: ScriptError, orderId: Int?, kind: Kind = .script) {
        self.init(kind, orderId: orderId, location: error.location, error.message)
    }

    /// Whatever a step of an order threw, as a failure of that order: a failure keeps its
    /// kind, a script error becomes `.script`, a store error `.store`, an order BaseLinker sent
    /// that cannot be read `.orderData`.
    package static func of(_ error: any Error, orderId: Int) -> OrderFailure {
        switch error {
        case var failure as OrderFailure:
            failure.orderId = failure.orderId ?? orderId
            return failure
        case let error as ScriptError:
            return OrderFailure(error, orderId: orderId)
        case let error as StoreError:
            return OrderFailure(.store, orderId: orderId, error.message)
        case let error as BaseLinkerError:
            return OrderFailure(.orderData, orderId: orderId, error.message)
        default:
            return OrderFailure(.store, orderId: orderId, "\(error)")
        }
    }
}
