public import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a store is opened.
public struct StoreOptions: Sendable {
    /// How document numbers are spelled.
    public var numbering: NumberingFormats
    /// How long a write waits for another connection's write to finish, in seconds. This is
    /// SQLite's own short wait between two writers; a second *sync* is refused at once by
    /// ``Store/lockForWriting()`` instead.
    public var busyTimeout: Double
    /// The time stamped on created rows (`created_at`, `done_at`, `sent_at`): injectable for tests.
    public var clock: @Sendable () -> Date

    public init(
        numbering: NumberingFormats = .default, busyTimeout: Double = 10,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.numbering = numbering
        self.busyTimeout = busyTimeout
        self.clock = clock
    }
}

/// The invoicing and warehouse store: one SQLite file in WAL mode (`synchronous=NORMAL`),
/// migrated forward when opened.
///
/// Reads run in ``read(_:)``, writes in ``write(_:)`` — one all-or-nothing transaction per call,
/// in which a ``StoreTransaction`` can create contractors, products, a numbered document with
/// its lines, stock movements and outbox rows. Before anything stemming from committed
/// transactions is sent elsewhere, ``makeDurable()`` forces them onto disk. A process that
/// syncs holds ``lockForWriting()`` so that a second one is refused.
public final class Store: Sendable {
    /// The database file.
    public let path: String
    public let options: StoreOptions
    let pool: DatabasePool

    /// Opens the store at `path`, creating the file when missing and migrating it forward.
    ///
    /// A new store is created private (mode 0600, and so its journal): it holds customer data.
    /// Opening holds an exclusive lock on the store's lock file while the schema is checked and
    /// migrated, so two processes opening a new or older store at once do not both migrate it,
    /// and a reader waits for a store another process is still creating.
    ///
    /// Throws ``StoreError`` with code `.notADatabase` when the file is something else,
    /// `.cannotOpen` when it cannot be opened or created, `.newerSchema` when a newer Firmlink
    /// wrote it, `.invalidNumberingFormat` for unusable ``StoreOptions/numbering``.
    public init(path: String, options: StoreOptions = StoreOptions()) throws {
        try options.numbering.validate()
        self.path = path
        self.options = options
        let opening = try OpeningLock(path: path)
        defer { opening.release() }
        var configuration = Configuration()
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "FirminoStore"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Each order is written in a savepoint of its own. Its undo record (the statement
            // journal) is a temporary file that SQLite empties after each savepoint only while
            // it is in memory; once spilled to disk, every page an order touched was written out
            // again for the rest of the transaction: a third of the store's time.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError.opening(path: path, error)
        }
        do {
            try StoreSchema.migrate(pool, path: path)
        } catch let error as DatabaseError {
            try? pool.close()
            throw StoreError.opening(path: path, error)
        } catch {
            try? pool.close()
            throw error
        }
    }

    /// Runs `body` on a consistent snapshot. Do not keep the reader past the closure.
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try mappingErrors {
            try pool.read { db in try body(StoreReader(db, context)) }
        }
    }

    /// Runs `body` in one write transaction: committed when it returns, rolled back entirely
    /// (numbers, stock, rows) when it throws. Do not keep the transaction past the closure, and
    /// do not call ``read(_:)`` or ``write(_:)`` from inside it: read through the transaction.
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try mappingErrors {
            try pool.write { db in try body(StoreTransaction(db, context)) }
        }
    }

    /// Forces every committed transaction onto disk: a full WAL checkpoint, which syncs the
    /// log and then the database file. Call it once per batch before sending anything that
    /// stems from those transactions.
    public func makeDurable() throws {
        try mappingErrors {
            try pool.writeWithoutTransaction { db in
                let complete: Bool
                do {
                    let result = try db.checkpoint(.full)
                    complete = result.checkpointedFrameCount >= result.walFrameCount
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                    complete = false
                }
                if !complete {
                    // A reader kept the checkpoint from finishing: a commit at
                    // synchronous=FULL syncs the whole log instead.
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                    defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
                    try db.inTransaction {
                        try db.execute(
                            sql: "INSERT OR REPLACE INTO store_meta (key, value) VALUES ('durable_at', ?)",
                            arguments: [context.now()])
                        return .commit
                    }
                }
            }
        }
    }

    /// Takes the store's writer lock: an exclusive `flock` on `<path>.lock`, never waited for.
    /// Throws ``StoreError`` with code `.busy` at once when another handle or process holds
    /// it. The lock lasts until ``StoreWriterLock/release()``, the lock's deinit, or the death
    /// of the process.
    public func lockForWriting() throws -> StoreWriterLock {
        try Self.lockForWriting(path: path)
    }

    /// Takes the writer lock of the store at `path` before the store is opened, so that a
    /// second sync is refused before it migrates or touches the file at all. The folder must
    /// exist; ``StoreError`` `.cannotOpen` says so otherwise.
    public static func lockForWriting(path: String) throws -> StoreWriterLock {
        try StoreWriterLock(storePath: path)
    }

    /// Copies the store at `source`, as it stands, to a new file at `destination` (SQLite's
    /// online backup), opening the source read-only: whoever must decide against the real store
    /// without touching it — `rules explain` — works on the copy. The copy is migrated when it
    /// is opened; the source never is.
    public static func copy(of source: String, to destination: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let original = try DatabaseQueue(path: source, configuration: configuration)
            defer { try? original.close() }
            let copy = try DatabaseQueue(path: destination)
            defer { try? copy.close() }
            try original.backup(to: copy)
        } catch let error as DatabaseError {
            throw StoreError.opening(path: source, error)
        }
    }

    /// Closes the database connections. Later calls throw.
    public func close() throws {
        try mappingErrors { try pool.close() }
    }

    var context: StoreContext { StoreContext(path: path, options: options) }

    func mappingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError.database(path: path, error)
        } catch let error as RowDecodingError {
            throw StoreError.unreadable(path: path, error)
        }
    }
}

