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
}
