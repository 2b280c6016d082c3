import BaseLinker
package import BaseLinkerModels
import Config
package import FirminoStore
import LuaHost

/// Brings BaseLinker's products into the store: each listed item (a plain product or a
/// variant) is matched to a store card with `match_baselinker_product`, and linked to it, or
/// made into a new card.
///
/// Two ways, one per products mode:
/// - ``Style/source`` (mode `baselinker`, and `products pull`): BaseLinker is the source. A card
///   takes the item's name, SKU, EAN, VAT rate and price, and its levels in the mapped
///   warehouses are set to BaseLinker's (a movement of reason `baselinker_stock`, only where
///   they differ). An item whose listed fields did not change since the last pull is not read
///   again nor written.
/// - ``Style/link`` (mode `firmino`, its first run): the store is the source. A matched card is
///   only linked; an unmatched item becomes a new card whose levels start at BaseLinker's (an
///   `opening` movement), so that pushing the store's stock later cannot wipe BaseLinker's.
struct ProductPull {
    enum Style { case source, link }

    /// Set once mode `firmino` has linked BaseLinker's products to the store's cards.
    static let firminoLinkedKey = "products.firmino_linked"

    let session: SyncSession
    let style: Style
    let catalog: BaseLinkerCatalog
    /// The listed items, with VAT rates read for those that need writing.
    let items: [CatalogItem]
    private let rules: RuleSet
    private let context: HookContext

    /// Reads the listing and, for the items that are new or changed (by their listed fields),
    /// their data: `getInventories`, one call per 1,000 listed, one per 1,000 read.
    static func prepare(_ session: SyncSession, style: Style, rules: RuleSet) async throws -> ProductPull {
        let catalog = try await BaseLinkerCatalog.open(session)
        var items = try await catalog.listing()
        let stale = try session.store.read { reader in
            try items.filter { item in
                let card = try reader.productForBaseLinker(
                    productId: Int64(item.productId), variantId: item.variantId.map(Int64.init))
                return card == nil || (style == .source && card?.baselinkerFingerprint != item.fingerprint)
            }
        }
        let data = try await catalog.data(for: Set(stale.map(\.productId)))
        items = items.flatMap { item in Self.complete(item, with: data[item.productId], catalog: catalog) }
        let context = try HookContext(runtime: rules.runtime, config: Self.config(session.configuration, catalog))
        return ProductPull(session: session, style: style, catalog: catalog, items: items, rules: rules, context: context)
    }

    /// The item with its VAT rate from the product's data; a product the listing gave as plain
    /// whose data has variants is its variants.
    private static func complete(_ item: CatalogItem, with data: InventoryProduct?, catalog: BaseLinkerCatalog) -> [CatalogItem] {
        guard let data else { return [item] }
        let rate = data.taxRate.flatMap { VATRate(baselinker: $0.doubleValue) }
        guard item.variantId == nil, !data.variants.isEmpty else {
            var item = item
            item.vatRate = rate
            return [item]
        }
        return data.variants.values.sorted { $0.id < $1.id }.map { variant in
            CatalogItem(
                productId: item.productId, variantId: variant.id, name: Normalize.printable(variant.name).trimmingSpaces,
                sku: variant.sku, ean: variant.ean, priceGross: catalog.price(variant.prices), vatRate: rate,
                stock: variant.stock)
        }
    }

    /// `ctx.config` of `match_baselinker_product`: the products settings.
    private static func config(_ configuration: Configuration, _ catalog: BaseLinkerCatalog) -> LuaValue {
        var table = LuaTable()
        table["mode"] = configuration.products.mode.map { .string(LuaString($0.rawValue)) } ?? .nil
        table["update_names"] = .boolean(configuration.products.updateNames)
        table["inventory_id"] = .integer(Int64(catalog.inventoryId))
        table["price_group"] = .integer(Int64(catalog.priceGroup))
        return .table(table)
    }

    /// Matches, links, creates and updates the cards, and (style `source`) sets the levels,
    /// inside `tx`. Returns one change per item, unchanged ones included.
    func apply(in tx: StoreTransaction, into summary: inout SyncSummary) throws -> [SyncSummary.ProductChange] {
        context.reader = tx
        defer { context.reader = nil }
        let warehouses = try tx.warehouses().filter { $0.baselinkerWarehouse != nil }
        var changes: [SyncSummary.ProductChange] = []
        for item in items {
            do {
                let change = try tx.inSavepoint { try apply(item, in: tx, warehouses: warehouses) }
                change.count(into: &summary.products, stock: &summary.stock)
                changes.append(change)
            } catch {
                let failure = (error as? OrderFailure).map { "\($0)" } ?? "\(error)"
                summary.products.failed.append(SyncSummary.ProductProblem(baselinker: item.label, reason: failure))
                changes.append(SyncSummary.ProductChange(action: "failed", productId: nil, baselinker: item.label, name: item.name, changes: [failure]))
            }
        }
        return changes
    }

