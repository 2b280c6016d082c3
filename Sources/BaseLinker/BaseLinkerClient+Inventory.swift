public import BaseLinkerModels
extension BaseLinkerClient {
    /// Products per page of the inventory list, stock and price methods; also the most
    /// products one stock update takes.
    public static let inventoryPageSize = 1000

    public func getInventories() async throws -> [Inventory] {
        try await call("getInventories", list: "inventories", Inventory.init(json:))
    }

    public func getInventoryWarehouses() async throws -> [InventoryWarehouse] {
        try await call("getInventoryWarehouses", list: "warehouses", InventoryWarehouse.init(json:))
    }

    /// Adds a BaseLinker warehouse (or updates the one with `warehouseID`) and returns its id;
    /// it is then addressed as `bl_<id>`.
    public func addInventoryWarehouse(
        name: String, description: String = "", stockEdition: Bool = false, warehouseID: Int? = nil
    ) async throws -> Int {
        var parameters: [String: JSONValue] = [
            "name": .string(name), "description": .string(description), "stock_edition": .bool(stockEdition),
        ]
        parameters["warehouse_id"] = warehouseID.map(JSONValue.init)
        return try await call("addInventoryWarehouse", parameters: .object(parameters), id: "warehouse_id")
    }

    /// One page (from 1) of the inventory's products, in id order.
    /// - Parameter filters: other input fields (`filter_sku`, `filter_name`, …), sent as is.
    public func getInventoryProductsList(
        inventoryID: Int, page: Int = 1, filters: [String: JSONValue] = [:]
    ) async throws -> [InventoryProductListItem] {
        var parameters = filters
        parameters["inventory_id"] = JSONValue(inventoryID)
        parameters["page"] = JSONValue(page)
        return try await call(
            "getInventoryProductsList", parameters: .object(parameters), map: "products",
            InventoryProductListItem.init(key:json:))
    }

    /// Details of the given products, in id order.
    public func getInventoryProductsData(inventoryID: Int, productIDs: [Int]) async throws -> [InventoryProduct] {
        let parameters: JSONValue = [
            "inventory_id": JSONValue(inventoryID), "products": .array(productIDs.map(JSONValue.init)),
        ]
        return try await call(
            "getInventoryProductsData", parameters: parameters, map: "products", InventoryProduct.init(key:json:))
    }

    /// One page (from 1) of stock levels, in product id order.
    public func getInventoryProductsStock(inventoryID: Int, page: Int = 1) async throws -> [InventoryProductStock] {
        let parameters: JSONValue = ["inventory_id": JSONValue(inventoryID), "page": JSONValue(page)]
        return try await call(
            "getInventoryProductsStock", parameters: parameters, map: "products", InventoryProductStock.init(key:json:))
    }

    /// One page (from 1) of prices, in product id order.
    public func getInventoryProductsPrices(inventoryID: Int, page: Int = 1) async throws -> [InventoryProductPrices] {
        let parameters: JSONValue = ["inventory_id": JSONValue(inventoryID), "page": JSONValue(page)]
        return try await call(
            "getInventoryProductsPrices", parameters: parameters, map: "products",
            InventoryProductPrices.init(key:json:))
    }

    /// Sets stock levels: product (or variant) id → warehouse key (`"bl_1"`) → quantity.
    ///
    /// Any number of products: they are sent in id order, 1000 per call (BaseLinker's maximum),
    /// and the answers are summed. Levels are absolute, so sending again is harmless; when a
    /// batch fails, the error says how many products the earlier batches already set.
    public func updateInventoryProductsStock(
        inventoryID: Int, stock: [Int: [String: Int]]
    ) async throws -> StockUpdateResult {
        let productIDs = stock.keys.sorted()
        let batchCount = (productIDs.count + Self.inventoryPageSize - 1) / Self.inventoryPageSize
        var total = StockUpdateResult()
        for batch in 0..<batchCount {
            let ids = productIDs[(batch * Self.inventoryPageSize)..<min((batch + 1) * Self.inventoryPageSize, productIDs.count)]
            var products: [String: JSONValue] = [:]
            for id in ids {
                products[String(id)] = .object((stock[id] ?? [:]).mapValues(JSONValue.init))
            }
            let parameters: JSONValue = ["inventory_id": JSONValue(inventoryID), "products": .object(products)]
            do {
                let result = try await call(
                    "updateInventoryProductsStock", parameters: parameters, reading: StockUpdateResult.init(response:))
                total.counter += result.counter
                total.warnings.merge(result.warnings) { _, later in later }
            } catch var error as BaseLinkerError where batchCount > 1 {
                error.message += " (batch \(batch + 1) of \(batchCount); earlier batches set "
                    + "\(batch * Self.inventoryPageSize) products, BaseLinker counted \(total.counter))"
                throw error
            }
        }
        return total
    }
}
