import BaseLinker
import BaseLinkerModels
import Config
import FirminoStore
import Foundation

/// Sends the store's product cards to BaseLinker, the store being the source (mode `firmino`,
/// and `products push`): a card with no link is added (`addInventoryProduct`, with its levels
/// in the mapped warehouses) and linked to what BaseLinker made; a linked card changed since
/// the last push (its revision is past the kept one) is updated — its name only when
/// `update_names` is on. A level below zero is sent as 0, with a warning.
///
/// Each card is one call: BaseLinker adds and updates products one at a time.
struct ProductPush {
    /// The last product revision pushed.
    static let cursorKey = "products.pushed_revision"

    let session: SyncSession
    let catalog: BaseLinkerCatalog
    /// The cards to add and to update, with what BaseLinker shows of the latter now.
    let entries: [Entry]
    /// The revision the push brings BaseLinker up to.
    let revision: Int64
    /// The last stock movement when the cards' levels were read.
    var levelsAsOf: Int64 = 0

    /// Cards whose levels BaseLinker has as they stood after movement `asOf` (added with them,
    /// or made from its products with its levels): the stock push of the same run sends their
    /// levels only if they moved since. Nothing moves stock between the two reads but the run.
    struct StockSent {
        var products: Set<Int64> = []
        var asOf: Int64 = 0
    }

    struct Entry {
        var card: Product
        /// The listed item when the card is linked; nil for a card to add.
        var listed: CatalogItem?
        var levels: [String: Int]
        /// The card is not linked, and `listed` has its SKU: it is linked to it, not added.
        var adopt: Bool
    }

    /// Finds the cards to push and reads what BaseLinker lists of them (to send only changes
    /// and show them): `getInventories`, then one call per 1,000 listed.
    ///
    /// `listing`: what BaseLinker lists, when it was just read (the first run of mode `firmino`
    /// links before it pushes). The VAT rates of changed linked cards are read
    /// (`getInventoryProductsData`, one call per 1,000) where the listing lacks them: the list
    /// does not give them.
    static func prepare(
        _ session: SyncSession, catalog: BaseLinkerCatalog? = nil, listing: [CatalogItem]? = nil
    ) async throws -> ProductPush {
        let catalog = if let catalog { catalog } else { try await BaseLinkerCatalog.open(session) }
        let (cards, revision, warehouses) = try session.store.read { reader in
            let pushed = try reader.cursor(cursorKey).flatMap(Int64.init) ?? 0
            let cards = try reader.products().filter { $0.baselinkerProductId == nil || $0.revision > pushed }
            return (cards, try reader.productRevision(), try reader.warehouses().filter { $0.baselinkerWarehouse != nil })
        }
        guard !cards.isEmpty else { return ProductPush(session: session, catalog: catalog, entries: [], revision: revision) }
        var listed = if let listing { listing } else { try await catalog.listing() }
        let changedLinks = Set(cards.compactMap { $0.baselinkerProductId.map(Int.init) })
        let rates = try await catalog.data(for: Set(listed.filter { $0.vatRate == nil && changedLinks.contains($0.productId) }.map(\.productId)))
        for index in listed.indices where listed[index].vatRate == nil {
            listed[index].vatRate = rates[listed[index].productId]?.taxRate.flatMap { VATRate(baselinker: $0.doubleValue) }
        }
        let byLink = Dictionary(listed.map { (Link($0.productId, $0.variantId), $0) }, uniquingKeysWith: { first, _ in first })
        let (entries, asOf) = try session.store.read { reader in
            // A listed product no card is linked to, with the SKU of a card to add, is that card
            // (added by an earlier push whose answer was lost, or by hand): linked, not added twice.
            var unlinkedBySKU: [String: CatalogItem] = [:]
            for item in listed where !item.sku.isEmpty {
                let key = Normalize.sku(item.sku)
                guard unlinkedBySKU[key] == nil,
                      try reader.productForBaseLinker(productId: Int64(item.productId), variantId: item.variantId.map(Int64.init)) == nil
                else { continue }
                unlinkedBySKU[key] = item
            }
            let entries = try cards.map { card in
                var levels: [String: Int] = [:]
                for warehouse in warehouses {
                    levels[warehouse.baselinkerWarehouse!] = try reader.stockLevel(productId: card.id, warehouseId: warehouse.id)
                }
                if card.baselinkerProductId == nil, let sku = card.sku, let item = unlinkedBySKU.removeValue(forKey: Normalize.sku(sku)) {
                    return Entry(card: card, listed: item, levels: levels, adopt: true)
                }
                let listedItem = card.baselinkerProductId.flatMap { byLink[Link(Int($0), card.baselinkerVariantId.map(Int.init))] }
                return Entry(card: card, listed: listedItem, levels: levels, adopt: false)
            }
            return (entries, try reader.lastStockMovementId())
        }
        var push = ProductPush(session: session, catalog: catalog, entries: entries, revision: revision)
        push.levelsAsOf = asOf
        return push
    }

    private struct Link: Hashable {
        let product: Int
        let variant: Int?
        init(_ product: Int, _ variant: Int?) { (self.product, self.variant) = (product, variant) }
    }

