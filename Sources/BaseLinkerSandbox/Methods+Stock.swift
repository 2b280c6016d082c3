import BaseLinkerModels

/// Stock and prices by page, stock updates, and adding or changing products.
extension SandboxAccount {
    func getInventoryProductsStock(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        _ = try requireInventory(p)
        var result: [String: JSONValue] = [:]
        for product in pageOf(state.sortedProducts, try page(p)) {
            result[String(product.id)] = .object([
                "product_id": .int(Int64(product.id)), "stock": stockJSON(product), "variants": [],
            ])
        }
        return ["products": phpMap(result)]
    }

    func getInventoryProductsPrices(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        _ = try requireInventory(p)
        var result: [String: JSONValue] = [:]
        for product in pageOf(state.sortedProducts, try page(p)) {
            result[String(product.id)] = .object(["prices": pricesJSON(product), "variants": []])
        }
        return ["products": phpMap(result)]
    }

    /// At most 1000 products per call. What cannot be applied (an unknown product, a warehouse
    /// that is not a `bl_` one, a bad quantity) is reported in `warnings` per product id; the rest
    /// is applied. `warnings` is `""` when there are none, as in BaseLinker's samples.
    func updateInventoryProductsStock(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        _ = try requireInventory(p)
        let products = try p.object("products")
        guard products.count <= Self.pageSize else {
            throw SandboxAPIError(
                code: "ERROR_TOO_MANY_PRODUCTS",
                message: "At most \(Self.pageSize) products can be updated at a time, got \(products.count)")
        }
        var counter = 0
        var warnings: [String: JSONValue] = [:]
        for key in products.keys.sorted() {
            var problems: [String] = []
            guard let id = Int(key), state.products[id] != nil else {
                warnings[key] = .string("Product \(key) not found")
                continue
            }
            guard let stocks = try? Parameters.object(products[key] ?? .null, "products.\(key)") else {
                warnings[key] = .string("Stocks of product \(key) must be an object of warehouse ids and quantities")
                continue
            }
            var changed = false
            for warehouseKey in stocks.keys.sorted() {
                switch stockTarget(warehouseKey) {
                case .failure(let problem): problems.append(problem.message)
                case .success(let warehouse):
                    guard let quantity = try? Parameters.int(stocks[warehouseKey] ?? .null, warehouseKey) else {
                        problems.append("Quantity for \(warehouseKey) must be a whole number")
                        continue
                    }
                    state.products[id]?.stock[warehouse] = quantity
                    changed = true
                }
            }
            if changed { counter += 1 }
            if !problems.isEmpty { warnings[key] = .string(problems.joined(separator: "; ")) }
        }
        return ["counter": .int(Int64(counter)), "warnings": warnings.isEmpty ? "" : .object(warnings)]
    }

    /// The numeric id of a `bl_` warehouse that exists, or why the key cannot take stock.
    private func stockTarget(_ key: String) -> Result<Int, StockProblem> {
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

    /// Creates a product, or updates the one named by `product_id` (only the fields given).
    func addInventoryProduct(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let inventory = try requireInventory(p)
        let productId = try p.optionalInt("product_id")
        var product: SandboxProduct
        if let productId, productId != 0 {
            guard let existing = state.products[productId] else { throw .productNotFound(productId) }
            product = existing
        } else {
            let name = try Parameters((try p.optionalObject("text_fields")) ?? [:]).optionalString("name") ?? ""
            guard !name.isEmpty else { throw .badParameters("Missing required parameter 'text_fields.name'") }
            product = SandboxProduct(id: state.nextProductId, name: name, taxRate: 23)
        }
        if let sku = try p.optionalString("sku") { product.sku = sku }
        if let ean = try p.optionalString("ean") { product.ean = ean }
        if let rate = try p.optionalDouble("tax_rate") {
            guard (0...100).contains(rate) || [-1, -0.02, -0.03].contains(rate) else {
                throw .badParameters("Parameter 'tax_rate' must be 0-100, -1, -0.02 or -0.03, got \(Money.text(rate))")
            }
            product.taxRate = rate
        }
        if let weight = try p.optionalDouble("weight") { product.weight = weight }
        if let category = try p.optionalInt("category_id") { product.categoryId = category }
        if let manufacturer = try p.optionalInt("manufacturer_id") { product.manufacturerId = manufacturer }
        if p.has("tags") { product.tags = try p.array("tags").compactMap(\.stringValue) }
        if let fields = try p.optionalObject("text_fields") {
            let text = Parameters(fields)
            if let name = try text.optionalString("name"), !name.isEmpty { product.name = name }
            if let description = try text.optionalString("description") { product.description = description }
        }
        var warnings: [String: JSONValue] = [:]
        if let prices = try p.optionalObject("prices") {
            for key in prices.keys.sorted() {
                guard let group = Int(key), inventory.priceGroups.contains(group) else {
                    warnings["prices.\(key)"] = .string("Price group \(key) not found")
                    continue
                }
                product.prices[group] = try Parameters.double(prices[key] ?? .null, "prices.\(key)")
            }
        }
        if let stock = try p.optionalObject("stock") {
            for key in stock.keys.sorted() {
                switch stockTarget(key) {
                case .failure(let problem): warnings["stock.\(key)"] = .string(problem.message)
                case .success(let warehouse): product.stock[warehouse] = try Parameters.int(stock[key] ?? .null, "stock.\(key)")
                }
            }
        }
        if product.id == state.nextProductId { state.nextProductId += 1 }
        state.products[product.id] = product
        return ["product_id": .int(Int64(product.id)), "warnings": phpMap(warnings)]
    }

    func deleteInventoryProduct(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let id = try p.int("product_id")
        guard state.products.removeValue(forKey: id) != nil else { throw .productNotFound(id) }
        return [:]
    }
}

struct StockProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
