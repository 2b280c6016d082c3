/// What a running sync tells whoever watches it, as it goes: the phases of the orders module
/// and how far each got, and the waits BaseLinker's request limit imposes. The command line
/// renders it (a live line on a terminal); the sync itself prints nothing.
///
/// Events arrive on whatever task the sync runs on, in order; a receiver must be quick and
/// must not call back into the sync.
public enum SyncProgress: Sendable, Equatable {
    /// A phase began; `total` when known beforehand (orders to decide, writes to send).
    case began(Phase, total: Int?)
    /// `done` items of the phase are through.
    case advanced(Phase, done: Int)
    /// The phase ended after `done` items.
    case ended(Phase, done: Int)
    /// The sync waits this long before its next request.
    case waiting(Wait, Duration)

    public enum Phase: String, Sendable, CaseIterable {
        /// Orders read from BaseLinker.
        case reading
        /// Orders decided and written, one store transaction each.
        case deciding
        /// Outbox rows sent to BaseLinker (invoices, files, statuses).
        case sending
    }

    public enum Wait: String, Sendable {
        /// The configured requests per minute are used up.
        case requestLimit
        /// BaseLinker blocked the token for too many requests.
        case blockedToken
    }
}
