import Testing
@testable import FirminoStore

struct StockTests {
    @Test("levels are the sums of movements per product and warehouse, and may go below zero")
    func levels() throws {
        try TestStore.withCatalog { tx, catalog throws in
            let berlin = try tx.insertWarehouse(WarehouseFields(name: "Berlin", country: "DE"))
            try tx.moveStock(productId: catalog.mug.id, warehouseId: catalog.warehouse.id, delta: 10)
            try tx.moveStock(productId: catalog.mug.id, warehouseId: catalog.warehouse.id, delta: -3, note: "stłuczka")
            try tx.moveStock(productId: catalog.mug.id, warehouseId: berlin.id, delta: -1)
            try tx.moveStock(productId: catalog.plate.id, warehouseId: berlin.id, delta: 4)
            #expect(try tx.stockLevel(productId: catalog.mug.id, warehouseId: catalog.warehouse.id) == 7)
            #expect(try tx.stockLevel(productId: catalog.plate.id, warehouseId: catalog.warehouse.id) == 0)
            #expect(try tx.stockLevels() == [
                StockLevel(productId: catalog.mug.id, warehouseId: catalog.warehouse.id, quantity: 7),
                StockLevel(productId: catalog.mug.id, warehouseId: berlin.id, quantity: -1),
                StockLevel(productId: catalog.plate.id, warehouseId: berlin.id, quantity: 4),
            ])
            #expect(try tx.negativeStockLevels() == [StockLevel(productId: catalog.mug.id, warehouseId: berlin.id, quantity: -1)])
            #expect(try tx.stockMovements().map(\.note) == ["", "stłuczka", "", ""])
        }
    }

    @Test("setting a level adds the adjusting movement, and none when it is already there")
    func setLevel() throws {
        try TestStore.withCatalog { tx, catalog throws in
            try tx.moveStock(productId: catalog.mug.id, warehouseId: catalog.warehouse.id, delta: 5)
            let movement = try tx.setStockLevel(productId: catalog.mug.id, warehouseId: catalog.warehouse.id, to: 2)
            #expect(movement?.delta == -3)
            #expect(movement?.reason == .adjustment)
            #expect(try tx.setStockLevel(productId: catalog.mug.id, warehouseId: catalog.warehouse.id, to: 2) == nil)
            #expect(try tx.stockLevel(productId: catalog.mug.id, warehouseId: catalog.warehouse.id) == 2)
        }
    }

    @Test("a sale below zero goes through and reports the negative level")
    func saleBelowZero() throws {
        let inserted = try TestStore.withCatalog { tx, catalog throws in
            try tx.moveStock(productId: catalog.mug.id, warehouseId: catalog.warehouse.id, delta: 1)
            try tx.moveStock(productId: catalog.plate.id, warehouseId: catalog.warehouse.id, delta: 10)
            return try tx.insertDocument(receiptDraft(lines: [
                DocumentLineDraft(name: "Kubek", quantity: 3, unitGross: money("1.00"), vatRate: .standard,
                                  productId: catalog.mug.id, warehouseId: catalog.warehouse.id),
                DocumentLineDraft(name: "Talerz", quantity: 2, unitGross: money("1.00"), vatRate: .standard,
                                  productId: catalog.plate.id, warehouseId: catalog.warehouse.id),
                DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("1.00"), vatRate: .standard,
                                  productId: catalog.mug.id, warehouseId: catalog.warehouse.id),
            ]))
        }
        #expect(inserted.negativeLevels == [StockLevel(productId: 1, warehouseId: 1, quantity: -3)])
        let allNegative = inserted.negativeLevels.allSatisfy { $0.isNegative }
        #expect(allNegative)
    }

    @Test("lines without a product or a warehouse, or drafts that move no stock, leave stock alone")
    func noMovement() throws {
        try TestStore.withCatalog { tx, catalog throws in
            var draft = receiptDraft(lines: [
                DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("1.00"), vatRate: .standard, productId: catalog.mug.id),
                DocumentLineDraft(name: "Dostawa", quantity: 1, unitGross: money("1.00"), vatRate: .standard, warehouseId: catalog.warehouse.id),
                DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("1.00"), vatRate: .standard,
                                  productId: catalog.mug.id, warehouseId: catalog.warehouse.id),
            ])
            draft.movesStock = false
            #expect(try tx.insertDocument(draft).movements.isEmpty)
            draft.movesStock = true
            #expect(try tx.insertDocument(draft).movements.count == 1)
        }
    }

    @Test("changed levels since a movement cursor: what a stock push sends")
    func changesSinceCursor() throws {
        try TestStore.withCatalog { tx, catalog throws in
            try tx.moveStock(productId: catalog.mug.id, warehouseId: catalog.warehouse.id, delta: 3)
            let first = try tx.stockChanges(afterMovement: 0)
            #expect(first.levels.count == 1)
            try tx.moveStock(productId: catalog.plate.id, warehouseId: catalog.warehouse.id, delta: 2)
            let second = try tx.stockChanges(afterMovement: first.lastMovementId)
            #expect(second.levels == [StockLevel(productId: catalog.plate.id, warehouseId: catalog.warehouse.id, quantity: 2)])
            let none = try tx.stockChanges(afterMovement: second.lastMovementId)
            #expect(none.levels.isEmpty)
            #expect(none.lastMovementId == second.lastMovementId)
        }
    }

    @Test("movements name an existing product and warehouse")
    func unknownRows() throws {
        try TestStore.withCatalog { tx, catalog throws in
            let error = #expect(throws: StoreError.self) {
                try tx.moveStock(productId: 99, warehouseId: catalog.warehouse.id, delta: 1)
            }
            #expect(error?.code == .notFound)
            #expect(throws: StoreError.self) { try tx.moveStock(productId: catalog.mug.id, warehouseId: 99, delta: 1) }
        }
    }
}
