import BaseLinker
import Config
import BaseLinkerModels
import FirminoStore
import Foundation

/// One sellable item of BaseLinker's inventory as the products sync sees it: a plain product,
/// or one variant of a product with variants (the product itself is then no item: a store card
/// stands for each variant).
struct CatalogItem: Sendable {
    var productId: Int
    /// Nil for a plain product.
    var variantId: Int?
    var name: String
    var sku: String
    var ean: String
    /// The gross price in the configured price group, when BaseLinker gives one.
    var priceGross: Money?
    /// Known once the product's data was read (`getInventoryProductsData`).
    var vatRate: VATRate?
    /// Quantity per BaseLinker warehouse key (`bl_1`).
    var stock: [String: Int]

    /// `123` or `123/456` (product / variant), for messages.
    var label: String { variantId.map { "\(productId)/\($0)" } ?? String(productId) }

    /// A digest of the listed fields the store takes (name, SKU, EAN, price): the store keeps
    /// it with the card, and an item whose digest is unchanged needs no data read nor write.
    var fingerprint: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a: stable across processes, unlike Hasher.
        for byte in "\(name)\u{1F}\(sku)\u{1F}\(ean)\u{1F}\(priceGross?.minorUnits ?? -1)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}

/// Reads BaseLinker's inventory for the products sync: which inventory and price group, the
/// listing (pages of 1000, variants included), and the data of the products that need it
/// (batches of 1000 ids, BaseLinker's most per call).
struct BaseLinkerCatalog {
    static let dataBatch = 1000

    let client: BaseLinkerClient
    let inventoryId: Int
    let priceGroup: Int

    /// The configured inventory (else the account's default) and price group (else the
    /// inventory's default): one `getInventories` call.
    static func open(_ session: SyncSession) async throws -> BaseLinkerCatalog {
        let configuration = session.configuration
        let inventories = try await session.client.getInventories()
        let configured = configuration.baselinker.inventoryId
        let inventory = configured > 0
            ? inventories.first { $0.id == configured }
            : inventories.first(where: \.isDefault) ?? inventories.first
        guard let inventory else {
            if configured > 0 {
                throw configuration.error(
                    key: "baselinker.inventory_id",
                    "BaseLinker has no inventory \(configured) (its inventories: \(inventories.map { "\($0.id) \"\($0.name)\"" }.joined(separator: ", ")))")
            }
            throw configuration.error(key: "baselinker.inventory_id", "BaseLinker has no inventory to take products from")
        }
        let group = configuration.products.priceGroup > 0 ? configuration.products.priceGroup : inventory.defaultPriceGroup ?? 0
        if configuration.products.priceGroup > 0, !inventory.priceGroups.isEmpty, !inventory.priceGroups.contains(group) {
            throw configuration.error(
                key: "products.price_group",
                "inventory \(inventory.id) has no price group \(group) (its groups: \(inventory.priceGroups.map(String.init).joined(separator: ", ")))")
        }
        return BaseLinkerCatalog(client: session.client, inventoryId: inventory.id, priceGroup: group)
    }

    /// Every sellable item of the listing, variants included, without VAT rates.
    func listing() async throws -> [CatalogItem] {
        var listed: [InventoryProductListItem] = []
        for try await page in client.inventoryProductPages(inventoryID: inventoryId, filters: ["include_variants": true]) {
            listed += page
        }
        let parents = Set(listed.compactMap { $0.parentID })
        return listed.filter { !parents.contains($0.id) }.map { item in
            CatalogItem(
                productId: item.parentID ?? item.id, variantId: item.parentID == nil ? nil : item.id,
                name: Normalize.printable(item.name).trimmingSpaces, sku: item.sku, ean: item.ean,
                priceGross: price(item.prices), vatRate: nil, stock: item.stock)
        }
    }

    /// The VAT rate of each product (and so of its variants), read for `productIds`: product id
    /// → rate, and each product's variant details (name, SKU, EAN, price) when the listing left
    /// them out.
    func data(for productIds: Set<Int>) async throws -> [Int: InventoryProduct] {
        var products: [Int: InventoryProduct] = [:]
        let ids = productIds.sorted()
        for start in stride(from: 0, to: ids.count, by: Self.dataBatch) {
            let batch = Array(ids[start..<min(start + Self.dataBatch, ids.count)])
            for product in try await client.getInventoryProductsData(inventoryID: inventoryId, productIDs: batch) {
                products[product.id] = product
            }
        }
        return products
    }

    /// The price of the configured group.
    func price(_ prices: [String: DecimalAmount]) -> Money? {
        prices[String(priceGroup)].flatMap { Money(decimalString: $0.text) }
    }
}
