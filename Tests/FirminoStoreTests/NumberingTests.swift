import Foundation
import Testing
@testable import FirminoStore

struct NumberingTests {
    static let line = DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("10.00"), vatRate: .standard)

    @Test("numbers run per type and per month of the issue date, from 1, in the default formats")
    func perTypeAndMonth() throws {
        let test = try TestStore()
        let numbers = try test.store.write { tx throws in
            try [
                ("2026-11-05", DocumentType.receipt), ("2026-11-30", .receipt), ("2026-11-06", .invoice),
                ("2026-12-01", .receipt), ("2026-11-07", .invoiceWDT), ("2026-11-08", .invoiceExport),
                ("2027-01-01", .invoice), ("2026-11-09", .invoice),
            ].map { date, type in
                try tx.insertDocument(receiptDraft(issued: date, lines: [Self.line], type: type)).document.number
            }
        }
        #expect(numbers == [
            "PAR/1/11/2026", "PAR/2/11/2026", "FV/1/11/2026", "PAR/1/12/2026", "WDT/1/11/2026", "EXP/1/11/2026",
            "FV/1/01/2027", "FV/2/11/2026",
        ])
    }

    @Test("the day, and so the numbering month, is the seller's: an instant after 23:00 UTC on 30 November is 1 December in Warsaw")
    func monthInSellersTimezone() throws {
        let warsaw = try #require(TimeZone(identifier: "Europe/Warsaw"))
        func instant(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }
        let lastOfNovember = BusinessDate(try instant("2026-11-30T22:59:59Z"), in: warsaw)  // 23:59:59 CET
        let firstOfDecember = BusinessDate(try instant("2026-11-30T23:00:00Z"), in: warsaw)  // 00:00 CET
        let lastOfJune = BusinessDate(try instant("2026-06-30T21:59:59Z"), in: warsaw)  // 23:59:59 CEST
        let firstOfJuly = BusinessDate(try instant("2026-06-30T22:00:00Z"), in: warsaw)
        #expect([lastOfNovember, firstOfDecember, lastOfJune, firstOfJuly].map(\.text)
            == ["2026-11-30", "2026-12-01", "2026-06-30", "2026-07-01"])
        #expect(BusinessDate(try instant("2026-11-30T23:00:00Z"), in: .gmt).text == "2026-11-30")

        let test = try TestStore()
        let numbers = try test.store.write { tx throws in
            try [lastOfNovember, firstOfDecember].map { issued in
                var draft = receiptDraft(lines: [Self.line], type: .invoice)
                draft.issueDate = issued
                return try tx.insertDocument(draft).document.number
            }
        }
        #expect(numbers == ["FV/1/11/2026", "FV/1/12/2026"])
    }

    @Test("formats are the caller's: {n}, {MM}, {M}, {YYYY}, {YY}")
    func customFormats() throws {
        let formats = NumberingFormats(receipt: "P{YY}{MM}-{n}", invoice: "Faktura {n}/{M}/{YYYY}")
        #expect(throws: Never.self) { try formats.validate() }
        let test = try TestStore(numbering: formats)
        let numbers = try test.store.write { tx throws in
            try [DocumentType.receipt, .invoice, .invoice].map {
                try tx.insertDocument(receiptDraft(issued: "2026-03-09", lines: [Self.line], type: $0)).document.number
            }
        }
        #expect(numbers == ["P2603-1", "Faktura 1/3/2026", "Faktura 2/3/2026"])
    }

    @Test("formats without {n}, with unknown placeholders or shared by two types are refused")
    func invalidFormats() {
        let cases: [(NumberingFormats, String)] = [
            (NumberingFormats(receipt: "PAR/{MM}"), "it has no {n}"),
            (NumberingFormats(invoice: "FV/{n}/{DD}"), "{DD} is not one of"),
            (NumberingFormats(receipt: "{n}/{MM}/{YYYY}", invoice: "{n}/{MM}/{YYYY}"), "receipt documents use the same format"),
        ]
        for (formats, reason) in cases {
            let error = #expect(throws: StoreError.self) { try formats.validate() }
            #expect(error?.code == .invalidNumberingFormat)
            #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
        }
    }

    @Test("a format without a month or a year is refused: the series starts again each month, so its numbers would repeat",
          arguments: [
            ("FV/{n}/{YYYY}", "it has no month"), ("FV/{n}", "it has no month"), ("FV/{n}/{MM}", "it has no year"),
            ("FV/{n}/{M}", "it has no year"),
          ])
    func monthAndYearRequired(format: String, reason: String) {
        let problem = NumberingFormats(invoice: format).problem()
        #expect(problem?.type == .invoice)
        #expect(problem?.format == format)
        #expect(problem?.reason.hasPrefix(reason) == true, "\(problem?.reason ?? "")")
        let error = #expect(throws: StoreError.self) {
            try Store(path: "/nonexistent/never-opened.sqlite", options: StoreOptions(numbering: NumberingFormats(invoice: format)))
        }
        #expect(error?.code == .invalidNumberingFormat)
    }

    @Test("a format that reads two ways is refused; fixed-width placeholders may touch", arguments: [
        ("FV{n}{M}/{YYYY}", "{n} runs into {M}"), ("FV/{M}{n}/{YYYY}", "{M} runs into {n}"),
        ("FV/{n}1{MM}/{YYYY}", "{n} runs into {MM}"),
    ])
    func ambiguousFormat(format: String, reason: String) {
        #expect(NumberingFormats(invoice: format).problem()?.reason.hasPrefix(reason) == true)
    }

    @Test("formats are compared as the numbers they can give, not as text", arguments: [
        // {M} and {MM}: FV/1/11/2026 either way.
        (NumberingFormats(invoice: "FV/{n}/{M}/{YYYY}", invoiceWDT: "FV/{n}/{MM}/{YYYY}"), DocumentType.invoiceWDT, DocumentType.invoice),
        // FV1 + 1 and FV + 11 both give FV11/…
        (NumberingFormats(receipt: "FV1{n}/{MM}/{YYYY}", invoice: "FV{n}/{MM}/{YYYY}"), .invoice, .receipt),
        // Formats of different shapes never meet.
        (NumberingFormats(receipt: "X/{YY}{MM}/{n}", invoice: "X/{YYYY}/{n}/{MM}"), nil, nil),
        (NumberingFormats(receipt: "{n}/{MM}/{YYYY}", invoice: "{n}/{MM}/{YYYY}/K"), nil, nil),
        (NumberingFormats(receipt: "PAR/{n}/{MM}/{YY}", invoice: "PAR/{n}/{MM}/{YYYY}"), nil, nil),
    ])
    func overlappingFormats(formats: NumberingFormats, named: DocumentType?, partner: DocumentType?) {
        let problem = formats.problem()
        if let named, let partner {
            #expect(problem?.type == named)
            #expect(problem?.reason == "it can give the same numbers as the format '\(formats[partner])' of \(partner.rawValue) documents")
        } else {
            #expect(problem == nil, "\(problem?.description ?? "")")
        }
    }

    @Test("the format named is the one changed from its default")
    func namedFormat() {
        let problem = NumberingFormats(receipt: "FV/{n}/{M}/{YYYY}").problem()
        #expect(problem?.type == .receipt)
        #expect(problem?.reason.contains("invoice documents") == true)
        #expect(NumberingFormats.default.problem() == nil)
    }

    @Test("a number taken outside the store's numbering is refused, not duplicated")
    func takenNumber() throws {
        let test = try TestStore()
        try test.store.execute("""
            INSERT INTO documents (type, number, series_period, sequence, issue_date, sale_date, buyer_name, currency,
                                   total_net, total_vat, total_gross, created_at)
            VALUES ('invoice', 'PAR/1/11/2026', '2026-10', 99, '2026-10-05', '2026-10-05', 'Import', 'PLN', 0, 0, 0,
                    '2026-10-05 00:00:00.000')
            """)
        let error = #expect(throws: StoreError.self) {
            try test.store.write { tx in _ = try tx.insertDocument(receiptDraft(issued: "2026-11-01", lines: [Self.line])) }
        }
        #expect(error?.code == .duplicateNumber)
    }

    @Test("a rolled-back transaction consumes no number and moves no stock")
    func rollback() throws {
        let test = try TestStore()
        struct Abort: Error {}
        let (warehouse, mug) = try test.store.write { tx throws in
            let catalog = try tx.seedCatalog()
            return (catalog.warehouse, catalog.mug)
        }
        var line = Self.line
        line.productId = mug.id
        line.warehouseId = warehouse.id
        #expect(throws: Abort.self) {
            try test.store.write { tx throws in
                let contractor = try tx.insertContractor(ContractorFields(name: "Nowy"))
                _ = try tx.insertProduct(ProductFields(name: "Nowy produkt"))
                var draft = receiptDraft(orderId: 10, lines: [line], type: .invoice)
                draft.contractorId = contractor.id
                let inserted = try tx.insertDocument(draft)
                #expect(inserted.document.number == "FV/1/11/2026")
                try tx.enqueueOutbox(kind: .attachInvoice, payload: Data(#"{"order_id":10}"#.utf8), documentId: inserted.document.id)
                throw Abort()
            }
        }
        try test.store.read { reader throws in
            #expect(try reader.documents().isEmpty)
            #expect(try reader.contractors().isEmpty)
            #expect(try reader.products().count == 2)
            #expect(try reader.stockLevel(productId: mug.id, warehouseId: warehouse.id) == 0)
            #expect(try reader.stockMovements().isEmpty)
            #expect(try reader.pendingOutbox().isEmpty)
            #expect(try reader.lastDocumentSequence(type: .invoice, month: day("2026-11-05")) == 0)
        }
        #expect(try test.store.count("document_lines") == 0)
        let next = try test.store.write { tx in try tx.insertDocument(receiptDraft(orderId: 10, lines: [line], type: .invoice)) }
        #expect(next.document.number == "FV/1/11/2026")
    }

    @Test("two writers on the same file, each with its own connection pool, get gap-free unique numbers")
    func concurrentWriters() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("shared.sqlite")
        let stores = try (0..<2).map { _ in try Store(path: path, options: StoreOptions(busyTimeout: 120)) }
        let perWriter = 40
        try await withThrowingTaskGroup(of: [String].self) { group in
            for (writer, store) in stores.enumerated() {
                group.addTask {
                    var numbers: [String] = []
                    for index in 0..<perWriter {
                        let type: DocumentType = index % 4 == 3 ? .receipt : .invoice
                        let orderId = Int64(writer * 1000 + index)
                        numbers.append(try store.write { tx throws in
                            try tx.insertDocument(receiptDraft(orderId: orderId, lines: [Self.line], type: type)).document.number
                        })
                    }
                    return numbers
                }
            }
            var all: [String] = []
            for try await numbers in group { all += numbers }
            #expect(Set(all).count == 2 * perWriter)
        }
        for type in [DocumentType.invoice, .receipt] {
            let sequences = try stores[0].read { try $0.documents(type: type).map(\.sequence) }.sorted()
            #expect(sequences == Array(1...Int64(sequences.count)))
        }
        #expect(try stores[1].read { try $0.documents().count } == 2 * perWriter)
    }

    static let sqliteShell = installedProgram("sqlite3")

    @Test(
        "two processes writing the same store get gap-free unique numbers",
        .enabled(if: sqliteShell != nil, "needs the sqlite3 shell as the second process"))
    func concurrentProcesses() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("shared.sqlite")
        let store = try Store(path: path)
        // The second writer is the sqlite3 shell, taking numbers the way the store does: in an
        // immediate transaction that raises the series' counter and inserts the document.
        let shell = try #require(Self.sqliteShell)
        var script = ".timeout 60000\n"
        for index in 0..<30 {
            script += """
                BEGIN IMMEDIATE;
                INSERT INTO numbering_series (type, period, last_number) VALUES ('invoice', '2026-11', 1)
                  ON CONFLICT (type, period) DO UPDATE SET last_number = last_number + 1;
                INSERT INTO documents (type, number, series_period, sequence, issue_date, sale_date, buyer_name,
                  currency, total_net, total_vat, total_gross, baselinker_order_id, created_at)
                SELECT 'invoice', 'FV/' || last_number || '/11/2026', '2026-11', last_number, '2026-11-05', '2026-11-05',
                  'Shell', 'PLN', 0, 0, 0, \(90_000 + index), '2026-11-05 00:00:00.000'
                FROM numbering_series WHERE type = 'invoice' AND period = '2026-11';
                COMMIT;

                """
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = [path]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        for index in 0..<30 {
            _ = try store.write { tx throws in
                try tx.insertDocument(receiptDraft(orderId: Int64(index), lines: [Self.line], type: .invoice))
            }
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let sequences = try store.read { try $0.documents(type: .invoice).map(\.sequence) }.sorted()
        #expect(sequences == Array(1...60))
    }
}

