/// A warehouse as `getInventoryWarehouses` lists it. Only `bl` warehouses take stock writes;
/// `shop` ones mirror a connected shop and are read-only.
package struct SandboxWarehouse: Sendable, Hashable {
    /// `bl` or `shop`.
    package var type: String
    package var id: Int
    package var name: String
    package var description: String
    package var stockEdition: Bool
    package var isDefault: Bool
    /// Where the goods physically are (ISO code). BaseLinker has no such field; the sandbox keeps
    /// it so tests can map warehouses to store warehouses of the right country.
    package var country: String

    package init(
        type: String = "bl", id: Int, name: String, description: String = "", stockEdition: Bool = true,
        isDefault: Bool = false, country: String = "PL"
    ) {
        self.type = type
        self.id = id
        self.name = name
        self.description = description
        self.stockEdition = stockEdition
        self.isDefault = isDefault
        self.country = country
    }

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

/// A product of the inventory.
package struct SandboxProduct: Sendable, Hashable {
    package var id: Int
    package var sku: String
    package var ean: String
    package var name: String
    package var description: String
    /// 23, 8, 5, 0, or −1 (exempt).
    package var taxRate: Double
    package var weight: Double
    package var categoryId: Int
    package var manufacturerId: Int
    /// Gross price per price group id.
    package var prices: [Int: Double]
    /// Quantity per `bl_` warehouse id.
    package var stock: [Int: Int]
    /// Shelf location per `bl_` warehouse id.
    package var locations: [Int: String]
    package var tags: [String]

    package init(
        id: Int = 0, sku: String = "", ean: String = "", name: String, description: String = "",
        taxRate: Double = 23, weight: Double = 0, categoryId: Int = 0, manufacturerId: Int = 0,
        prices: [Int: Double] = [:], stock: [Int: Int] = [:], locations: [Int: String] = [:], tags: [String] = []
    ) {
        self.id = id
        self.sku = sku
        self.ean = ean
        self.name = name
        self.description = description
        self.taxRate = taxRate
        self.weight = weight
        self.categoryId = categoryId
        self.manufacturerId = manufacturerId
        self.prices = prices
        self.stock = stock
        self.locations = locations
        self.tags = tags
    }
}
