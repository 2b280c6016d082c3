import Foundation

/// Crash switches for the crash tests: `FIRMLINK_FAULT=<point>[:<n>]` ends the process at once
/// (as `kill -9` would: no clean-up, no flush) the n-th time (default: the first) the named
/// point is reached. Unset, a point costs one comparison.
enum FaultPoint: String, CaseIterable {
    /// An order's rows are written; its transaction has not committed.
    case orderWritten = "order-written"
    /// An order's transaction committed.
    case orderCommitted = "order-committed"
    /// The batch is durable; nothing has been sent.
    case batchDurable = "batch-durable"
    /// `addInvoice` answered; its id is not saved.
    case invoiceAdded = "invoice-added"
    /// The invoice id is saved; the file is not sent.
    case invoiceSaved = "invoice-saved"
    /// `addOrderInvoiceFile` answered; the outbox row is not marked done.
    case fileAttached = "file-attached"
    /// `setOrderStatus(es)` answered; the rows are not marked done.
    case statusSet = "status-set"

    private static let armed: (point: String, count: Int)? = {
        guard let spec = ProcessInfo.processInfo.environment["FIRMLINK_FAULT"], !spec.isEmpty else { return nil }
        let parts = spec.split(separator: ":")
        return (String(parts[0]), parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }()

    nonisolated(unsafe) private static var hits = 0

    /// Ends the process here when this point is armed and its count is reached.
    func reach() {
        guard let armed = Self.armed, armed.point == rawValue else { return }
        Self.hits += 1
        if Self.hits >= armed.count {
            FileHandle.standardError.write(Data("firmlink: fault point \(rawValue) reached; stopping\n".utf8))
            _exit(86)
        }
    }
}