/// The lock held while a store is opened and migrated: an exclusive lock on the store's lock
/// file (`<real path>.lock`), waited for.
///
/// It must not be taken on the database file itself. SQLite locks the database with POSIX
/// `fcntl` locks, and closing *any* descriptor of a file drops all of the process's `fcntl`
/// locks on it: a descriptor opened here and closed after the pool had connected would leave
/// the pool's connections unlocked, so another process could checkpoint or rewrite the file
/// under them. On Linux the lock is an open-file-description lock, which is independent of
/// the writer lock's `flock` on the same file, so a sync holding the writer lock can still open
/// the store, and a reader waits only while another process opens it, not while it syncs.
private struct OpeningLock {
    let descriptor: Int32

    init(path: String) throws {
        let lockPath = StoreWriterLock.realPath(of: path) + ".lock"
        descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw StoreError(
                .cannotOpen, "cannot open the store's lock file \(lockPath): \(reason) (does the folder exist and is it writable?)")
        }
        while !Self.lock(descriptor, type: F_WRLCK) {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw StoreError(.cannotOpen, "cannot lock the store \(path) to open it: \(reason)")
            }
        }
        // A new store file is made here so that it is private from the start; SQLite gives its
        // journal files the same mode. Only a file that did not exist is opened (and closed)
        // outside SQLite: no connection of this process can hold a lock on it yet.
        let created = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if created >= 0 { close(created) }
    }

    func release() {
        _ = Self.lock(descriptor, type: F_UNLCK)
        close(descriptor)
    }

    /// Locks (or unlocks) the whole file, waiting for the lock.
    private static func lock(_ descriptor: Int32, type: Int32) -> Bool {
        var lock = flock()
        lock.l_type = Int16(type)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        return fcntl(descriptor, Self.setLockWait, &lock) == 0
    }

    #if os(Linux)
    /// `F_OFD_SETLKW`, which the C headers define only under `_GNU_SOURCE`: the same number on
    /// every Linux architecture.
    private static let setLockWait: Int32 = 38
    #else
    private static let setLockWait = F_SETLKW
    #endif
}

/// What a reader or transaction needs to know about its store.
struct StoreContext: Sendable {
    let path: String
    let options: StoreOptions
    func now() -> Date { options.clock() }
}

extension StoreError {
    static func opening(path: String, _ error: DatabaseError) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return StoreError(.notADatabase, "\(path) is not a Firmlink store: the file is not an SQLite database")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return StoreError(
                .cannotOpen,
                "cannot open the store \(path): \(error.message ?? "\(error.resultCode)") (does the folder exist and is it writable?)")
        default:
            return StoreError(.database, "cannot open the store \(path): \(error.message ?? "\(error.resultCode)")")
        }
    }

    static func database(path: String, _ error: DatabaseError) -> StoreError {
        if error.resultCode == .SQLITE_BUSY {
            return StoreError(.database, "the store \(path) stayed locked by another connection: \(error.message ?? "busy")")
        }
        return StoreError(.database, "store \(path): \(error.message ?? "\(error.resultCode)")")
    }

    /// A row whose value no record type can hold: an unknown VAT rate or document type, a
    /// malformed date. GRDB's message names the value, the column and the row.
    static func unreadable(path: String, _ error: RowDecodingError) -> StoreError {
        StoreError(.database, "the store \(path) holds a value Firmlink cannot read: \(error)")
    }
}
