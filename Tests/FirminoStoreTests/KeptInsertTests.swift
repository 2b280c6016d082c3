import Foundation
import GRDB
import Testing
@testable import FirminoStore

/// The records the store inserts through kept statements land exactly as GRDB's own encoding
/// of the same record would put them: every column, in its place.
struct KeptInsertTests {
    /// Inserts `record` through its kept statement and compares the stored row, column by
    /// column, with GRDB's encoding of the record (after the insert, so with its id).
    static func expectStoredAsGRDBEncodes<Record: KeptInsert & EncodableRecord>(
        _ record: Record, in tx: StoreTransaction, where condition: String = "rowid = ?", _ arguments: StatementArguments? = nil
    ) throws {
        var record = record
        try tx.insert(&record)
        let row = try #require(
            try Row.fetchOne(
                tx.db, sql: "SELECT * FROM \(Record.databaseTableName) WHERE \(condition)",
                arguments: arguments ?? [tx.db.lastInsertedRowID]))
        var expected = try record.databaseDictionary
        if expected["id"] == .null, let id = row["id"] as Int64? { expected["id"] = id.databaseValue }
        #expect(Set(row.columnNames) == Set(expected.keys), "\(Record.self): columns")
        for (column, value) in expected {
            #expect(row[column] as DatabaseValue == value, "\(Record.self).\(column)")
        }
    }

    @Test("documents, lines, VAT totals, movements, outbox rows, contractors and products are stored as GRDB encodes them")
    func everyKindLandsInItsColumns() throws {
        let test = try TestStore()
        try test.store.write { tx in
            let (warehouse, mug, _) = try tx.seedCatalog()
            let contractor = try tx.insertContractor(ContractorFields(name: "Firma", taxId: "PL5260001246", city: "Gdańsk"))
            // Every field distinct and set, so that two values swapped would show.
            try Self.expectStoredAsGRDBEncodes(
                Contractor(
                    ContractorFields(
                        name: "Weißbach Handel", taxId: "DE123456789", address: "Hauptstraße 5", postcode: "10115",
                        city: "Berlin", country: "DE", email: "a@b.de", phone: "+49 30 1234"),
                    id: nil),
                in: tx)
            try Self.expectStoredAsGRDBEncodes(
                Product(
                    ProductFields(
                        name: "Miska sałatkowa", sku: "MIS-7", ean: "5901234123457", unit: "kpl", vatRate: .percent(8),
                        grossPrice: money("41.50"), baselinkerProductId: 7001, baselinkerVariantId: 7002),
                    id: nil, revision: 41, updatedAt: Date(timeIntervalSince1970: 1_795_000_000.123)),
                in: tx)
            var draft = receiptDraft(orderId: 77, lines: [
                DocumentLineDraft(
                    name: "Kubek", sku: "KUB-300", quantity: 3, unit: "op", unitGross: money("29.99"), vatRate: .standard,
                    productId: mug.id, warehouseId: warehouse.id),
            ], type: .invoice)
            draft.seller = PartyDetails(
                name: "Sklep", taxId: "PL5260001246", address: "ul. Prosta 1", postcode: "00-001", city: "Warszawa", country: "PL")
            draft.buyer.taxId = "PL7251801126"
            draft.contractorId = contractor.id
            draft.currency = "EUR"
            let vat = try VATSummary(lines: [(rate: .standard, gross: money("89.97"))])
            var header = DocumentHeader(draft, number: "FV/9/11/2026", sequence: 9, vat: vat, createdAt: Date(timeIntervalSince1970: 1_795_000_001.5))
            header.sentAt = Date(timeIntervalSince1970: 1_795_000_002.25)
            header.baselinkerInvoiceId = 991
            try Self.expectStoredAsGRDBEncodes(header, in: tx)
            let documentId = tx.db.lastInsertedRowID
            try Self.expectStoredAsGRDBEncodes(DocumentLine(draft.lines[0], documentId: documentId, position: 4), in: tx)
            try Self.expectStoredAsGRDBEncodes(
                DocumentVATTotal(documentId: documentId, vat.rows[0]), in: tx, where: "document_id = ? AND vat_rate = '23'",
                [documentId])
            try Self.expectStoredAsGRDBEncodes(
                StockMovement(
                    productId: mug.id, warehouseId: warehouse.id, delta: -3, reason: .sale, documentId: documentId,
                    note: "FV/9/11/2026", createdAt: Date(timeIntervalSince1970: 1_795_000_003.75)),
                in: tx)
            var item = OutboxItem(
                kind: .attachInvoice, payload: Data(#"{"document_id":1,"ł":"ó"}"#.utf8), documentId: documentId,
                createdAt: Date(timeIntervalSince1970: 1_795_000_004))
            item.attempts = 2
            item.unfinishedAttempt = true
            item.lastError = "timeout"
            item.doneAt = Date(timeIntervalSince1970: 1_795_000_005.999)
            try Self.expectStoredAsGRDBEncodes(item, in: tx)
        }
    }

    @Test("a time stamp is spelled as GRDB spells a Date, rounded to the millisecond")
    func storedDateMatchesGRDB() {
        var generator = SystemRandomNumberGenerator()
        var dates = [0, 0.0005, 0.9999, 59.9996, 1_795_000_000, 1_795_000_000.9995, 4_102_444_799.999].map(Date.init(timeIntervalSince1970:))
        for _ in 0..<2000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator)))
        }
        for date in dates {
            #expect(StoredDate.text(date) == String.fromDatabaseValue(date.databaseValue), "\(date.timeIntervalSince1970)")
        }
    }
}
