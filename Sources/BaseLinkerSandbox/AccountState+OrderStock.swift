/// The stock the orders ship. The account stands for a shop before its orders took their goods:
/// each item (a product without variants, or a variant) holds, in every `bl_` warehouse an order
/// ships it from, what the orders ship of it from there and a few more. A store that takes this
/// stock and then issues a document for every order never takes an inventory item below zero.
extension AccountState {
    /// An inventory item in one `bl_` warehouse.
    struct StockSlot: Hashable, Comparable {
        let item: Int
        let warehouse: Int

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.item, lhs.warehouse) < (rhs.item, rhs.warehouse)
        }
    }

    /// What the orders' inventory lines ship of each item from each `bl_` warehouse.
    func shipped(by orders: some Sequence<SandboxOrder>) -> [StockSlot: Int] {
        let warehouses = Set(self.warehouses.filter { $0.type == "bl" }.map(\.id))
        var shipped: [StockSlot: Int] = [:]
        for line in orders.lazy.flatMap(\.lines) where line.storage == "db" && warehouses.contains(line.warehouseId) {
            guard let item = line.variantId != 0 ? line.variantId : Int(line.productId) else { continue }
            shipped[StockSlot(item: item, warehouse: line.warehouseId), default: 0] += line.quantity
        }
        return shipped
    }

    /// Where `orders` ship an item from a warehouse that holds less than all the account's orders
    /// ship of it from there plus a margin (1 to 12, drawn from `margins` in slot order), raises
    /// the stock to that. Stock no order ships stays as drawn, 0 included.
    mutating func stockUp(for orders: some Sequence<SandboxOrder>, margins: inout SeededRandom) {
        let needed = shipped(by: self.orders.values)
        for slot in shipped(by: orders).keys.sorted() {
            let wanted = (needed[slot] ?? 0) + margins.int(1...12)
            // An order may name an item the inventory no longer has.
            guard let stock = item(slot.item)?.stock, stock[slot.warehouse, default: 0] < wanted else { continue }
            setStock(slot.item, warehouse: slot.warehouse, quantity: wanted)
        }
    }
}
