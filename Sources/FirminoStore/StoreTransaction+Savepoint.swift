import GRDB

extension StoreTransaction {
    /// Runs `body` in a savepoint: when it throws, what it wrote is undone and the error
    /// rethrown, while the enclosing transaction goes on. A dry run decides every order inside
    /// one transaction this way, each order in its own savepoint.
    public func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }

    /// Counts a try of an outbox row before anything is sent for it, so that after a crash
    /// or a lost answer the row shows it may already have reached BaseLinker.
    public func beginOutboxAttempt(id: Int64) throws {
        try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1 WHERE id = ?", arguments: [id])
        guard db.changesCount == 1 else { throw StoreError.notFound("outbox row", id: id) }
    }
}
