import FirminoStore
import LuaHost

/// The `ctx` every hook receives: `ctx.config`, read-only `ctx.store` look-ups, `ctx.util`
/// and `ctx.log`, built once per run and passed by reference; `ctx.warehouse` is added for
/// `document_type`.
///
/// Store look-ups read through whatever ``reader`` is set — the transaction of the order being
/// decided, so a hook sees the products and contractors made earlier in the same run.
final class HookContext {
    /// What the look-ups read and `ctx.log` writes, shared with the host functions.
    private final class State {
        var reader: StoreReader?
        var trace: [String] = []
        /// The last look-up called wrongly, raised into the script as a Lua error.
        var lookUpFailure: OrderFailure?
        /// Characters `ctx.log` kept for the current order, against ``HookContext/logBudget``.
        var logged = 0
        /// Whether the order's log was cut short (said once, in the trace).
        var logCut = false
    }

    /// The most `ctx.log` may keep for one order, and for one line: a hook that logs in a
    /// loop must not hold the process's memory (the lines live outside the Lua state, whose
    /// cap does not see them). What passes is left out, and the trace says so once.
    static let logBudget = 64 * 1024
    static let logLineLimit = 2_000

    private let state = State()
    private let config: LuaReference
    private let store: LuaReference
    private let util: LuaReference
    private let log: LuaReference

    /// `config` is `ctx.config`: the orders settings for the order hooks, the products settings
    /// for `match_baselinker_product`.
    init(runtime: LuaRuntime, config value: LuaValue) throws {
        let state = state
        config = try runtime.retain(value)
        util = try runtime.retain(.table(Self.utilities(runtime)))
        store = try runtime.retain(.table(Self.lookUps(runtime, state)))
        log = runtime.function(named: "ctx.log") { arguments in
            Self.log(arguments, into: state)
            return []
        }
    }

    convenience init(runtime: LuaRuntime, settings: OrderSettings) throws {
        try self.init(runtime: runtime, config: settings.luaValue)
    }

    /// The store the look-ups read; set around each order's decisions.
    /// Setting it starts a new order: its `ctx.log` budget is whole again.
    var reader: StoreReader? {
        get { state.reader }
        set {
            state.reader = newValue
            state.logged = 0
            state.logCut = false
        }
    }

    /// One `ctx.log` call: its values tab-separated, each line cut at ``logLineLimit`` with a
    /// mark, all of the order's lines together kept within ``logBudget``.
    private static func log(_ arguments: [LuaValue], into state: State) {
        guard !state.logCut else { return }
        var line = arguments.map { text($0, limit: logLineLimit) }.joined(separator: "\t")
        if line.count > logLineLimit { line = String(line.prefix(logLineLimit - 1)) + "…" }
        guard state.logged + line.count <= logBudget else {
            state.logCut = true
            state.trace.append("… ctx.log passed \(logBudget / 1024) KiB for this order; the rest is left out")
            return
        }
        state.logged += line.count
        state.trace.append(line)
    }

    /// The `ctx` table; `warehouse` is the store warehouse of the order's first line.
    func value(warehouse: Warehouse? = nil) -> LuaValue {
        var table = LuaTable()
        table["config"] = .reference(config)
        table["store"] = .reference(store)
        table["util"] = .reference(util)
        table["log"] = .reference(log)
        table["warehouse"] = warehouse.map(Self.table) ?? .nil
        return .table(table)
    }

    /// The lines `ctx.log` recorded since the last call.
    func takeTrace() -> [String] {
        defer { state.trace = [] }
        return state.trace
    }

    /// A hook's failure, told apart when the script failed because a look-up was called
    /// wrongly (and not caught): that is a ``OrderFailure/Kind/lookUp``, at the script's line.
    func classify(_ failure: OrderFailure) -> OrderFailure {
        defer { state.lookUpFailure = nil }
        guard failure.kind == .script, let lookUp = state.lookUpFailure, failure.message.contains(lookUp.message) else {
            return failure
        }
        var classified = failure
        classified.kind = .lookUp
        return classified
    }

