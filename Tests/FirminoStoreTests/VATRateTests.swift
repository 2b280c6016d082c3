import Foundation
import Testing
@testable import FirminoStore

struct VATRateTests {
    @Test("BaseLinker's tax_rate values map to percentages and named rates")
    func baselinkerValues() {
        #expect(VATRate(baselinker: 23) == .percent(23))
        #expect(VATRate(baselinker: 8) == .percent(hundredths: 800))
        #expect(VATRate(baselinker: 0) == .percent(0))
        #expect(VATRate(baselinker: 5.5) == .percent(hundredths: 550))
        #expect(VATRate(baselinker: 7.7) == .percent(hundredths: 770))
        #expect(VATRate(baselinker: -1) == .exempt)
        #expect(VATRate(baselinker: -0.02) == .notTaxable)
        #expect(VATRate(baselinker: -0.03) == .reverseCharge)
        #expect(VATRate(baselinker: -5) == nil)
        #expect(VATRate(baselinker: 150) == nil)
        #expect(VATRate(baselinker: .nan) == nil)
    }

    @Test("each rate has a stable name that reads back as the same rate")
    func names() {
        let expected: [(VATRate, String)] = [
            (.percent(23), "23"), (.percent(8), "8"), (.percent(5), "5"), (.percent(0), "0"),
            (.percent(hundredths: 550), "5.5"), (.percent(hundredths: 25), "0.25"), (.percent(hundredths: 1005), "10.05"),
            (.exempt, "zw"), (.notTaxable, "np"), (.reverseCharge, "oo"), (.zeroWDT, "0wdt"), (.zeroExport, "0exp"),
        ]
        for (rate, name) in expected {
            #expect(rate.name == name)
            #expect(VATRate(name: name) == rate)
        }
        #expect(VATRate(name: "23%") == .percent(23))
        #expect(VATRate(name: "5,5") == .percent(hundredths: 550))
        #expect(VATRate(name: "ZW") == .exempt)
        #expect(VATRate(name: "0WDT") == .zeroWDT)
        for bad in ["", "abc", "-1", "101", "23 %%", "wdt"] {
            #expect(VATRate(name: bad) == nil, "\(bad)")
        }
    }

    @Test("only taxed percentages carry tax; the zero rates of WDT and export stay apart from 0 %")
    func taxAndDistinctness() {
        #expect(VATRate.percent(23).taxHundredths == 2300)
        for rate: VATRate in [.exempt, .notTaxable, .reverseCharge, .zeroWDT, .zeroExport, .percent(0)] {
            #expect(rate.taxHundredths == 0)
        }
        #expect(VATRate.zeroWDT != .percent(0))
        #expect(VATRate.exempt.baselinkerValue == -1)
        #expect(VATRate.notTaxable.baselinkerValue == -0.02)
        #expect(VATRate.percent(hundredths: 550).baselinkerValue == 5.5)
    }

    @Test("JSON carries the name and reads BaseLinker numbers")
    func codable() throws {
        let data = try JSONEncoder().encode([VATRate.percent(hundredths: 550), .exempt])
        #expect(String(decoding: data, as: UTF8.self) == #"["5.5","zw"]"#)
        let decoded = try JSONDecoder().decode([VATRate].self, from: Data(#"[23, -1, "0exp", -0.02]"#.utf8))
        #expect(decoded == [.percent(23), .exempt, .zeroExport, .notTaxable])
    }
}
