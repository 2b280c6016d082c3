import FirminoStore
import LuaHost

/// What `match_contractor` and `match_product` decide.
enum MatchDecision: Equatable {
    case existing(Int64)
    /// nil: make a new one.
    case create
    /// false: leave unlinked.
    case none
}

/// The typed reading of each hook's results. A hook that raises an error fails with
/// ``OrderFailure/Kind/script``; one that answers out of shape with
/// ``OrderFailure/Kind/hookAnswer``, located where the hook is defined.
extension RuleSet {
    func acceptOrder(_ order: LuaValue, _ ctx: LuaValue) throws(OrderFailure) -> (accepted: Bool, reason: String?) {
        let results = try call(.acceptOrder, [order, ctx])
        guard let accepted = results.argument(0).boolValue else {
            throw shape(.acceptOrder, results, "true, or false and a reason")
        }
        return (accepted, reason(results))
    }

    func lineWarehouse(_ line: LuaValue, _ order: LuaValue, _ ctx: LuaValue) throws(OrderFailure) -> Int64 {
        let results = try call(.lineWarehouse, [line, order, ctx])
        guard let id = Self.id(results.argument(0)) else {
            throw shape(.lineWarehouse, results, "a store warehouse id")
        }
        return id
    }

    /// The document type, or nil and the reason the order is held.
    func documentType(_ order: LuaValue, _ ctx: LuaValue) throws(OrderFailure) -> (type: DocumentType?, reason: String?) {
        let results = try call(.documentType, [order, ctx])
        let first = results.argument(0)
        if first.isNil { return (nil, reason(results) ?? "held by \(script(for: .documentType))") }
        guard let name = first.stringValue, let type = DocumentType(rawValue: name) else {
            throw shape(.documentType, results, "\"receipt\", \"invoice\", \"invoice_wdt\", \"invoice_export\", or nil and a reason")
        }
        return (type, nil)
    }

    func matchContractor(_ order: LuaValue, _ ctx: LuaValue) throws(OrderFailure) -> MatchDecision {
        let results = try call(.matchContractor, [order, ctx])
        return try match(.matchContractor, results, "a contractor id, nil (make one) or false (none)")
    }

    func newContractor(_ order: LuaValue, _ ctx: LuaValue) throws(OrderFailure) -> ContractorFields {
        let results = try call(.newContractor, [order, ctx])
        let expected = "a table of contractor fields with a non-empty name"
        guard let table = results.argument(0).tableValue else { throw shape(.newContractor, results, expected) }
        func text(_ key: String) throws(OrderFailure) -> String {
            let value = table[key]
            if value.isNil { return "" }
            if let string = value.stringValue { return string }
            if let number = value.integerValue { return String(number) }
            throw answer(.newContractor, got: "a table whose \(key) is \(Self.describe(value))", expected: "\(key) as a string")
        }
        let name = try text("name").trimmingSpaces
        guard !name.isEmpty else { throw shape(.newContractor, results, expected) }
        var country = try text("country").trimmingSpaces.uppercased()
        if country.isEmpty { country = "PL" }
        return ContractorFields(
            name: name, taxId: try text("tax_id"), address: try text("address"), postcode: try text("postcode"),
            city: try text("city"), country: country, email: try text("email"), phone: try text("phone"))
    }

    func matchProduct(_ line: LuaValue, _ order: LuaValue, _ ctx: LuaValue) throws(OrderFailure) -> MatchDecision {
        let results = try call(.matchProduct, [line, order, ctx])
        return try match(.matchProduct, results, "a product id, nil (make one) or false (leave the line unlinked)")
    }

