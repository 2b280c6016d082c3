import FirminoStore
import Foundation
import Sync
import Testing

/// `products add|edit|import`: fields as a person types them, and spreadsheets as they are saved.
struct ProductImportTests {
    func withStore<T>(_ body: (Store) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firmlink-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("firmlink.sqlite").path)
        defer { try? store.close() }
        try store.write { tx in
            _ = try tx.insertWarehouse(WarehouseFields(name: "Główny", country: "PL"), isDefault: true)
            _ = try tx.insertWarehouse(WarehouseFields(name: "Berlin", country: "DE"))
        }
        return try body(store)
    }

    @Test("a new card takes the fields given, decimal commas and all, and defaults the rest")
    func newCard() throws {
        let edit = ProductEdit(name: "  Kubek  ", sku: "KUB-1", ean: "5901234123457", vatRate: "8%", grossPrice: "19,90")
        let fields = try edit.fields(over: nil)
        #expect(fields.name == "Kubek" && fields.sku == "KUB-1" && fields.ean == "5901234123457")
        #expect(fields.vatRate == .percent(8) && fields.grossPrice.decimalString == "19.90" && fields.unit == "szt")
    }

    @Test("a bad value names its field and says what would do", arguments: [
        (ProductEdit(name: "A", vatRate: "22"), "vat_rate: '22' is not a VAT rate"),
        (ProductEdit(name: "A", grossPrice: "12.345"), "price_gross: '12.345' is not an amount"),
        (ProductEdit(name: "A", grossPrice: "-1"), "price_gross: '-1' is not an amount"),
        (ProductEdit(name: "A", ean: "5901234123458"), "ean: '5901234123458' has a wrong check digit (8; it should be 7)"),
        (ProductEdit(name: "A", ean: "12345"), "ean: '12345' has 5 digits"),
        (ProductEdit(name: "A", ean: "59O1234123457"), "ean: '59O1234123457' is not all digits"),
        (ProductEdit(sku: "X"), "name: a new product needs a name"),
        (ProductEdit(name: "   "), "name: a product needs a name"),
    ])
    func badValues(edit: ProductEdit, message: String) throws {
        #expect {
            _ = try edit.fields(over: nil)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("an edit changes only what it gives, says each change, and sets levels with a movement of its own")
    func editCard() throws {
        try withStore { store in
            let made = try store.write { try ProductEdit(name: "Kubek", sku: "KUB-1", grossPrice: "10").apply(to: nil, in: $0) }
            #expect(made.created)
            let revision = try store.read { try $0.productRevision() }
            let edit = ProductEdit(grossPrice: "12.50", stock: [1: "7", 2: "0"])
            let done = try store.write { try edit.apply(to: made.product.id, in: $0) }
            #expect(done.changes == ["price_gross: 10.00 → 12.50"])
            #expect(done.stockChanges == ["warehouse 1: 0 → 7"])
            #expect(done.product.sku == "KUB-1" && done.product.name == "Kubek")
            #expect(try store.read { try $0.productRevision() } > revision)
            let movements = try store.read { try $0.stockMovements() }
            #expect(movements.map(\.reason) == [.manual] && movements.map(\.delta) == [7])
            let same = try store.write { try edit.apply(to: made.product.id, in: $0) }
            #expect(same.changes.isEmpty && same.stockChanges.isEmpty)
        }
    }

    @Test("an edit of a missing card, a missing warehouse or another card's SKU writes nothing")
    func refusedEdits() throws {
        try withStore { store in
            let made = try store.write { try ProductEdit(name: "Kubek", sku: "KUB-1").apply(to: nil, in: $0) }
            let other = try store.write { try ProductEdit(name: "Talerz", sku: "TAL-1").apply(to: nil, in: $0) }
            let revision = try store.read { try $0.productRevision() }
            for (edit, id, message) in [
                (ProductEdit(grossPrice: "5"), Int64(99), "id: there is no product 99"),
                (ProductEdit(grossPrice: "5", stock: [9: "1"]), made.product.id, "stock:9: there is no warehouse 9"),
                (ProductEdit(sku: "kub-1"), other.product.id, "sku: 'kub-1' is the SKU of product \(made.product.id)"),
            ] {
                #expect {
                    try store.write { _ = try edit.apply(to: id, in: $0) }
                } throws: { error in
                    "\(error)".hasPrefix(message)
                }
            }
            #expect(try store.read { try $0.productRevision() } == revision)
            #expect(try store.read { try $0.stockMovements() }.isEmpty)
        }
    }

    @Test("a spreadsheet saved with Polish settings: semicolons, decimal commas, quotes, a byte order mark")
    func polishSpreadsheet() throws {
        let csv = "\u{FEFF}Name;SKU;EAN;vat_rate;price_gross;stock:1\r\n"
            + "\"Kubek \"\"Złoty\"\"; 300 ml\";KUB-300;5901234123457;23;29,90;12\r\n"
            + "Talerz;TAL-1;;8;15;\r\n"
            + ";;;;;\r\n"
        let sheet = ProductImport(csv: csv)
        #expect(sheet.problems.isEmpty)
        #expect(sheet.rows.map(\.line) == [2, 3])
        #expect(sheet.rows[0].edit == ProductEdit(
            name: "Kubek \"Złoty\"; 300 ml", sku: "KUB-300", ean: "5901234123457", vatRate: "23", grossPrice: "29,90",
            stock: [1: "12"]))
        #expect(sheet.rows[1].edit.ean == nil && sheet.rows[1].edit.stock.isEmpty)
    }

    @Test("bad rows are reported by line, a quoted line break counted, and nothing is imported")
    func badRows() throws {
        let csv = """
            name,sku,price_gross,vat_rate
            "Kubek
            dwuliniowy",KUB-1,10,23
            Talerz,TAL-1,abc,23
            Miska,KUB-1,5,23
            Łyżka,LYZ-1,3,23,extra
            Widelec,WID-1,3,7
            """
        let sheet = ProductImport(csv: csv)
        #expect(sheet.problems.map(\.description) == [
            "line 4: price_gross: 'abc' is not an amount such as 49.90",
            "line 5: sku: 'KUB-1' is on line 2 already",
            "line 6: 5 cells, but the header names 4 columns",
            "line 7: vat_rate: '7' is not a VAT rate (23, 8, 5, 0, zw, np, oo, 0wdt, 0exp)",
        ])
        try withStore { store in
            #expect(throws: ProductImport.Failed.self) {
                try store.write { _ = try sheet.apply(in: $0, skipBad: false) }
            }
            #expect(try store.read { try $0.products() }.isEmpty)
            let outcome = try store.write { try sheet.apply(in: $0, skipBad: true) }
            #expect(outcome.created.map(\.product.name) == ["Kubek dwuliniowy"])
            #expect(outcome.skipped.map(\.line) == [4, 5, 6, 7])
        }
    }

    @Test("a header with an unknown column or a bad stock column is refused before any row")
    func badHeader() {
        #expect(ProductImport(csv: "name,price,stock:x\nA,1,2\n").problems.map(\.description) == [
            "line 1: unknown column 'price' (columns: id, name, sku, ean, unit, vat_rate, price_gross, stock:<warehouse id>)",
            "line 1: column 'stock:x': a stock column is stock:<warehouse id>, such as stock:1",
        ])
        #expect(ProductImport(csv: "").problems.count == 1)
        #expect(ProductImport(csv: "name\n\"open").problems.map(\.description) == ["line 2: a quoted cell is not closed"])
    }

    @Test("a row with an id or a known SKU changes that card; importing the same file twice changes nothing")
    func reimport() throws {
        try withStore { store in
            let csv = "sku,name,price_gross,stock:2\nKUB-1,Kubek,10,4\nTAL-1,Talerz,20,\n"
            let first = try store.write { try ProductImport(csv: csv).apply(in: $0, skipBad: false) }
            #expect(first.created.count == 2)
            let again = try store.write { try ProductImport(csv: csv).apply(in: $0, skipBad: false) }
            #expect(again.created.isEmpty && again.updated.isEmpty && again.unchanged == 2)
            let talerz = try #require(first.created.last?.product)
            let byId = try store.write { try ProductImport(csv: "id,price_gross\n\(talerz.id),22.50\n").apply(in: $0, skipBad: false) }
            #expect(byId.updated.map(\.changes) == [["price_gross: 20.00 → 22.50"]])
            #expect(try store.read { try $0.products() }.count == 2)
            #expect(throws: ProductImport.Failed.self) {
                try store.write { _ = try ProductImport(csv: "id,price_gross\n99,1\n").apply(in: $0, skipBad: false) }
            }
        }
    }
}
