import Foundation
import GRDB

/// The ceiling of a sync's store work, for the benchmark (`firmlink-bench store-ceiling`): the
/// rows a sync writes for an order, written straight through GRDB's kept statements with none
/// of the sync's checks, look-ups or rules, committed the way a sync commits them (groups of
/// 200 orders, a savepoint each). The sync's own rate divided by this one says how close its
/// store work comes to what SQLite and GRDB allow.
///
/// An order here is shaped like the sandbox's average one: a new contractor for seven orders in
/// ten, a numbered document with two or three lines (2.5) that each take stock out of a
/// warehouse, its VAT totals, and one outbox row.
package enum StoreCeiling {
    /// Writes `orders` orders into `store` (a new, empty one) and returns the seconds taken.
    package static func run(orders: Int, in store: Store) throws -> Double {
        let (warehouse, products) = try store.write { tx in
            let warehouse = try tx.insertWarehouse(WarehouseFields(name: "Główny", country: "PL"), isDefault: true)
            let products = try (1...100).map { index in
                try tx.insertProduct(ProductFields(name: "Produkt \(index)", sku: "P-\(index)", grossPrice: Money(minorUnits: 999)))
            }
            return (warehouse, products)
        }
        let now = Date()
        let day = BusinessDate(now, in: TimeZone(identifier: "Europe/Warsaw") ?? .current)
        let start = DispatchTime.now().uptimeNanoseconds
        var order = 0
        while order < orders {
            let group = min(200, orders - order)
            try store.write { tx in
                for index in order..<(order + group) {
                    try tx.inSavepoint { try write(order: index, in: tx, day: day, now: now, warehouse: warehouse, products: products) }
                }
            }
            order += group
        }
        try store.makeDurable()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func write(
        order index: Int, in tx: StoreTransaction, day: BusinessDate, now: Date, warehouse: Warehouse, products: [Product]
    ) throws {
        let buyer = PartyDetails(name: "Kupujący \(index)", address: "ul. Polna \(index)", postcode: "00-950", city: "Warszawa", country: "PL")
        var contractorId: Int64?
        if index % 10 < 7 {
            var contractor = Contractor(ContractorFields(name: buyer.name, address: buyer.address, postcode: buyer.postcode, city: buyer.city), id: nil)
            try tx.insert(&contractor)
            contractorId = contractor.id
        }
        let lines = (0..<(2 + index % 2)).map { position in
            let product = products[(index + position) % products.count]
            return DocumentLineDraft(
                name: product.name, sku: product.sku, quantity: 1 + position, unitGross: product.grossPrice, vatRate: product.vatRate,
                productId: product.id, warehouseId: warehouse.id)
        }
        let draft = DocumentDraft(
            type: .receipt, issueDate: day, saleDate: day, buyer: buyer, contractorId: contractorId,
            baselinkerOrderId: Int64(index + 1), lines: lines)
        let sequence = try DocumentNumberer.next(tx.db, type: .receipt, period: day.period)
        let vat = try VATSummary(lines: lines.map { (rate: $0.vatRate, gross: $0.unitGross.times($0.quantity)) })
        let number = tx.context.options.numbering.number(for: .receipt, sequence: sequence, date: day)
        var header = DocumentHeader(draft, number: number, sequence: sequence, vat: vat, createdAt: now)
        try tx.insert(&header)
        let documentId = tx.db.lastInsertedRowID
        for (position, draftLine) in lines.enumerated() {
            var line = DocumentLine(draftLine, documentId: documentId, position: position + 1)
            try tx.insert(&line)
            var movement = StockMovement(
                productId: draftLine.productId ?? 0, warehouseId: warehouse.id, delta: -draftLine.quantity, reason: .sale,
                documentId: documentId, note: number, createdAt: now)
            try tx.insert(&movement)
        }
        for row in vat.rows {
            var total = DocumentVATTotal(documentId: documentId, row)
            try tx.insert(&total)
        }
        var item = OutboxItem(
            kind: .setOrderStatus, payload: Data(#"{"order_id":\#(index + 1),"status_id":1006}"#.utf8), documentId: documentId,
            createdAt: now)
        try tx.insert(&item)
    }
}
