import BaseLinkerModels

extension SandboxAccount {
    /// Full data of the products asked for, by product or variant id; unknown ids are left out.
    /// At most 1000 ids per call, like the paged methods (BaseLinker does not document its own
    /// limit here).
    func getInventoryProductsData(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        _ = try requireInventory(p)
        let ids = try p.array("products")
        guard ids.count <= Self.pageSize else { throw .tooManyProducts(ids.count, limit: Self.pageSize) }
        var result: [String: JSONValue] = [:]
        for value in ids {
            let id = try Parameters.int(value, "products")
            if let product = state.products[id] {
                result[String(id)] = ProductJSON.data(product)
            } else if let found = state.variant(id) {
                result[String(id)] = ProductJSON.data(found.variant, of: found.parent)
            }
        }
        return ["products": phpMap(result)]
    }
}
