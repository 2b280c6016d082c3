import Foundation
import Testing
import FirminoStore

struct DocumentTests {
    @Test("a document gets its number, lines, totals per rate, buyer snapshot and stock movements")
    func insert() throws {
        let test = try TestStore()
        let inserted = try test.store.write { tx throws in
            let catalog = try tx.seedCatalog()
            let buyer = try tx.insertContractor(ContractorFields(name: "Zażółć Gęślą Jaźń sp. z o.o.", taxId: "PL5260001246"))
            return try tx.insertDocument(DocumentDraft(
                type: .invoice, issueDate: day("2026-11-05"), saleDate: day("2026-11-04"),
                buyer: PartyDetails(buyer), contractorId: buyer.id, currency: "pln", baselinkerOrderId: 5001,
                lines: [
                    DocumentLineDraft(name: "Kubek 300 ml", sku: "KUB-300", quantity: 2, unitGross: money("29.99"),
                                      vatRate: .standard, productId: catalog.mug.id, warehouseId: catalog.warehouse.id),
                    DocumentLineDraft(name: "Talerz płytki", quantity: 1, unitGross: money("15.50"), vatRate: .percent(8),
                                      productId: catalog.plate.id, warehouseId: catalog.warehouse.id),
                    DocumentLineDraft(name: "Kurier DPD", quantity: 1, unitGross: money("14.99"), vatRate: .standard),
                ]))
        }
        let document = inserted.document
        #expect(document.number == "FV/1/11/2026")
        #expect(document.sequence == 1)
        #expect(document.period == "2026-11")
        #expect(document.currency == "PLN")
        #expect(document.issueDate.text == "2026-11-05")
        #expect(document.saleDate.text == "2026-11-04")
        #expect(document.buyer.name == "Zażółć Gęślą Jaźń sp. z o.o.")
        #expect(document.lines.map(\.position) == [1, 2, 3])
        #expect(document.lines.map(\.gross) == [money("59.98"), money("15.50"), money("14.99")])
        #expect(document.totalGross == money("90.47"))
        #expect(document.vat.rows.map(\.rate) == [.percent(23), .percent(8)])
        #expect(document.vat.rows[0].gross == money("74.97"))
        #expect(document.vat.rows[0].net == money("60.95"))
        #expect(document.vat.rows[1].net == money("14.35"))
        #expect(document.totalNet + document.totalVAT == document.totalGross)
        #expect(inserted.movements.map(\.delta) == [-2, -1])
        #expect(inserted.movements.allSatisfy { $0.reason == .sale && $0.documentId == document.id && $0.note == "FV/1/11/2026" })
        #expect(inserted.negativeLevels.count == 2)
        try test.store.read { reader throws in
            #expect(try reader.document(number: "FV/1/11/2026") == document)
            #expect(try reader.document(forBaseLinkerOrder: 5001)?.id == document.id)
            #expect(try reader.hasDocument(baselinkerOrderId: 5001))
            #expect(try !reader.hasDocument(baselinkerOrderId: 5002))
            #expect(try reader.ordersWithDocuments(among: [5000, 5001, 5002]) == [5001])
            #expect(try reader.stockMovements(documentId: document.id).count == 2)
        }
    }