struct SavepointTests {
    @Test("a failed savepoint undoes its own writes, number included, and the transaction goes on")
    func savepoint() throws {
        let test = try TestStore()
        struct Skip: Error {}
        let line = DocumentLineDraft(name: "Kubek", quantity: 1, unitGross: money("10.00"), vatRate: .standard)
        let numbers = try test.store.write { tx throws in
            let first = try tx.inSavepoint { try tx.insertDocument(receiptDraft(orderId: 1, lines: [line])).document.number }
            #expect(throws: Skip.self) {
                try tx.inSavepoint {
                    _ = try tx.insertContractor(ContractorFields(name: "Znikający"))
                    _ = try tx.insertDocument(receiptDraft(orderId: 2, lines: [line]))
                    throw Skip()
                }
            }
            let third = try tx.inSavepoint { try tx.insertDocument(receiptDraft(orderId: 3, lines: [line])).document.number }
            return [first, third]
        }
        #expect(numbers == ["PAR/1/11/2026", "PAR/2/11/2026"])
        try test.store.read { reader throws in
            #expect(try reader.contractors().isEmpty)
            #expect(try !reader.hasDocument(baselinkerOrderId: 2))
        }
    }

    @Test("savepoints nest: an inner one that fails undoes only its own writes; an outer one that fails undoes both")
    func nestedSavepoints() throws {
        let test = try TestStore()
        struct Skip: Error {}
        try test.store.write { tx throws in
            try tx.inSavepoint {
                _ = try tx.insertContractor(ContractorFields(name: "Zewnętrzny"))
                #expect(throws: Skip.self) {
                    try tx.inSavepoint {
                        _ = try tx.insertContractor(ContractorFields(name: "Wewnętrzny"))
                        throw Skip()
                    }
                }
            }
            #expect(throws: Skip.self) {
                try tx.inSavepoint {
                    _ = try tx.insertContractor(ContractorFields(name: "Drugi zewnętrzny"))
                    try tx.inSavepoint { _ = try tx.insertContractor(ContractorFields(name: "Drugi wewnętrzny")) }
                    throw Skip()
                }
            }
        }
        #expect(try test.store.read { try $0.contractors().map(\.name) } == ["Zewnętrzny"])
    }
}
