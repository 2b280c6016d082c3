import BaseLinkerModels

/// `getInventoryProductsList`: filters, sorting, variants, pages of 1000.
extension SandboxAccount {
    func getInventoryProductsList(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let inventory = try requireInventory(p)
        let page = try page(p)
        let query = try ProductListQuery(p, priceGroup: inventory.defaultPriceGroup)
        var result: [String: JSONValue] = [:]
        for entry in pageOf(query.entries(state.sortedProducts), page) {
            var object: [String: JSONValue] = [
                "id": .int(Int64(entry.id)), "sku": .string(entry.sku), "ean": .string(entry.ean), "asin": "",
                "name": .string(entry.name), "prices": ProductJSON.prices(entry.prices),
                "stock": ProductJSON.stock(entry.stock),
            ]
            if query.includeVariants { object["parent_id"] = .int(Int64(entry.parentId)) }
            result[String(entry.id)] = .object(object)
        }
        return ["products": phpMap(result)]
    }
}

/// The filters, order and variants `getInventoryProductsList` was asked for.
///
/// Filters test each entry on its own fields (a variant on its own SKU, name, price and stock;
/// the category is its product's): `filter_sku` and `filter_ean` whole and case-insensitive,
/// `filter_name` as a case-insensitive substring, price in the inventory's default price group,
/// stock summed over the `bl_` warehouses. Products are sorted by `filter_sort` (`id`, `sku`,
/// `ean`, `name`, `price` or `quantity`, then `ASC` or `DESC`; ties by id); with
/// `include_variants` each product's variants follow it, in id order.
struct ProductListQuery {
    enum SortField: String, CaseIterable {
        case id, sku, ean, name, price, quantity
    }

    var id: Int?
    var categoryId: Int?
    var sku: String?
    var ean: String?
    var name: String?
    var priceFrom: Double?
    var priceTo: Double?
    var stockFrom: Int?
    var stockTo: Int?
    var sortField = SortField.id
    var descending = false
    var includeVariants = false
    let priceGroup: Int

    init(_ p: Parameters, priceGroup: Int) throws(SandboxAPIError) {
        self.priceGroup = priceGroup
        id = try p.optionalInt("filter_id")
        categoryId = try p.optionalInt("filter_category_id")
        sku = try p.optionalString("filter_sku").flatMap { $0.isEmpty ? nil : $0.lowercased() }
        ean = try p.optionalString("filter_ean").flatMap { $0.isEmpty ? nil : $0 }
        name = try p.optionalString("filter_name").flatMap { $0.isEmpty ? nil : $0.lowercased() }
        priceFrom = try p.optionalDouble("filter_price_from")
        priceTo = try p.optionalDouble("filter_price_to")
        stockFrom = try p.optionalInt("filter_stock_from")
        stockTo = try p.optionalInt("filter_stock_to")
        includeVariants = try p.bool("include_variants", default: false)
        let sort = (try p.optionalString("filter_sort") ?? "").split(separator: " ", omittingEmptySubsequences: true)
        guard sort.count <= 2, let field = sort.first.map({ SortField(rawValue: $0.lowercased()) }) ?? .id,
            sort.count < 2 || ["ASC", "DESC"].contains(sort[1].uppercased())
        else {
            let fields = SortField.allCases.map(\.rawValue).joined(separator: ", ")
            throw .badParameters(
                "Parameter 'filter_sort' must be one of \(fields), then ASC or DESC (e.g. 'name DESC'), "
                    + "got '\(sort.joined(separator: " "))'")
        }
        sortField = field
        descending = sort.count == 2 && sort[1].uppercased() == "DESC"
    }

    /// The entries of the list, before paging.
    func entries(_ products: [SandboxProduct]) -> [SandboxInventoryItem] {
        var entries: [SandboxInventoryItem] = []
        for product in products.sorted(by: precedes) {
            let item = SandboxInventoryItem(product)
            if matches(item, category: product.categoryId) { entries.append(item) }
            guard includeVariants else { continue }
            for variant in product.variants {
                let item = SandboxInventoryItem(variant, of: product)
                if matches(item, category: product.categoryId) { entries.append(item) }
            }
        }
        return entries
    }

    private func matches(_ item: SandboxInventoryItem, category: Int) -> Bool {
        let price = item.prices[priceGroup] ?? 0
        let stock = item.stock.values.reduce(0, +)
        return (id == nil || item.id == id) && (categoryId == nil || category == categoryId)
            && (sku == nil || item.sku.lowercased() == sku) && (ean == nil || item.ean == ean)
            && (name.map { item.name.lowercased().contains($0) } ?? true)
            && price >= (priceFrom ?? -.infinity) && price <= (priceTo ?? .infinity)
            && stock >= (stockFrom ?? .min) && stock <= (stockTo ?? .max)
    }

    private func precedes(_ a: SandboxProduct, _ b: SandboxProduct) -> Bool {
        let order: Bool?
        switch sortField {
        case .id: order = Self.order(a.id, b.id)
        case .sku: order = Self.order(a.sku.lowercased(), b.sku.lowercased())
        case .ean: order = Self.order(a.ean, b.ean)
        case .name: order = Self.order(a.name.lowercased(), b.name.lowercased())
        case .price: order = Self.order(a.prices[priceGroup] ?? 0, b.prices[priceGroup] ?? 0)
        case .quantity: order = Self.order(a.stock.values.reduce(0, +), b.stock.values.reduce(0, +))
        }
        guard let order else { return a.id < b.id }
        return order != descending
    }

    /// Whether `a` comes first in ascending order; nil on a tie (then the id decides).
    private static func order<T: Comparable>(_ a: T, _ b: T) -> Bool? {
        a == b ? nil : a < b
    }
}
