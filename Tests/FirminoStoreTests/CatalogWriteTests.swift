import Testing
import FirminoStore

struct CatalogWriteTests {
    @Test("exactly one default warehouse: the first, or the one made default")
    func singleDefault() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            let a = try tx.insertWarehouse(WarehouseFields(name: "A"))
            let b = try tx.insertWarehouse(WarehouseFields(name: "B"))
            #expect(a.isDefault && !b.isDefault)
            let c = try tx.insertWarehouse(WarehouseFields(name: "C"), isDefault: true)
            #expect(c.isDefault)
            #expect(try tx.warehouses().filter(\.isDefault).map(\.id) == [c.id])
            try tx.setDefaultWarehouse(id: a.id)
            #expect(try tx.warehouses().filter(\.isDefault).map(\.id) == [a.id])
        }
    }

    @Test("a BaseLinker warehouse links to one store warehouse only")
    func uniqueWarehouseLink() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            let a = try tx.insertWarehouse(WarehouseFields(name: "A", baselinkerWarehouse: "bl_1"))
            let b = try tx.insertWarehouse(WarehouseFields(name: "B"))
            let error = #expect(throws: StoreError.self) { try tx.linkWarehouse(id: b.id, baselinker: "bl_1") }
            #expect(error?.code == .duplicateLink)
            #expect(error?.message.contains("warehouse \(a.id)") == true)
            #expect(try tx.linkWarehouse(id: a.id, baselinker: "bl_1").baselinkerWarehouse == "bl_1")
            #expect(try tx.linkWarehouse(id: a.id, baselinker: nil).baselinkerWarehouse == nil)
            #expect(try tx.linkWarehouse(id: b.id, baselinker: "bl_1").baselinkerWarehouse == "bl_1")
            let bad = #expect(throws: StoreError.self) { try tx.linkWarehouse(id: a.id, baselinker: "warehouse 7") }
            #expect(bad?.code == .invalidInput)
        }
    }

    @Test("a BaseLinker warehouse link is kept in the one spelling look-ups use, and a link to no warehouse is refused")
    func canonicalWarehouseLink() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            let a = try tx.insertWarehouse(WarehouseFields(name: "A", baselinkerWarehouse: " BL_01 "))
            #expect(a.baselinkerWarehouse == "bl_1")
            #expect(try tx.warehouseForBaseLinker("bl_1")?.id == a.id)
            #expect(try tx.warehouseForBaseLinker("bl_001")?.id == a.id)
            let b = try tx.insertWarehouse(WarehouseFields(name: "B"))
            let duplicate = #expect(throws: StoreError.self) { try tx.linkWarehouse(id: b.id, baselinker: "bl_0001") }
            #expect(duplicate?.code == .duplicateLink)
            for bad in ["bl_0", "bl_+1", "bl_-1", "bl_", "bl_1x", "bl_99999999999999999999"] {
                let error = #expect(throws: StoreError.self) { try tx.linkWarehouse(id: b.id, baselinker: bad) }
                #expect(error?.code == .invalidInput, "\(bad)")
                #expect(try tx.warehouseForBaseLinker(bad) == nil)
            }
        }
    }

    @Test("a BaseLinker product links to one store product only")
    func uniqueProductLink() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            let a = try tx.insertProduct(ProductFields(name: "A", baselinkerProductId: 5))
            let error = #expect(throws: StoreError.self) { try tx.insertProduct(ProductFields(name: "B", baselinkerProductId: 5)) }
            #expect(error?.code == .duplicateLink)
            #expect(error?.message.contains("product \(a.id) ('A')") == true)
        }
    }

    @Test("every change to a product raises its revision from a store-wide counter")
    func revisions() throws {
        let test = try TestStore()
        let (a, b) = try test.store.write { tx throws in
            (try tx.insertProduct(ProductFields(name: "A")), try tx.insertProduct(ProductFields(name: "B")))
        }
        #expect(b.revision > a.revision)
        let start = try test.store.read { try $0.productRevision() }
        let updated = try test.store.write { tx throws in
            var fields = a.fields
            fields.grossPrice = money("12.00")
            return try tx.updateProduct(id: a.id, fields)
        }
        #expect(updated.revision > start)
        let unchanged = try test.store.write { tx in try tx.updateProduct(id: a.id, updated.fields) }
        #expect(unchanged.revision == updated.revision)
        let linked = try test.store.write { tx in try tx.linkProduct(id: b.id, baselinkerProductId: 77) }
        try test.store.read { reader throws in
            #expect(try reader.products(changedAfterRevision: start).map(\.id) == [a.id, b.id])
            #expect(try reader.productRevision() == linked.revision)
            #expect(try reader.products(changedAfterRevision: linked.revision).isEmpty)
            #expect(try reader.product(id: a.id)?.grossPrice == money("12.00"))
        }
    }

    @Test("explicit ids are kept, and a taken id is refused")
    func explicitIds() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            #expect(try tx.insertProduct(ProductFields(name: "Kubek"), id: 10).id == 10)
            #expect(try tx.insertContractor(ContractorFields(name: "ACME"), id: 5).id == 5)
            #expect(try tx.insertWarehouse(WarehouseFields(name: "Główny"), id: 3).id == 3)
            #expect(try tx.insertProduct(ProductFields(name: "Talerz")).id == 11)
            let error = #expect(throws: StoreError.self) { try tx.insertProduct(ProductFields(name: "X"), id: 10) }
            #expect(error?.message.contains("id 10 already exists") == true)
        }
    }

    @Test("contractor updates change the contractor, not the buyer printed on earlier documents")
    func contractorUpdate() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            let contractor = try tx.insertContractor(ContractorFields(name: "Stara Nazwa", taxId: "PL 111-222-33-44"))
            let doc = try tx.insertDocument(DocumentDraft(
                type: .invoice, issueDate: day("2026-11-05"), saleDate: day("2026-11-05"),
                buyer: PartyDetails(contractor), contractorId: contractor.id,
                lines: [DocumentLineDraft(name: "Usługa", quantity: 1, unitGross: money("10.00"), vatRate: .standard)]))
            var fields = contractor.fields
            fields.name = "Nowa Nazwa"
            let updated = try tx.updateContractor(id: contractor.id, fields)
            #expect(updated.normalizedName == "nowa nazwa")
            #expect(updated.normalizedTaxId == "PL1112223344")
            #expect(try tx.document(id: doc.document.id)?.buyer.name == "Stara Nazwa")
            #expect(try tx.contractorsByName("stara nazwa").isEmpty)
        }
    }

    @Test("blank names and bad countries are refused with the reason")
    func validation() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            #expect(throws: StoreError.self) { try tx.insertProduct(ProductFields(name: "  ")) }
            #expect(throws: StoreError.self) { try tx.insertContractor(ContractorFields(name: "")) }
            let error = #expect(throws: StoreError.self) { try tx.insertWarehouse(WarehouseFields(name: "X", country: "Polska")) }
            #expect(error?.message.contains("'Polska'") == true)
            #expect(throws: StoreError.self) { try tx.updateProduct(id: 99, ProductFields(name: "Y")) }
        }
    }
}
