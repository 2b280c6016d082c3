import BaseLinkerModels
import FirminoStore
import Foundation
import LuaHost

/// The `store` table of a migration: reads shaped like the listings of the command line
/// (docs/json.md; `null` is nil, money a decimal string) and writes with the store's field names,
/// all through the run's one transaction. Each write runs in a savepoint: one the store refuses
/// raises a Lua error and leaves nothing half-done, so a script may `pcall` it and go on.
final class MigrationStore {
    let tx: StoreTransaction
    let log: MigrationLog

    init(tx: StoreTransaction, log: MigrationLog) {
        self.tx = tx
        self.log = log
    }

    func table(_ runtime: LuaRuntime) -> LuaValue {
        var table = LuaTable()
        func define(_ name: String, _ body: @escaping ([LuaValue]) throws -> LuaValue) {
            table[name] = .reference(runtime.function(named: "store.\(name)") { arguments in
                do {
                    return [try body(arguments)]
                } catch let error as StoreError {
                    throw MigrationError(error.message)
                }
            })
        }
        define("products") { [tx] _ in try Self.listing(try tx.products().map(Listings.Product.init)) }
        define("product") { [tx] arguments in
            try tx.product(id: try Self.id(arguments, 0, "a product id")).map { try Self.listing(Listings.Product($0)) } ?? .nil
        }
        define("contractors") { [tx] _ in .table(LuaTable(array: try tx.contractors().map(HookContext.table))) }
        define("contractor") { [tx] arguments in
            try tx.contractor(id: try Self.id(arguments, 0, "a contractor id")).map(HookContext.table) ?? .nil
        }
        define("warehouses") { [tx] _ in try Self.listing(try tx.warehouses().map(Listings.Warehouse.init)) }
        define("documents") { [tx] arguments in
            try Self.listing(try Self.documents(tx, filter: arguments.argument(0)).map(Listings.Document.init))
        }
        define("stock") { [tx] _ in try Self.listing(try tx.stockLevels().map(Listings.Stock.init)) }
        for (name, write) in writes() {
            define(name) { [tx] arguments in try tx.inSavepoint { try write(arguments) } }
        }
        return .table(table)
    }

    /// The rows of a listing as Lua tables, exactly as `--json` prints them.
    static func listing(_ value: some Encodable) throws -> LuaValue {
        OrderTable.json(try JSONValue(parsing: Listings.json(value)))
    }

    /// `documents{from = "2026-11-01", to = "2026-11-30", type = "invoice"}`: issue dates from
    /// and to (both included), one type; every key optional.
    static func documents(_ tx: StoreTransaction, filter: LuaValue) throws -> [Document] {
        if filter.isNil { return try tx.documents() }
        let fields = try MigrationFields(filter, allowed: ["from", "to", "type"])
        func date(_ key: String) throws -> BusinessDate? {
            guard let text = try fields.text(key) else { return nil }
            guard let date = BusinessDate(text) else {
                throw MigrationError("\(key) must be a date such as \"2026-11-01\", not \"\(text)\"")
            }
            return date
        }
        let (from, to) = (try date("from"), try date("to"))
        var type: DocumentType?
        if let name = try fields.text("type") {
            guard let known = DocumentType(rawValue: name) else {
                throw MigrationError(
                    "type must be one of \(DocumentType.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(name)\"")
            }
            type = known
        }
        return try tx.documents(type: type).filter { document in
            (from.map { document.issueDate >= $0 } ?? true) && (to.map { document.issueDate <= $0 } ?? true)
        }
    }

    /// Argument `position` (0-based) as an id.
    static func id(_ arguments: [LuaValue], _ position: Int, _ what: String) throws -> Int64 {
        let value = arguments.argument(position)
        guard let id = MigrationFields.id(value) else {
            throw MigrationError("expects \(what) as argument #\(position + 1), got \(RuleSet.describe(value))")
        }
        return id
    }
}

/// What a migration run records as it goes, on the script's thread.
final class MigrationLog {
    var changes = MigrationChanges()
}
