/// A warehouse as `getInventoryWarehouses` lists it. Only `bl` warehouses take stock writes;
/// `shop` ones mirror a connected shop and are read-only.
public struct SandboxWarehouse: Sendable, Hashable {
    /// `bl` or `shop`.
    public var type: String
    public var id: Int
    public var name: String
    public var description: String
    public var stockEdition: Bool
    public var isDefault: Bool
    /// Where the goods physically are (ISO code). BaseLinker has no such field; the sandbox keeps
    /// it so tests can map warehouses to store warehouses of the right country.
    public var country: String

    public init(
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
    public var key: String { "\(type)_\(id)" }
}

public struct SandboxPriceGroup: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var description: String
    public var currency: String
    public var isDefault: Bool
}

/// A BaseLinker catalog (`getInventories`).
public struct SandboxInventory: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var description: String
    public var languages: [String]
    public var defaultLanguage: String
    public var priceGroups: [Int]
    public var defaultPriceGroup: Int
    /// Warehouse keys (`bl_1`, `shop_101`).
    public var warehouses: [String]
    public var defaultWarehouse: String
    public var reservations: Bool
    public var isDefault: Bool
}

/// A product of the inventory.
public struct SandboxProduct: Sendable, Hashable {
    public var id: Int
    public var sku: String
    public var ean: String
    public var name: String
    public var description: String
    /// 23, 8, 5, 0, or −1 (exempt).
    public var taxRate: Double
    public var weight: Double
    public var categoryId: Int
    public var manufacturerId: Int
    /// Gross price per price group id.
    public var prices: [Int: Double]
    /// Quantity per `bl_` warehouse id.
    public var stock: [Int: Int]
    /// Shelf location per `bl_` warehouse id.
    public var locations: [Int: String]
    public var tags: [String]

    public init(
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
