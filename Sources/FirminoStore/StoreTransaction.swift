import GRDB

/// One all-or-nothing write, given by ``Store/write(_:)``: everything done through it commits
/// together or not at all. It reads like a ``StoreReader`` and sees its own writes.
///
/// ```swift
/// let inserted = try store.write { tx in
///     let buyer = try tx.insertContractor(ContractorFields(name: "Zażółć sp. z o.o."))
///     let mug = try tx.insertProduct(ProductFields(name: "Kubek 300 ml", grossPrice: Money(minorUnits: 2999)))
///     let result = try tx.insertDocument(DocumentDraft(...))   // number, totals, lines, stock
///     try tx.enqueueOutbox(kind: .attachInvoice, payload: ..., documentId: result.document.id)
///     return result
/// }
/// ```
///
/// Its writes are grouped by table, one file each: `StoreTransaction+Products.swift`,
/// `+Contractors`, `+Warehouses`, `+Documents`, `+Stock`, `+Outbox` and `+SyncState`.
public final class StoreTransaction: StoreReader {
    /// Runs `body` in a savepoint: when it throws, what it wrote is undone and the error
    /// rethrown, while the enclosing transaction goes on. A dry run decides every order inside
    /// one transaction this way, each order in its own savepoint.
    ///
    /// A sync runs one per order, so its three statements are kept like the others (GRDB's
    /// `inSavepoint` compiles them anew on every call). Savepoints nest.
    public func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        try db.cachedStatement(sql: "SAVEPOINT firmlink").execute()
        let result: T
        do {
            result = try body()
        } catch {
            try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT firmlink").execute()
            try db.cachedStatement(sql: "RELEASE SAVEPOINT firmlink").execute()
            throw error
        }
        try db.cachedStatement(sql: "RELEASE SAVEPOINT firmlink").execute()
        return result
    }

    /// Refuses an explicit id that is not positive or already taken in `table`.
    func checkFree(_ id: Int64?, table: StaticString, what: String) throws {
        guard let id else { return }
        guard id > 0 else { throw StoreError.invalid("a \(what) id must be positive, not \(id)") }
        if try exists(table, id: id) {
            throw StoreError.invalid("a \(what) with id \(id) already exists")
        }
    }
}
