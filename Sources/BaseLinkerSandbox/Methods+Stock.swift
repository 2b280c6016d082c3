import BaseLinkerModels

/// Stock and prices by page, and stock updates.
extension SandboxAccount {
    /// Products 1000 a page, each with its variants' stock keyed by variant id.
    func getInventoryProductsStock(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        try productsPage(p) { product in
            ["product_id": .int(Int64(product.id)), "stock": ProductJSON.stock(product.stock)]
        } variant: { ProductJSON.stock($0.stock) }
    }

    /// Products 1000 a page, each with its variants' prices keyed by variant id.
    func getInventoryProductsPrices(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        try productsPage(p) { product in
            ["prices": ProductJSON.prices(product.prices)]
        } variant: { ProductJSON.prices($0.prices) }
    }

    /// A page of products keyed by id: each one's `fields`, and under `variants` each of its
    /// variants rendered by `variant`, keyed by variant id.
    private func productsPage(
        _ p: Parameters, fields: (SandboxProduct) -> [String: JSONValue], variant: (SandboxVariant) -> JSONValue
    ) throws(SandboxAPIError) -> [String: JSONValue] {
        _ = try requireInventory(p)
        var result: [String: JSONValue] = [:]
        for product in pageOf(state.sortedProducts, try page(p)) {
            var object = fields(product)
            var variants: [String: JSONValue] = [:]
            for item in product.variants { variants[String(item.id)] = variant(item) }
            object["variants"] = phpMap(variants)
            result[String(product.id)] = .object(object)
        }
        return ["products": phpMap(result)]
    }

    /// At most 1000 products per call, keyed by product id or, for a variant, by variant id.
    /// What cannot be applied (an unknown product, a warehouse that is not an existing `bl_`
    /// one, a quantity that is not a whole number of zero or more) is reported in `warnings` per
    /// product id; the rest is applied. `counter` counts the products that took at least one
    /// level. `warnings` is `""` when there are none, as in BaseLinker's samples.
    func updateInventoryProductsStock(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        _ = try requireInventory(p)
        let products = try p.object("products")
        guard products.count <= Self.pageSize else { throw .tooManyProducts(products.count, limit: Self.pageSize) }
        var counter = 0
        var warnings: [String: JSONValue] = [:]
        for key in products.keys.sorted() {
            guard let id = Int(key), state.exists(id) else {
                warnings[key] = .string("Product \(key) not found")
                continue
            }
            guard let stocks = try? Parameters.object(products[key] ?? .null, "products.\(key)") else {
                warnings[key] = .string("Stocks of product \(key) must be an object of warehouse ids and quantities")
                continue
            }
            var problems: [String] = []
            var changed = false
            for warehouseKey in stocks.keys.sorted() {
                switch stockLevel(warehouseKey, stocks[warehouseKey] ?? .null) {
                case .failure(let problem): problems.append(problem.message)
                case .success(let (warehouse, quantity)):
                    state.setStock(id, warehouse: warehouse, quantity: quantity)
                    changed = true
                }
            }
            if changed { counter += 1 }
            if !problems.isEmpty { warnings[key] = .string(problems.joined(separator: "; ")) }
        }
        return ["counter": .int(Int64(counter)), "warnings": warnings.isEmpty ? "" : .object(warnings)]
    }

    /// The warehouse and quantity of one stock level, or why it cannot be set.
    func stockLevel(_ key: String, _ value: JSONValue) -> Result<(Int, Int), StockProblem> {
        let warehouse: Int
        switch stockTarget(key) {
        case .failure(let problem): return .failure(problem)
        case .success(let id): warehouse = id
        }
        guard let quantity = try? Parameters.int(value, key) else {
            return .failure(StockProblem("Quantity for \(key) must be a whole number, got \(Parameters.show(value))"))
        }
        guard quantity >= 0 else { return .failure(StockProblem("Quantity for \(key) must not be negative, got \(quantity)")) }
        return .success((warehouse, quantity))
    }

    /// The numeric id of a `bl_` warehouse that exists, or why the key cannot take stock.
    func stockTarget(_ key: String) -> Result<Int, StockProblem> {
        let parts = key.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, let id = Int(parts[1]) else {
            return .failure(StockProblem("Warehouse id '\(key)' must look like bl_<id>"))
        }
        guard parts[0] == "bl" else {
            return .failure(StockProblem("Stock cannot be assigned to \(key): only bl_ warehouses take stock"))
        }
        guard state.warehouses.contains(where: { $0.type == "bl" && $0.id == id }) else {
            return .failure(StockProblem("Warehouse \(key) not found"))
        }
        return .success(id)
    }
}

struct StockProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
