/// Everything the sandbox account holds. The account actor owns one and the methods change it.
struct AccountState: Sendable {
    var statuses: [SandboxStatus] = []
    var sources: [SandboxOrderSource] = []
    var warehouses: [SandboxWarehouse] = []
    var priceGroups: [SandboxPriceGroup] = []
    var inventories: [SandboxInventory] = []
    var series: [SandboxSeries] = []
    var products: [Int: SandboxProduct] = [:]
    /// Variant id → its product's id.
    var variantParents: [Int: Int] = [:]
    var orders: [Int: SandboxOrder] = [:] {
        didSet { ordersVersion &+= 1 }
    }
    var invoices: [Int: SandboxInvoice] = [:]
    var journal: [SandboxJournalEntry] = []

    var nextOrderId = 6_200_001
    /// Products and variants draw their ids from this one sequence.
    var nextProductId = 20_001
    var nextInvoiceId = 880_001
    var nextWarehouseId = 4
    var nextJournalId = 1
    var nextOrderProductId = 90_000_001

    var sortedProducts: [SandboxProduct] { products.keys.sorted().compactMap { products[$0] } }
    var sortedOrders: [SandboxOrder] { orders.keys.sorted().compactMap { orders[$0] } }

    /// Counts changes to ``orders``, so that ``idsByConfirmation()`` knows when to sort again.
    private var ordersVersion = 0
    private var confirmationIndex: (version: Int, ids: [Int])?

    /// Every order id by `date_confirmed`, then id: `getOrders` pages through it instead of
    /// sorting every order for each page of 100. Sorted again after any change to an order.
    mutating func idsByConfirmation() -> [Int] {
        if let index = confirmationIndex, index.version == ordersVersion { return index.ids }
        let ids = orders.values.sorted { ($0.dateConfirmed, $0.id) < ($1.dateConfirmed, $1.id) }.map(\.id)
        confirmationIndex = (ordersVersion, ids)
        return ids
    }
    var sortedInvoices: [SandboxInvoice] { invoices.keys.sorted().compactMap { invoices[$0] } }

    func warehouse(key: String) -> SandboxWarehouse? {
        warehouses.first { $0.key == key }
    }

    mutating func record(orderId: Int, type: Int, objectId: Int, date: Int) {
        journal.append(SandboxJournalEntry(id: nextJournalId, orderId: orderId, type: type, objectId: objectId, date: date))
        nextJournalId += 1
    }

    /// Adds an order with the next id, numbering its lines, and records its creation.
    @discardableResult
    mutating func insert(_ order: SandboxOrder) -> SandboxOrder {
        var order = order
        order.id = nextOrderId
        nextOrderId += 1
        for index in order.lines.indices where order.lines[index].orderProductId == 0 {
            order.lines[index].orderProductId = nextOrderProductId
            nextOrderProductId += 1
        }
        orders[order.id] = order
        record(orderId: order.id, type: 1, objectId: 0, date: order.dateAdd)
        return order
    }
}