    @Test("a second document for the same BaseLinker order is refused, naming the order and the first document")
    func duplicateOrder() throws {
        let test = try TestStore()
        let line = DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("10.00"), vatRate: .standard)
        try test.store.write { tx in _ = try tx.insertDocument(receiptDraft(orderId: 42, lines: [line])) }
        let error = #expect(throws: StoreError.self) {
            try test.store.write { tx in _ = try tx.insertDocument(receiptDraft(orderId: 42, lines: [line], type: .invoice)) }
        }
        #expect(error?.code == .duplicateOrder)
        #expect(error?.message.contains("BaseLinker order 42") == true)
        #expect(error?.message.contains("PAR/1/11/2026") == true)
        try test.store.read { reader throws in
            #expect(try reader.documents().count == 1)
            #expect(try reader.lastDocumentSequence(type: .invoice, month: day("2026-11-01")) == 0)
        }
    }

    @Test("WDT and export invoices put every line at 0wdt / 0exp; those rates are refused elsewhere")
    func forcedRates() throws {
        let test = try TestStore()
        let lines = [
            DocumentLineDraft(name: "Kubek", quantity: 2, unitGross: money("10.00"), vatRate: .standard),
            DocumentLineDraft(name: "Transport", quantity: 1, unitGross: money("5.00"), vatRate: .percent(8)),
        ]
        let (wdt, export) = try test.store.write { tx throws in
            (
                try tx.insertDocument(receiptDraft(orderId: 1, lines: lines, type: .invoiceWDT)).document,
                try tx.insertDocument(receiptDraft(orderId: 2, lines: lines, type: .invoiceExport)).document
            )
        }
        #expect(wdt.number == "WDT/1/11/2026")
        #expect(wdt.lines.allSatisfy { $0.vatRate == .zeroWDT })
        #expect(wdt.vat.rows == [VATSummary.Row(rate: .zeroWDT, net: money("25.00"), vat: .zero, gross: money("25.00"))])
        #expect(export.number == "EXP/1/11/2026")
        #expect(export.lines.allSatisfy { $0.vatRate == .zeroExport })
        #expect(export.totalVAT == .zero)
        let error = #expect(throws: StoreError.self) {
            try test.store.write { tx throws in
                _ = try tx.insertDocument(receiptDraft(lines: [
                    DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("1.00"), vatRate: .zeroWDT),
                ]))
            }
        }
        #expect(error?.message.contains("line 1 ('Kubek')") == true)
    }

    @Test("drafts that cannot be issued are refused with where and why")
    func invalidDrafts() throws {
        let test = try TestStore()
        let good = DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("1.00"), vatRate: .standard)
        var zero = good
        zero.quantity = 0
        var ghost = good
        ghost.productId = 404
        var badCurrency = receiptDraft(orderId: 9, lines: [good])
        badCurrency.currency = "złoty"
        var ghostBuyer = receiptDraft(lines: [good])
        ghostBuyer.contractorId = 12
        let cases: [(DocumentDraft, String)] = [
            (receiptDraft(orderId: 9, lines: []), "BaseLinker order 9 has no lines"),
            (receiptDraft(orderId: 9, lines: [good, zero]), "line 2 ('Kubek'): the quantity must be positive"),
            (receiptDraft(lines: [ghost]), "no product with id 404"),
            (badCurrency, "currency 'ZŁOTY'"),
            (ghostBuyer, "no contractor with id 12"),
        ]
        for (draft, message) in cases {
            let error = #expect(throws: StoreError.self) { try test.store.write { tx in _ = try tx.insertDocument(draft) } }
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "") lacks \(message)")
        }
        #expect(try test.store.read { try $0.documents() }.isEmpty)
    }

    @Test("a hostile order's amounts are refused with the line or rate that overflowed, not a crash")
    func overflowingAmounts() throws {
        let test = try TestStore()
        let huge = Money(minorUnits: Int64.max / 2)
        let normal = DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("10.00"), vatRate: .standard)
        let cases: [([DocumentLineDraft], String)] = [
            ([normal, DocumentLineDraft(name: "Złoto", quantity: 3, unitGross: huge, vatRate: .standard)],
             "BaseLinker order 7, line 2 ('Złoto'): 3 × \(huge) is more than an amount can hold"),
            ([normal, DocumentLineDraft(name: "Dużo", quantity: 1_000_001, unitGross: money("0.01"), vatRate: .standard)],
             "line 2 ('Dużo'): a quantity of 1000001 is more than the 1000000 one line may hold"),
            ([DocumentLineDraft(name: "A", quantity: 2, unitGross: huge, vatRate: .standard),
              DocumentLineDraft(name: "B", quantity: 1, unitGross: huge, vatRate: .standard)],
             "BaseLinker order 7: the lines at VAT 23 add up to more than an amount can hold"),
            ([DocumentLineDraft(name: "A", quantity: 2, unitGross: huge, vatRate: .standard),
              DocumentLineDraft(name: "B", quantity: 1, unitGross: huge, vatRate: .percent(8))],
             "BaseLinker order 7: the document's total gross adds up to more than an amount can hold"),
        ]
        for (lines, message) in cases {
            let error = #expect(throws: StoreError.self) {
                try test.store.write { tx in _ = try tx.insertDocument(receiptDraft(orderId: 7, lines: lines)) }
            }
            #expect(error?.code == .invalidInput)
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "") lacks \(message)")
        }
        #expect(try test.store.read { try $0.documents() }.isEmpty)
        let issued = try test.store.write { tx in try tx.insertDocument(receiptDraft(orderId: 7, lines: [normal])) }
        #expect(issued.document.number == "PAR/1/11/2026")
    }

    @Test("the printout's BaseLinker invoice id and sending time are recorded")
    func sentMarks() throws {
        let test = try TestStore()
        let id = try test.store.write { tx throws in
            try tx.insertDocument(receiptDraft(orderId: 3, lines: [
                DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("1.00"), vatRate: .standard),
            ], type: .invoice)).document.id
        }
        try test.store.write { tx throws in
            try tx.setBaseLinkerInvoiceId(documentId: id, invoiceId: 880)
            try tx.markDocumentSent(documentId: id)
        }
        let document = try test.store.read { try $0.document(id: id) }
        #expect(document?.baselinkerInvoiceId == 880)
        #expect(document?.sentAt == test.clock.now)
        #expect(throws: StoreError.self) { try test.store.write { try $0.markDocumentSent(documentId: 999) } }
    }

    @Test("listing documents brings each with its own lines, by id, optionally of one type")
    func listing() throws {
        let test = try TestStore()
        try test.store.write { tx throws in
            for index in 1...5 {
                let lines = (1...index).map {
                    DocumentLineDraft(name: "Pozycja \($0)", quantity: $0, unitGross: money("1.00"), vatRate: .standard)
                }
                _ = try tx.insertDocument(receiptDraft(orderId: Int64(index), lines: lines, type: index % 2 == 0 ? .invoice : .receipt))
            }
        }
        try test.store.read { reader throws in
            let all = try reader.documents()
            #expect(all.map(\.lines.count) == [1, 2, 3, 4, 5])
            #expect(all.map(\.number) == ["PAR/1/11/2026", "FV/1/11/2026", "PAR/2/11/2026", "FV/2/11/2026", "PAR/3/11/2026"])
            #expect(try reader.documents(type: .invoice).map(\.baselinkerOrderId) == [2, 4])
            #expect(all[4].totalGross == money("15.00"))
        }
    }

    @Test("listing one type reads the lines and totals of that type only, when the types interleave")
    func listingOneType() throws {
        let test = try TestStore()
        let ids = try test.store.write { tx throws in
            try [DocumentType.invoice, .receipt, .invoice, .receipt, .invoice].enumerated().map { index, type in
                let line = DocumentLineDraft(
                    name: "\(type.rawValue) \(index)", quantity: index + 1, unitGross: money("2.00"), vatRate: .standard)
                return try tx.insertDocument(receiptDraft(orderId: Int64(index), lines: [line], type: type)).document.id
            }
        }
        // A receipt between the invoices with a line and a total the store cannot read: listing
        // invoices must not touch it.
        try test.store.execute("UPDATE document_lines SET vat_rate = 'bogus' WHERE document_id = \(ids[1])")
        try test.store.execute("UPDATE document_vat_totals SET vat_rate = 'bogus' WHERE document_id = \(ids[1])")
        let invoices = try test.store.read { try $0.documents(type: .invoice) }
        #expect(invoices.map(\.id) == [ids[0], ids[2], ids[4]])
        #expect(invoices.map { $0.lines.map(\.name) } == [["invoice 0"], ["invoice 2"], ["invoice 4"]])
        #expect(invoices.map(\.totalGross) == [money("2.00"), money("6.00"), money("10.00")])
        #expect(invoices.allSatisfy { $0.vat.rows.count == 1 })
        let error = #expect(throws: StoreError.self) { try test.store.read { try $0.documents(type: .receipt) } }
        #expect(error?.message.contains("bogus") == true)
    }
}