    /// What the push would do: one change per card.
    func plan() -> [SyncSummary.ProductChange] {
        entries.map { entry in
            let card = entry.card
            let link = card.baselinkerProductId.map { id in card.baselinkerVariantId.map { "\(id)/\($0)" } ?? String(id) }
            guard let listed = entry.listed else {
                let action = card.baselinkerProductId == nil ? "created" : "updated"
                return SyncSummary.ProductChange(
                    action: action, productId: card.id, baselinker: link ?? "new", name: card.name,
                    changes: draftFields(card).described,
                    stockChanges: entry.levels.sorted { $0.key < $1.key }.map { "stock \($0.key): \(max(0, $0.value))" })
            }
            var theirs = ProductFields(name: listed.name, sku: listed.sku.isEmpty ? nil : listed.sku, ean: listed.ean.isEmpty ? nil : listed.ean)
            theirs.vatRate = listed.vatRate ?? card.vatRate
            theirs.grossPrice = listed.priceGross ?? card.grossPrice
            var ours = draftFields(card)
            if !session.configuration.products.updateNames { ours.name = theirs.name }
            let changes = theirs.differences(to: ours).filter { !$0.hasPrefix("baselinker:") }
            if entry.adopt {
                return SyncSummary.ProductChange(
                    action: "linked", productId: card.id, baselinker: listed.label, name: card.name,
                    changes: ["baselinker: — → \(listed.label) (the same SKU)"] + changes)
            }
            return SyncSummary.ProductChange(
                action: changes.isEmpty ? "unchanged" : "updated", productId: card.id, baselinker: link ?? "",
                name: card.name, changes: changes)
        }
    }

    private func draftFields(_ card: Product) -> ProductFields {
        var fields = card.fields
        fields.baselinkerProductId = nil
        fields.baselinkerVariantId = nil
        return fields
    }

    /// Sends the cards and keeps their links; returns the changes made, and the warnings
    /// (levels below zero sent as 0, what BaseLinker did not take). A card BaseLinker refuses
    /// is in `products.failed`, and the cursor stays: the next push tries it again (the cards
    /// sent meanwhile compare unchanged then, and are not sent twice).
    func run(into summary: inout SyncSummary) async throws -> (changes: [SyncSummary.ProductChange], stockSent: StockSent) {
        var changes: [SyncSummary.ProductChange] = []
        var stockSent = StockSent(asOf: levelsAsOf)
        var failed = false
        for (entry, planned) in zip(entries, plan()) where planned.action != "unchanged" {
            var card = entry.card
            if entry.adopt, let item = entry.listed {
                card = try session.store.write { tx in
                    try tx.linkProduct(id: card.id, baselinkerProductId: Int64(item.productId), variantId: item.variantId.map(Int64.init))
                }
                summary.products.linked += 1
                guard planned.changes.count > 1 else {
                    changes.append(planned)
                    continue
                }
            }
            var draft = InventoryProductDraft(
                inventoryID: catalog.inventoryId, sku: card.sku ?? "", ean: card.ean ?? "",
                taxRate: DecimalAmount(text: Self.baselinkerRate(card.vatRate)),
                prices: [catalog.priceGroup: DecimalAmount(text: card.grossPrice.decimalString)!])
            var negative: [String] = []
            if let linked = card.baselinkerProductId {
                draft.productID = Int(card.baselinkerVariantId ?? linked)
                if session.configuration.products.updateNames { draft.name = card.name }
            } else {
                draft.name = card.name
                for (key, level) in entry.levels {
                    draft.stock[key] = max(0, level)
                    if level < 0 { negative.append("product \(card.id) (\(card.name)) is at \(level) in \(key): sent to BaseLinker as 0") }
                }
            }
            let added: AddedInventoryProduct
            do {
                added = try await session.client.addInventoryProduct(draft)
            } catch let error as BaseLinkerError where error.kind == .api {
                failed = true
                summary.products.failed.append(SyncSummary.ProductProblem(baselinker: planned.baselinker, reason: "product \(card.id) (\(card.name)): \(error)"))
                continue
            }
            for warning in negative.sorted() { summary.warn(.negativeSent, warning) }
            for (field, message) in added.warnings.sorted(by: { $0.key < $1.key }) {
                summary.warnings.append("BaseLinker about product \(card.id) (\(card.name))\(field.isEmpty ? "" : ", \(field)"): \(message)")
            }
            var change = planned
            if card.baselinkerProductId == nil {
                _ = try session.store.write { try $0.linkProduct(id: card.id, baselinkerProductId: Int64(added.productID)) }
                stockSent.products.insert(card.id)
                change.baselinker = String(added.productID)
            }
            summary.products.pushed += 1
            changes.append(change)
        }
        // Linking raised the revisions of the cards just added: they are as BaseLinker has them.
        if !failed {
            try session.store.write { tx in
                try tx.setCursor(Self.cursorKey, to: String(max(revision, try tx.productRevision())))
            }
        }
        return (changes, stockSent)
    }

    /// BaseLinker's `tax_rate` for a rate: the percentage, or −1, −0.02, −0.03 for `zw`, `np`, `oo`.
    static func baselinkerRate(_ rate: VATRate) -> String {
        switch rate {
        case .percent(let hundredths): return Money(minorUnits: Int64(hundredths)).decimalString
        case .exempt: return "-1"
        case .notTaxable: return "-0.02"
        case .reverseCharge: return "-0.03"
        case .zeroWDT, .zeroExport: return "0"
        }
    }
}
