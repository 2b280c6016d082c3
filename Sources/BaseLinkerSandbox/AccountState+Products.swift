/// Products and variants share one id space; `variantParents` finds a variant's product. Every
/// change to products goes through these, so that index stays right.
extension AccountState {
    /// The next free id of the products' id space (for a product or a variant).
    mutating func takeProductId() -> Int {
        defer { nextProductId += 1 }
        return nextProductId
    }

    /// Stores a product with its variants (replacing the one with its id).
    mutating func put(_ product: SandboxProduct) {
        for variant in products[product.id]?.variants ?? [] { variantParents[variant.id] = nil }
        products[product.id] = product
        for variant in product.variants { variantParents[variant.id] = product.id }
    }

    /// Whether a product or a variant has this id.
    func exists(_ id: Int) -> Bool {
        products[id] != nil || variantParents[id] != nil
    }

    /// The variant with this id, and its product.
    func variant(_ id: Int) -> (variant: SandboxVariant, parent: SandboxProduct)? {
        guard let parentId = variantParents[id], let parent = products[parentId],
            let variant = parent.variants.first(where: { $0.id == id })
        else { return nil }
        return (variant, parent)
    }

    func item(_ id: Int) -> SandboxInventoryItem? {
        if let product = products[id] { return SandboxInventoryItem(product) }
        return variant(id).map { SandboxInventoryItem($0.variant, of: $0.parent) }
    }

    /// Changes a variant in place; false when there is none with this id.
    @discardableResult
    mutating func changeVariant(_ id: Int, _ change: (inout SandboxVariant) -> Void) -> Bool {
        guard let parentId = variantParents[id], let index = products[parentId]?.variants.firstIndex(where: { $0.id == id })
        else { return false }
        change(&products[parentId]!.variants[index])
        products[parentId]?.variants[index].id = id
        return true
    }

    /// Sets the stock of a product or a variant in one `bl_` warehouse; false when the id is unknown.
    @discardableResult
    mutating func setStock(_ id: Int, warehouse: Int, quantity: Int) -> Bool {
        if products[id] != nil {
            products[id]?.stock[warehouse] = quantity
            return true
        }
        return changeVariant(id) { $0.stock[warehouse] = quantity }
    }

    /// Removes a product with its variants, or one variant; false when the id is unknown.
    mutating func removeProduct(_ id: Int) -> Bool {
        if let product = products.removeValue(forKey: id) {
            for variant in product.variants { variantParents[variant.id] = nil }
            return true
        }
        guard let parentId = variantParents.removeValue(forKey: id) else { return false }
        products[parentId]?.variants.removeAll { $0.id == id }
        return true
    }
}
