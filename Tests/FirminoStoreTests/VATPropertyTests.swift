import PropertyBased
import Testing
@testable import FirminoStore

/// Random documents: whatever the lines, the totals add up exactly.
struct VATPropertyTests {
    static let rates: [VATRate] = [
        .percent(23), .percent(8), .percent(5), .percent(0), .percent(hundredths: 550), .percent(hundredths: 770),
        .percent(hundredths: 2100), .exempt, .notTaxable, .reverseCharge, .zeroWDT, .zeroExport,
    ]

    static let line = zip(
        Gen.element(of: VATPropertyTests.rates), Gen.int64(in: -50_000...5_000_000), Gen.int(in: 1...40)
    ).map { rate, price, quantity in
        DocumentLineDraft(name: "line", quantity: quantity, unitGross: Money(minorUnits: price), vatRate: rate ?? .exempt)
    }

    @Test("the document gross is the sum of the line grosses; net + VAT = gross per rate and in total")
    func totalsAddUp() async {
        await propertyCheck(count: 300, input: Self.line.array(of: 1...30)) { lines in
            let summary: VATSummary
            do {
                summary = try VATSummary(lines: lines.map { (rate: $0.vatRate, gross: $0.unitGross.times($0.quantity)) })
            } catch {
                Issue.record(error)
                return
            }
            let lineGross = lines.reduce(Money.zero) { $0 + $1.unitGross.times($1.quantity) }
            #expect(summary.gross == lineGross)
            #expect(summary.net + summary.vat == summary.gross)
            for row in summary.rows {
                #expect(row.net + row.vat == row.gross)
                let ratesGross = lines.filter { $0.vatRate == row.rate }.reduce(Money.zero) { $0 + $1.unitGross.times($1.quantity) }
                #expect(row.gross == ratesGross)
            }
            #expect(Set(summary.rows.map(\.rate)) == Set(lines.map(\.vatRate)))
        }
    }

    @Test("net is the nearest whole grosz to gross × 100 / (100 + rate), ties away from zero")
    func netRounding() async {
        await propertyCheck(count: 500, input: Gen.element(of: Self.rates), Gen.int64(in: -10_000_000...10_000_000)) { rate, gross in
            let rate = rate ?? .exempt
            let net = VATSummary.net(ofGross: Money(minorUnits: gross), at: rate).minorUnits
            let divisor = Int64(10_000 + rate.taxHundredths)
            // |2·net·divisor − 2·gross·10000| ≤ divisor, with equality only when rounding away from zero.
            let twice = 2 * net * divisor - 2 * gross * 10_000
            #expect(abs(twice) <= divisor)
            if abs(twice) == divisor { #expect(abs(net * divisor) > abs(gross * 10_000)) }
            if rate.taxHundredths == 0 { #expect(net == gross) }
        }
    }

    @Test("a document stored and read back keeps the totals of its lines")
    func storedTotals() async throws {
        let test = try TestStore()
        await propertyCheck(count: 40, input: Self.line.array(of: 1...12)) { generated in
            // 0wdt and 0exp belong on WDT and export invoices only.
            let lines = generated.map { line in
                var line = line
                if line.vatRate == .zeroWDT || line.vatRate == .zeroExport { line.vatRate = .percent(0) }
                return line
            }
            do {
                let inserted = try test.store.write { tx in try tx.insertDocument(receiptDraft(lines: lines, type: .invoice)) }
                let read = try test.store.read { try $0.document(id: inserted.document.id) }
                #expect(read == inserted.document)
                #expect(read?.totalGross == lines.reduce(Money.zero) { $0 + $1.unitGross.times($1.quantity) })
                #expect(read.map { $0.totalNet + $0.totalVAT == $0.totalGross } == true)
            } catch {
                Issue.record(error)
            }
        }
    }
}