    private func apply(_ item: CatalogItem, in tx: StoreTransaction, warehouses: [Warehouse]) throws -> SyncSummary.ProductChange {
        let link = (Int64(item.productId), item.variantId.map(Int64.init))
        let linked = try tx.productForBaseLinker(productId: link.0, variantId: link.1)
        var change = SyncSummary.ProductChange(action: "unchanged", productId: linked?.id, baselinker: item.label, name: item.name, changes: [])
        var card: Product
        if let linked, style == .link || linked.baselinkerFingerprint == item.fingerprint {
            card = linked
        } else if let existing = try match(item, in: tx) {
            card = existing
            if let other = card.baselinkerProductId, (other, card.baselinkerVariantId) != link {
                let theirs = card.baselinkerVariantId.map { "\(other)/\($0)" } ?? String(other)
                throw OrderFailure(
                    .hookAnswer, location: rules.definition(of: .matchBaseLinkerProduct),
                    "match_baselinker_product returned \(card.id) for BaseLinker \(item.label); expected a card not linked to another BaseLinker product (it is linked to \(theirs))")
            }
            var fields = card.fields
            if style == .source { fields.take(item) }
            fields.baselinkerProductId = link.0
            fields.baselinkerVariantId = link.1
            change.changes = card.fields.differences(to: fields)
            if card.fields != fields {
                change.action = card.baselinkerProductId == link.0 && card.baselinkerVariantId == link.1 ? "updated" : "linked"
                card = try tx.updateProduct(id: card.id, fields)
            }
        } else {
            var fields = ProductFields(name: item.name)
            fields.take(item)
            fields.baselinkerProductId = link.0
            fields.baselinkerVariantId = link.1
            card = try tx.insertProduct(fields)
            change.action = "created"
            change.changes = fields.described
        }
        change.productId = card.id
        change.name = card.name
        if card.baselinkerFingerprint != item.fingerprint {
            try tx.setBaseLinkerFingerprint(productId: card.id, item.fingerprint)
        }
        // Levels: BaseLinker's where it is the source; where the store is, only a new card's start.
        guard style == .source || change.action == "created" else { return change }
        for warehouse in warehouses {
            guard let key = warehouse.baselinkerWarehouse else { continue }
            let theirs = item.stock[key] ?? 0
            let ours = try tx.stockLevel(productId: card.id, warehouseId: warehouse.id)
            guard theirs != ours else { continue }
            try tx.setStockLevel(
                productId: card.id, warehouseId: warehouse.id, to: theirs,
                reason: style == .source ? .baselinkerStock : .opening, note: "BaseLinker \(item.label)")
            change.stockChanges.append("stock \(key): \(ours) → \(theirs)")
        }
        return change
    }

    /// The card `match_baselinker_product` names, or nil for a new one.
    private func match(_ item: CatalogItem, in tx: StoreTransaction) throws -> Product? {
        var table = LuaTable()
        table["id"] = .integer(Int64(item.productId))
        table["variant_id"] = .integer(Int64(item.variantId ?? 0))
        table["sku"] = .string(LuaString(item.sku))
        table["ean"] = .string(LuaString(item.ean))
        table["name"] = .string(LuaString(item.name))
        table["tax_rate"] = item.vatRate.map(OrderTable.vatRate) ?? .nil
        table["price_gross"] = item.priceGross.map(OrderTable.amount) ?? .nil
        guard let id = try rules.matchBaseLinkerProduct(.table(table), context.value()) else { return nil }
        guard let card = try tx.product(id: id) else {
            throw rules.answer(.matchBaseLinkerProduct, got: String(id), expected: "the id of a product in the store (there is no product \(id))")
        }
        return card
    }
}

extension ProductFields {
    /// BaseLinker's values, where it gives them: name, SKU, EAN, VAT rate, price.
    mutating func take(_ item: CatalogItem) {
        name = item.name
        sku = item.sku.isEmpty ? nil : item.sku
        ean = item.ean.isEmpty ? nil : item.ean
        if let rate = item.vatRate { vatRate = rate }
        if let price = item.priceGross { grossPrice = price }
    }

    /// A new card's fields, as `field: value`, the empty ones left out.
    var described: [String] {
        [
            ("name", name), ("sku", sku ?? ""), ("ean", ean ?? ""), ("unit", unit), ("vat_rate", vatRate.name),
            ("price_gross", grossPrice.decimalString),
        ].filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)" }
    }

    /// Each field that differs, as `field: old → new`.
    func differences(to other: ProductFields) -> [String] {
        var changes: [String] = []
        func compare(_ field: String, _ old: String, _ new: String) {
            if old != new { changes.append("\(field): \(old.isEmpty ? "—" : old) → \(new.isEmpty ? "—" : new)") }
        }
        compare("name", name, other.name)
        compare("sku", sku ?? "", other.sku ?? "")
        compare("ean", ean ?? "", other.ean ?? "")
        compare("unit", unit, other.unit)
        compare("vat_rate", vatRate.name, other.vatRate.name)
        compare("price_gross", grossPrice.decimalString, other.grossPrice.decimalString)
        let link = { (fields: ProductFields) in
            fields.baselinkerProductId.map { id in fields.baselinkerVariantId.map { "\(id)/\($0)" } ?? String(id) } ?? ""
        }
        compare("baselinker", link(self), link(other))
        return changes
    }
}

extension RuleSet {
    /// `match_baselinker_product`'s answer for an inventory product given as JSON (`id`,
    /// `variant_id`, `sku`, `ean`, `name`, `tax_rate`, `price_gross`), its look-ups reading
    /// `reader`: what a rule case checks.
    package func matchBaseLinkerProduct(_ json: JSONValue, reading reader: StoreReader) throws(OrderFailure) -> Int64? {
        let context: HookContext
        do {
            context = try HookContext(runtime: runtime, config: .table(LuaTable()))
        } catch {
            throw OrderFailure(.script, "\(error)")
        }
        context.reader = reader
        defer { context.reader = nil }
        return try matchBaseLinkerProduct(OrderTable.json(json), context.value())
    }
}