    func newProduct(_ line: LuaValue, _ order: LuaValue, _ ctx: LuaValue) throws(OrderFailure) -> ProductFields {
        let results = try call(.newProduct, [line, order, ctx])
        guard let table = results.argument(0).tableValue, let name = table["name"].stringValue?.trimmingSpaces,
              !name.isEmpty
        else {
            throw shape(.newProduct, results, "a table of product fields with a non-empty name")
        }
        func wrong(_ key: String, _ expected: String) -> OrderFailure {
            answer(.newProduct, got: "a table whose \(key) is \(Self.describe(table[key]))", expected: "\(key) as \(expected)")
        }
        func text(_ key: String) throws(OrderFailure) -> String? {
            let value = table[key]
            if value.isNil { return nil }
            if let string = value.stringValue { return string }
            if let number = value.integerValue { return String(number) }
            throw wrong(key, "a string")
        }
        var fields = ProductFields(name: name, sku: try text("sku"), ean: try text("ean"))
        if let unit = try text("unit") { fields.unit = unit }
        let rate = table["vat_rate"]
        if !rate.isNil {
            guard let parsed = Self.vatRate(rate) else { throw wrong("vat_rate", "a percentage or \"zw\", \"np\", \"oo\"") }
            fields.vatRate = parsed
        }
        let price = table["price_gross"]
        if !price.isNil {
            guard let parsed = Self.money(price) else { throw wrong("price_gross", "an amount") }
            fields.grossPrice = parsed
        }
        return fields
    }

    /// The store product a BaseLinker product (or variant) is, or nil: a new product card.
    func matchBaseLinkerProduct(_ product: LuaValue, _ ctx: LuaValue) throws(OrderFailure) -> Int64? {
        let results = try call(.matchBaseLinkerProduct, [product, ctx])
        let first = results.argument(0)
        if first.isNil || first == .boolean(false) { return nil }
        guard let id = Self.id(first) else {
            throw shape(.matchBaseLinkerProduct, results, "a store product id, or nil (a new product card)")
        }
        return id
    }

    // MARK: Reading results

    private func match(_ hook: Hook, _ results: [LuaValue], _ expected: String) throws(OrderFailure) -> MatchDecision {
        let first = results.argument(0)
        if first.isNil { return .create }
        if first == .boolean(false) { return .none }
        guard let id = Self.id(first) else { throw shape(hook, results, expected) }
        return .existing(id)
    }

    private func reason(_ results: [LuaValue]) -> String? {
        let second = results.argument(1)
        if second.isNil { return nil }
        return second.stringValue ?? Self.describe(second)
    }

    private func shape(_ hook: Hook, _ results: [LuaValue], _ expected: String) -> OrderFailure {
        answer(hook, got: results.isEmpty ? "nothing" : Self.describe(results[0]), expected: expected)
    }

    /// `hook` answered `got` where `expected` was needed: a failure located where the hook is
    /// defined, since that is where the answer is made.
    func answer(_ hook: Hook, got: String, expected: String) -> OrderFailure {
        OrderFailure(.hookAnswer, location: definition(of: hook), "\(hook.rawValue) returned \(got); expected \(expected)")
    }

    static func id(_ value: LuaValue) -> Int64? {
        if let id = value.integerValue { return id }
        if case .number(let number) = value, let id = Int64(exactly: number) { return id }
        return nil
    }

    static func vatRate(_ value: LuaValue) -> VATRate? {
        switch value {
        case .integer(let number): return VATRate(baselinker: Double(number))
        case .number(let number): return VATRate(baselinker: number)
        case .string: return value.stringValue.flatMap { VATRate(name: $0) }
        default: return nil
        }
    }

    static func money(_ value: LuaValue) -> Money? {
        switch value {
        case .integer(let number):
            let (units, overflow) = number.multipliedReportingOverflow(by: 100)
            return overflow ? nil : Money(minorUnits: units)
        case .number(let number): return Money(baselinker: number)
        case .string: return value.stringValue.flatMap { Money(decimalString: $0) }
        default: return nil
        }
    }

    static func describe(_ value: LuaValue) -> String {
        switch value {
        case .nil: return "nil"
        case .boolean(let flag): return String(flag)
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .string(let string): return "\"\(string.description)\""
        case .table: return "a table"
        case .reference: return "a function"
        }
    }
}
