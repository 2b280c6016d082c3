/// Products and variants as tests see and change them: what a seller does in BaseLinker's
/// panel between two syncs (edits a name or a price, counts the stock, lists a new product).
extension SandboxAccount {
    /// The inventory's products in id order, each with its variants.
    package func products() -> [SandboxProduct] { state.sortedProducts }

    /// A product (not a variant) by id.
    package func product(_ id: Int) -> SandboxProduct? { state.products[id] }

    /// A variant by id.
    package func variant(_ id: Int) -> SandboxVariant? { state.variant(id)?.variant }

    /// A product or a variant by id, as `GET /sandbox/products/<id>` shows it.
    package func inventoryItem(_ id: Int) -> SandboxInventoryItem? { state.item(id) }

    /// Adds a product with the next free id, then gives each of its variants the next one, and
    /// returns it as stored. Ids given in `product` are ignored.
    @discardableResult
    package func addProduct(_ product: SandboxProduct) -> SandboxProduct {
        var product = product
        product.id = state.takeProductId()
        for index in product.variants.indices { product.variants[index].id = state.takeProductId() }
        state.put(product)
        return product
    }

    /// Adds a variant with the next free id to a product and returns it as stored.
    @discardableResult
    package func addVariant(_ variant: SandboxVariant, to productId: Int) throws(SandboxAPIError) -> SandboxVariant {
        guard var product = state.products[productId] else { throw .productNotFound(productId) }
        var variant = variant
        variant.id = state.takeProductId()
        product.variants.append(variant)
        state.put(product)
        return variant
    }

    /// Sets the stock of a product or a variant in a `bl_` warehouse.
    package func setStock(productId: Int, warehouseId: Int, quantity: Int) throws(SandboxAPIError) {
        guard state.warehouses.contains(where: { $0.type == "bl" && $0.id == warehouseId }) else {
            throw .warehouseNotFound("bl_\(warehouseId)")
        }
        guard state.setStock(productId, warehouse: warehouseId, quantity: quantity) else {
            throw .productNotFound(productId)
        }
    }

    /// Renames a product or a variant (`text_fields.name`).
    package func rename(_ id: Int, to name: String) throws(SandboxAPIError) {
        if state.products[id] != nil {
            state.products[id]?.name = name
        } else if !state.changeVariant(id, { $0.name = name }) {
            throw .productNotFound(id)
        }
    }

    /// Sets the gross price of a product or a variant in one of the inventory's price groups.
    package func setPrice(_ id: Int, priceGroup: Int, gross: Double) throws(SandboxAPIError) {
        guard state.priceGroups.contains(where: { $0.id == priceGroup }) else { throw .priceGroupNotFound(priceGroup) }
        if state.products[id] != nil {
            state.products[id]?.prices[priceGroup] = gross
        } else if !state.changeVariant(id, { $0.prices[priceGroup] = gross }) {
            throw .productNotFound(id)
        }
    }

    /// An order line selling a product or a variant from the inventory, as BaseLinker writes it:
    /// `product_id` is the product's, `variant_id` the variant's (0 for a product); the name,
    /// SKU, EAN, retail price and shelf are the variant's own. Nil for an unknown id.
    package func orderLine(for id: Int, quantity: Int = 1, warehouseId: Int = 1) -> SandboxOrderLine? {
        guard let product = state.products[id] ?? state.variant(id)?.parent else { return nil }
        let variant = state.variant(id)?.variant
        let prices = variant?.prices ?? product.prices
        let locations = variant?.locations ?? product.locations
        return SandboxOrderLine(
            storage: "db", storageId: AccountGenerator.inventoryId, productId: String(product.id),
            variantId: variant?.id ?? 0, name: variant?.name ?? product.name, sku: variant?.sku ?? product.sku,
            ean: variant?.ean ?? product.ean, location: locations[warehouseId] ?? "", warehouseId: warehouseId,
            priceGross: prices[AccountGenerator.priceGroupRetail] ?? 0, taxRate: product.taxRate,
            quantity: quantity, weight: product.weight)
    }
}
