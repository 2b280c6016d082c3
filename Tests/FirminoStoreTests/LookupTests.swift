import Testing
import FirminoStore

/// The look-ups the rule hooks get as `ctx.store`.
struct LookupTests {
    @Test("products by id, normalised name (lowest id first), SKU, EAN and BaseLinker link")
    func products() throws {
        let test = try TestStore()
        let ids = try test.store.write { tx throws in
            let first = try tx.insertProduct(ProductFields(name: "Kubek  300 ml", sku: "KUB-300", ean: " 5901234123457 "))
            let second = try tx.insertProduct(ProductFields(name: "KUBEK 300 ML", sku: "kub-300", baselinkerProductId: 9001))
            let other = try tx.insertProduct(ProductFields(name: "Talerz"))
            return (first.id, second.id, other.id)
        }
        try test.store.read { reader throws in
            #expect(try reader.product(id: ids.2)?.name == "Talerz")
            #expect(try reader.product(id: 999) == nil)
            #expect(try reader.productsByName(" kubek 300 ml").map(\.id) == [ids.0, ids.1])
            #expect(try reader.productsByName("kubek").isEmpty)
            #expect(try reader.productBySKU(" Kub-300 ")?.id == ids.0)
            #expect(try reader.productBySKU("") == nil)
            #expect(try reader.productByEAN("5901234123457")?.id == ids.0)
            #expect(try reader.productByEAN("") == nil)
            #expect(try reader.productForBaseLinker(productId: 9001)?.id == ids.1)
            #expect(try reader.products().map(\.id) == [ids.0, ids.1, ids.2])
            let product = try #require(try reader.product(id: ids.0))
            #expect(product.unit == "szt")
            #expect(product.vatRate == .standard)
            #expect(product.ean == "5901234123457")
            #expect(product.normalizedName == "kubek 300 ml")
        }
    }

    @Test("contractors by id, normalised name (lowest id first) and normalised tax id")
    func contractors() throws {
        let test = try TestStore()
        let ids = try test.store.write { tx throws in
            (
                try tx.insertContractor(ContractorFields(name: "Jan Kowalski", city: "Łódź")).id,
                try tx.insertContractor(ContractorFields(name: "JAN  KOWALSKI", taxId: "pl 526-000-12-46")).id,
                try tx.insertContractor(ContractorFields(name: "ACME GmbH", taxId: "DE123456789", country: "de")).id
            )
        }
        try test.store.read { reader throws in
            #expect(try reader.contractor(id: ids.0)?.city == "Łódź")
            #expect(try reader.contractor(id: 42) == nil)
            #expect(try reader.contractorsByName("jan kowalski").map(\.id) == [ids.0, ids.1])
            #expect(try reader.contractorByTaxId("PL5260001246")?.id == ids.1)
            #expect(try reader.contractorByTaxId("pl 526.000.12.46")?.id == ids.1)
            #expect(try reader.contractorByTaxId("") == nil)
            #expect(try reader.contractor(id: ids.2)?.country == "DE")
            #expect(try reader.contractors().count == 3)
        }
    }

    @Test("warehouses by id, BaseLinker link and the default one")
    func warehouses() throws {
        let test = try TestStore()
        #expect(try test.store.read { try $0.defaultWarehouse() } == nil)
        let ids = try test.store.write { tx throws in
            (
                try tx.insertWarehouse(WarehouseFields(name: "Główny", country: "pl", baselinkerWarehouse: "bl_1")).id,
                try tx.insertWarehouse(WarehouseFields(name: "Berlin", country: "DE", baselinkerWarehouse: "BL_2")).id
            )
        }
        try test.store.read { reader throws in
            #expect(try reader.warehouse(id: ids.1)?.country == "DE")
            #expect(try reader.warehouseForBaseLinker("bl_2")?.id == ids.1)
            #expect(try reader.warehouseForBaseLinker("bl_3") == nil)
            #expect(try reader.defaultWarehouse()?.id == ids.0)
            #expect(try reader.warehouses().map(\.name) == ["Główny", "Berlin"])
        }
    }

    @Test("the transaction sees its own writes")
    func readYourWrites() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            let product = try tx.insertProduct(ProductFields(name: "Nowy produkt"))
            #expect(try tx.productsByName("nowy produkt").map(\.id) == [product.id])
        }
    }
}
