package import BaseLinkerModels
package import BaseLinkerModels
package import Foundation

/// The in-memory BaseLinker account the sandbox serves: statuses, sources, warehouses, one
/// inventory with products, orders, invoices and the journal. Every API call runs on this actor,
/// so calls are atomic; tests reach the same state through its package methods (move an order to
/// another status, add an order between two syncs, read what a sync attached, edit a product as a
/// seller would in the panel).
package actor SandboxAccount {
    var state: AccountState
    let clock: any SandboxClock

    /// 2026-11-01 00:00 in Europe/Warsaw: the first `date_confirmed` of a generated account.
    package static let defaultOrdersStart = WarsawTime.startOfDay(year: 2026, month: 11, day: 1)

    /// A generated account; the same arguments give a byte-identical ``snapshot()``.
    package init(
        seed: UInt64 = 1, orders: Int = 200, products: Int = 100,
        ordersStart: Date = SandboxAccount.defaultOrdersStart, clock: any SandboxClock = SystemSandboxClock()
    ) {
        state = AccountGenerator(
            seed: seed, orderCount: max(orders, 0), productCount: max(products, 0), start: ordersStart
        ).generate()
        self.clock = clock
    }

    var now: Int { Int(clock.now.timeIntervalSince1970) }

    // MARK: Reading

    package var statuses: [SandboxStatus] { state.statuses }
    package var orderSources: [SandboxOrderSource] { state.sources }
    package var warehouses: [SandboxWarehouse] { state.warehouses }
    package var inventories: [SandboxInventory] { state.inventories }
    package var priceGroups: [SandboxPriceGroup] { state.priceGroups }
    package var series: [SandboxSeries] { state.series }
    package var journal: [SandboxJournalEntry] { state.journal }

    /// All orders by id, unconfirmed ones included.
    package func orders() -> [SandboxOrder] { state.sortedOrders }
    package func order(_ id: Int) -> SandboxOrder? { state.orders[id] }

    /// Invoices by id, of one order or of all.
    package func invoices(orderId: Int? = nil) -> [SandboxInvoice] {
        state.sortedInvoices.filter { orderId == nil || $0.orderId == orderId }
    }

    /// The order as `getOrders` would send it.
    package func orderJSON(_ id: Int) -> JSONValue? { state.orders[id]?.json }

    // MARK: Changing

    /// Adds an order with the next free id and returns it. A confirmed order without a
    /// `date_confirmed` gets one second after the latest order's.
    @discardableResult
    package func addOrder(_ order: SandboxOrder) -> SandboxOrder {
        var order = order
        if order.confirmed, order.dateConfirmed == 0 {
            order.dateConfirmed = latestOrderDate + 1
            order.dateAdd = order.dateConfirmed
            order.dateInStatus = order.dateConfirmed
        }
        return state.insert(order)
    }

    /// Adds `count` realistic orders, drawn from `seed` like the account's own, arriving after
    /// every existing order (for "new orders between two syncs"). As for the account's own, an
    /// item they ship from a warehouse that holds less than all the orders ship of it from there
    /// gets that and a few more, as if a delivery had come in before them.
    @discardableResult
    package func addGeneratedOrders(_ count: Int, seed: UInt64) -> [SandboxOrder] {
        let start = Date(timeIntervalSince1970: TimeInterval(latestOrderDate + 1))
        var generator = OrderGenerator(seed: seed, start: start, products: state.sortedProducts)
        generator.nextShopOrderId = (state.orders.values.map(\.shopOrderId).max() ?? 0) + 1
        let added = (0..<max(count, 0)).map { state.insert(generator.makeOrder(index: $0, of: count)) }
        var margins = SeededRandom(seed: seed, stream: "order-stock")
        state.stockUp(for: added, margins: &margins)
        return added
    }

    private var latestOrderDate: Int {
        state.orders.values.map { max($0.dateConfirmed, $0.dateAdd) }.max() ?? now
    }

    /// Changes an order in place; its id stays.
    package func updateOrder(_ id: Int, _ change: @Sendable (inout SandboxOrder) -> Void) throws(SandboxAPIError) {
        guard var order = state.orders[id] else { throw .orderNotFound(id) }
        change(&order)
        order.id = id
        state.orders[id] = order
    }

    /// Removes an order, as a seller deleting it in BaseLinker would (journal event 4).
    package func deleteOrder(_ id: Int) throws(SandboxAPIError) {
        guard state.orders.removeValue(forKey: id) != nil else { throw .orderNotFound(id) }
        state.record(orderId: id, type: 4, objectId: id, date: now)
    }

    /// Moves an order to a status, as `setOrderStatus` does (journal event 18).
    package func setOrderStatus(_ orderId: Int, to statusId: Int) throws(SandboxAPIError) {
        try applyStatus(statusId, to: [orderId])
    }

    // MARK: The protocol

    /// Runs one API method on the account and returns the fields that go beside
    /// `"status": "SUCCESS"`.
    package func call(_ method: String, parameters: [String: JSONValue]) throws(SandboxAPIError) -> [String: JSONValue] {
        let p = Parameters(parameters)
        switch method {
        case "getOrders": return try getOrders(p)
        case "getOrderStatusList": return getOrderStatusList()
        case "getOrderSources": return getOrderSources()
        case "setOrderStatus": return try setOrderStatus(p)
        case "setOrderStatuses": return try setOrderStatuses(p)
        case "getJournalList": return try getJournalList(p)
        case "getSeries": return getSeries()
        case "addInvoice": return try addInvoice(p)
        case "getInvoices": return try getInvoices(p)
        case "addOrderInvoiceFile": return try addOrderInvoiceFile(p)
        case "getInventories": return getInventories()
        case "getInventoryWarehouses": return getInventoryWarehouses()
        case "addInventoryWarehouse": return try addInventoryWarehouse(p)
        case "getInventoryPriceGroups": return getInventoryPriceGroups()
        case "getInventoryProductsList": return try getInventoryProductsList(p)
        case "getInventoryProductsData": return try getInventoryProductsData(p)
        case "getInventoryProductsStock": return try getInventoryProductsStock(p)
        case "updateInventoryProductsStock": return try updateInventoryProductsStock(p)
        case "getInventoryProductsPrices": return try getInventoryProductsPrices(p)
        case "addInventoryProduct": return try addInventoryProduct(p)
        case "deleteInventoryProduct": return try deleteInventoryProduct(p)
        default: throw .unknownMethod(method)
        }
    }

    /// Method names `call` answers.
    package static let methods: [String] = [
        "getOrders", "getOrderStatusList", "getOrderSources", "setOrderStatus", "setOrderStatuses",
        "getJournalList", "getSeries", "addInvoice", "getInvoices", "addOrderInvoiceFile", "getInventories",
        "getInventoryWarehouses", "addInventoryWarehouse", "getInventoryPriceGroups", "getInventoryProductsList",
        "getInventoryProductsData", "getInventoryProductsStock", "updateInventoryProductsStock",
        "getInventoryProductsPrices", "addInventoryProduct", "deleteInventoryProduct",
    ]
}