    private static func lookUps(_ runtime: LuaRuntime, _ state: State) -> LuaTable {
        var table = LuaTable()
        // `ctx.store.<name>`: `body` reads the store of the order being decided. A look-up
        // called wrongly is kept in the state, for `classify(_:)`.
        func define(_ name: String, _ body: @escaping (StoreReader, Arguments) throws -> LuaValue) {
            table[name] = .reference(runtime.function(named: "ctx.store.\(name)") { values in
                do {
                    guard let reader = state.reader else { throw OrderFailure(.lookUp, "the store is not open here") }
                    return [try body(reader, Arguments(function: name, values: values))]
                } catch let failure as OrderFailure {
                    state.lookUpFailure = failure
                    throw failure
                }
            })
        }
        define("product") { store, arguments in
            try store.product(id: arguments.id("a product id")).map(Self.table) ?? .nil
        }
        define("products_by_name") { store, arguments in
            .table(LuaTable(array: try store.productsByName(arguments.text()).map(Self.table)))
        }
        define("product_by_sku") { store, arguments in
            try store.productBySKU(arguments.text()).map(Self.table) ?? .nil
        }
        define("product_by_ean") { store, arguments in
            try store.productByEAN(arguments.text()).map(Self.table) ?? .nil
        }
        define("product_for_baselinker") { store, arguments in
            let product = try arguments.id("a BaseLinker product id")
            let variant = arguments.values.argument(1).isNil ? nil : try arguments.id("a BaseLinker variant id", position: 1)
            return try store.productForBaseLinker(productId: product, variantId: variant == 0 ? nil : variant)
                .map(Self.table) ?? .nil
        }
        define("contractor") { store, arguments in
            try store.contractor(id: arguments.id("a contractor id")).map(Self.table) ?? .nil
        }
        define("contractors_by_name") { store, arguments in
            .table(LuaTable(array: try store.contractorsByName(arguments.text()).map(Self.table)))
        }
        define("contractor_by_tax_id") { store, arguments in
            try store.contractorByTaxId(arguments.text()).map(Self.table) ?? .nil
        }
        define("warehouse") { store, arguments in
            try store.warehouse(id: arguments.id("a warehouse id")).map(Self.table) ?? .nil
        }
        define("warehouses") { store, _ in
            .table(LuaTable(array: try store.warehouses().map(Self.table)))
        }
        define("warehouse_for_baselinker") { store, arguments in
            try store.warehouseForBaseLinker(arguments.text()).map(Self.table) ?? .nil
        }
        define("default_warehouse") { store, _ in
            try store.defaultWarehouse().map(Self.table) ?? .nil
        }
        define("stock") { store, arguments in
            let product = try arguments.id("a product id")
            let warehouse = try arguments.id("a warehouse id", position: 1)
            return .integer(Int64(try store.stockLevel(productId: product, warehouseId: warehouse)))
        }
        return table
    }

    static func utilities(_ runtime: LuaRuntime) -> LuaTable {
        var table = LuaTable()
        func define(_ name: String, _ body: @escaping (Arguments) throws -> LuaValue) {
            table[name] = .reference(runtime.function(named: "ctx.util.\(name)") { values in
                [try body(Arguments(function: name, values: values))]
            })
        }
        define("normalize_name") { arguments in .string(LuaString(Normalize.name(try arguments.text()))) }
        define("normalize_tax_id") { arguments in .string(LuaString(Normalize.taxId(try arguments.text()))) }
        define("is_eu") { arguments in .boolean(arguments.values.first?.stringValue.map(TaxFacts.isEU) ?? false) }
        define("valid_nip") { arguments in .boolean(arguments.values.first?.stringValue.map(TaxFacts.isValidNIP) ?? false) }
        return table
    }

    // MARK: Rows as tables

    static func table(_ product: Product) -> LuaValue {
        var table = LuaTable()
        table["id"] = .integer(product.id)
        table["name"] = .string(LuaString(product.name))
        table["sku"] = .string(LuaString(product.sku ?? ""))
        table["ean"] = .string(LuaString(product.ean ?? ""))
        table["unit"] = .string(LuaString(product.unit))
        table["vat_rate"] = OrderTable.vatRate(product.vatRate)
        table["price_gross"] = OrderTable.amount(product.grossPrice)
        table["baselinker_id"] = product.baselinkerProductId.map { .integer($0) } ?? .nil
        table["baselinker_variant_id"] = product.baselinkerVariantId.map { .integer($0) } ?? .nil
        return .table(table)
    }

    static func table(_ contractor: Contractor) -> LuaValue {
        [
            "id": .integer(contractor.id),
            "name": .string(LuaString(contractor.name)),
            "tax_id": .string(LuaString(contractor.taxId)),
            "address": .string(LuaString(contractor.address)),
            "postcode": .string(LuaString(contractor.postcode)),
            "city": .string(LuaString(contractor.city)),
            "country": .string(LuaString(contractor.country)),
            "email": .string(LuaString(contractor.email)),
            "phone": .string(LuaString(contractor.phone)),
        ]
    }

    static func table(_ warehouse: Warehouse) -> LuaValue {
        var table = LuaTable()
        table["id"] = .integer(warehouse.id)
        table["name"] = .string(LuaString(warehouse.name))
        table["country"] = .string(LuaString(warehouse.country))
        table["baselinker"] = warehouse.baselinkerWarehouse.map { .string(LuaString($0)) } ?? .nil
        table["default"] = .boolean(warehouse.isDefault)
        return .table(table)
    }

    // MARK: Arguments

    /// The arguments of a `ctx.store` or `ctx.util` function, read as it expects them; a wrong
    /// one is a ``OrderFailure/Kind/lookUp`` naming the function.
    private struct Arguments {
        var function: String
        var values: [LuaValue]

        /// Argument `position` (0-based) as an id: a whole number, an integral float or digits.
        func id(_ what: String, position: Int = 0) throws -> Int64 {
            let value = values.argument(position)
            if let id = value.integerValue { return id }
            if case .number(let number) = value, let id = Int64(exactly: number) { return id }
            if let text = value.stringValue, let id = Int64(text) { return id }
            throw OrderFailure(.lookUp, "\(function) expects \(what) as argument #\(position + 1), got \(value.typeName)")
        }

        /// The first argument as text; a whole number is taken as its digits.
        func text() throws -> String {
            let value = values.argument(0)
            if let text = value.stringValue { return text }
            if case .integer(let number) = value { return String(number) }
            throw OrderFailure(.lookUp, "\(function) expects a string, got \(value.typeName)")
        }
    }

    private static func text(_ value: LuaValue, limit: Int = .max) -> String {
        switch value {
        case .nil: return "nil"
        case .boolean(let flag): return String(flag)
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .string(let string):
            let text = string.description
            return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
        case .table, .reference: return value.typeName
        }
    }
}
