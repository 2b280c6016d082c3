import Testing
@testable import FirminoStore

struct VATSummaryTests {
    @Test("net is the gross over (100 + rate), rounded half up; VAT is the rest")
    func split() {
        #expect(VATSummary.net(ofGross: money("123.00"), at: .percent(23)) == money("100.00"))
        #expect(VATSummary.net(ofGross: money("1.00"), at: .percent(23)) == money("0.81"))
        #expect(VATSummary.net(ofGross: money("0.06"), at: .percent(23)) == money("0.05"))
        #expect(VATSummary.net(ofGross: money("108.00"), at: .percent(8)) == money("100.00"))
        #expect(VATSummary.net(ofGross: money("10.55"), at: .percent(hundredths: 550)) == money("10.00"))
        // 1 grosz at 100 % is exactly half a grosz of net: half rounds up, and mirrors below zero.
        #expect(VATSummary.net(ofGross: Money(minorUnits: 1), at: .percent(100)).minorUnits == 1)
        #expect(VATSummary.net(ofGross: Money(minorUnits: 3), at: .percent(100)).minorUnits == 2)
        #expect(VATSummary.net(ofGross: Money(minorUnits: -1), at: .percent(100)).minorUnits == -1)
        #expect(VATSummary.net(ofGross: Money(minorUnits: Int64.max), at: .percent(23)).minorUnits == 7_498_676_452_727_460_006)
    }

    @Test("exempt, not taxable, reverse charge, 0 %, 0wdt and 0exp carry no VAT")
    func untaxed() throws {
        for rate: VATRate in [.exempt, .notTaxable, .reverseCharge, .percent(0), .zeroWDT, .zeroExport] {
            let summary = try VATSummary(lines: [(rate: rate, gross: money("99.99"))])
            #expect(summary.rows == [VATSummary.Row(rate: rate, net: money("99.99"), vat: .zero, gross: money("99.99"))])
        }
    }

    @Test("totals are summed per rate before the split, rates listed highest first then named ones")
    func perRate() throws {
        let summary = try VATSummary(lines: [
            (rate: .exempt, gross: money("10.00")),
            (rate: .percent(8), gross: money("54.00")),
            (rate: .percent(23), gross: money("0.01")),
            (rate: .percent(23), gross: money("0.01")),
            (rate: .percent(23), gross: money("0.01")),
            (rate: .percent(8), gross: money("54.00")),
        ])
        #expect(summary.rows.map(\.rate) == [.percent(23), .percent(8), .exempt])
        // Per line, 0.01 at 23 % has a net of 0.01 (three lines: 0.03); summed first, 0.03 → 0.02.
        #expect(summary.rows[0] == VATSummary.Row(rate: .percent(23), net: money("0.02"), vat: money("0.01"), gross: money("0.03")))
        #expect(summary.rows[1] == VATSummary.Row(rate: .percent(8), net: money("100.00"), vat: money("8.00"), gross: money("108.00")))
        #expect(summary.gross == money("118.03"))
        #expect(summary.net + summary.vat == summary.gross)
    }

    @Test("sums beyond what an amount can hold are refused, naming the rate or the total", arguments: [
        ([(VATRate.percent(23), Int64.max), (.percent(23), 1)], "the lines at VAT 23 add up to more than an amount can hold"),
        ([(VATRate.percent(23), Int64.max), (.exempt, 1)], "the document's total gross adds up to more than an amount can hold"),
        ([(VATRate.percent(8), Int64.min), (.percent(8), -1)], "the lines at VAT 8 add up"),
    ])
    func overflow(lines: [(VATRate, Int64)], message: String) {
        let error = #expect(throws: StoreError.self) {
            try VATSummary(lines: lines.map { (rate: $0.0, gross: Money(minorUnits: $0.1)) })
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }
}
