/// A warehouse as `getInventoryWarehouses` lists it. Only `bl` warehouses take stock writes;
/// `shop` ones mirror a connected shop and are read-only.
package struct SandboxWarehouse: Sendable, Hashable {
    /// `bl` or `shop`.
    package var type: String = "bl"
    package var id: Int
    package var name: String
    package var description: String = ""
    package var stockEdition: Bool = true
    package var isDefault: Bool = false
    /// Where the goods physically are (ISO code). BaseLinker has no such field; the sandbox keeps
    /// it so tests can map warehouses to store warehouses of the right country.
    package var country: String = "PL"

    /// `bl_1`, `shop_101`: the key of stock maps.
    package var key: String { "\(type)_\(id)" }
}

package struct SandboxPriceGroup: Sendable, Hashable {
    package var id: Int
    package var name: String
    package var description: String
    package var currency: String
    package var isDefault: Bool
}

/// A BaseLinker catalog (`getInventories`).
package struct SandboxInventory: Sendable, Hashable {
    package var id: Int
    package var name: String
    package var description: String
    package var languages: [String]
    package var defaultLanguage: String
    package var priceGroups: [Int]
    package var defaultPriceGroup: Int
    /// Warehouse keys (`bl_1`, `shop_101`).
    package var warehouses: [String]
    package var defaultWarehouse: String
    package var reservations: Bool
    package var isDefault: Bool
}

/// A product of the inventory, with its variants.
package struct SandboxProduct: Sendable, Hashable {
    package var id: Int = 0
    package var sku: String = ""
    package var ean: String = ""
    package var name: String
    package var description: String = ""
    /// 23, 8, 5, 0, or −1 (exempt).
    package var taxRate: Double = 23
    package var weight: Double = 0
    package var categoryId: Int = 0
    package var manufacturerId: Int = 0
    /// Gross price per price group id.
    package var prices: [Int: Double] = [:]
    /// Quantity per `bl_` warehouse id. The product's own: the sandbox does not sum its
    /// variants' stock into it.
    package var stock: [Int: Int] = [:]
    /// Shelf location per `bl_` warehouse id.
    package var locations: [Int: String] = [:]
    package var tags: [String] = []
    /// Sizes, colours, packs of this product, in id order.
    package var variants: [SandboxVariant] = []
}

/// One variant of a product (a size, a colour, a pack). As in BaseLinker its id comes from the
/// products' id space, and stock updates take it in place of a product id. It has its own name,
/// SKU, EAN, prices and stock; the VAT rate, weight, category and description are its parent's.
package struct SandboxVariant: Sendable, Hashable {
    /// 0 until the account gives it one.
    package var id: Int = 0
    package var name: String
    package var sku: String = ""
    package var ean: String = ""
    /// Gross price per price group id.
    package var prices: [Int: Double] = [:]
    /// Quantity per `bl_` warehouse id.
    package var stock: [Int: Int] = [:]
    /// Shelf location per `bl_` warehouse id.
    package var locations: [Int: String] = [:]
}

/// A product or a variant as the seller's panel shows it: what `GET /sandbox/products/<id>`
/// sends and ``SandboxAccount/inventoryItem(_:)`` returns.
package struct SandboxInventoryItem: Sendable, Hashable {
    package var id: Int
    /// The product a variant belongs to; 0 for a product.
    package var parentId: Int
    package var sku: String
    package var ean: String
    package var name: String
    /// A variant's is its parent's.
    package var taxRate: Double
    /// Gross price per price group id.
    package var prices: [Int: Double]
    /// Quantity per `bl_` warehouse id.
    package var stock: [Int: Int]
    /// A product's variants; empty for a variant.
    package var variantIds: [Int]

    package var isVariant: Bool { parentId != 0 }

    init(_ product: SandboxProduct) {
        id = product.id
        parentId = 0
        sku = product.sku
        ean = product.ean
        name = product.name
        taxRate = product.taxRate
        prices = product.prices
        stock = product.stock
        variantIds = product.variants.map(\.id)
    }

    init(_ variant: SandboxVariant, of parent: SandboxProduct) {
        id = variant.id
        parentId = parent.id
        sku = variant.sku
        ean = variant.ean
        name = variant.name
        taxRate = parent.taxRate
        prices = variant.prices
        stock = variant.stock
        variantIds = []
    }
}
