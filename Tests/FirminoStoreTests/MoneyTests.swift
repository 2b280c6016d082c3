import Foundation
import Testing
@testable import FirminoStore

struct MoneyTests {
    @Test("BaseLinker doubles become the minor units they were written as")
    func doubles() {
        #expect(Money(baselinker: 19.99)?.minorUnits == 1999)
        #expect(Money(baselinker: 0.1 + 0.2)?.minorUnits == 30)
        #expect(Money(baselinker: 1.005)?.minorUnits == 101)
        #expect(Money(baselinker: 0.125)?.minorUnits == 13)
        #expect(Money(baselinker: -0.125)?.minorUnits == -13)
        #expect(Money(baselinker: 123)?.minorUnits == 12300)
        #expect(Money(baselinker: 1e7)?.minorUnits == 1_000_000_000)
        #expect(Money(baselinker: 4.35)?.minorUnits == 435)
        #expect(Money(baselinker: .nan) == nil)
        #expect(Money(baselinker: .infinity) == nil)
        #expect(Money(baselinker: 1e30) == nil)
    }

    @Test("every two-decimal price read as a double comes back exact")
    func everyCent() {
        for cents in stride(from: 0, through: 1_000_000, by: 7) {
            let value = Double(cents) / 100
            #expect(Money(baselinker: value)?.minorUnits == Int64(cents))
        }
    }

    @Test("decimal strings: dots, commas, signs, exponents, rounding half away from zero")
    func strings() {
        #expect(Money(decimalString: "19.99")?.minorUnits == 1999)
        #expect(Money(decimalString: " 19,99 ")?.minorUnits == 1999)
        #expect(Money(decimalString: "-0.5")?.minorUnits == -50)
        #expect(Money(decimalString: "+7")?.minorUnits == 700)
        #expect(Money(decimalString: ".5")?.minorUnits == 50)
        #expect(Money(decimalString: "5.")?.minorUnits == 500)
        #expect(Money(decimalString: "0.004")?.minorUnits == 0)
        #expect(Money(decimalString: "0.005")?.minorUnits == 1)
        #expect(Money(decimalString: "-0.005")?.minorUnits == -1)
        #expect(Money(decimalString: "5e-4")?.minorUnits == 0)
        #expect(Money(decimalString: "5e-3")?.minorUnits == 1)
        #expect(Money(decimalString: "1.2E3")?.minorUnits == 120_000)
        #expect(Money(decimalString: "12.3449999")?.minorUnits == 1234)
        #expect(Money(decimalString: "92233720368547758.07")?.minorUnits == Int64.max)
        for bad in ["", "abc", "1.2.3", "1,2,3", "--1", "1e", "e5", "1 000", "0x10", "1e99999999"] {
            #expect(Money(decimalString: bad) == nil, "\(bad)")
        }
        #expect(Money(decimalString: "92233720368547758.08") == nil)
    }

    @Test("formatting always has two decimals and a dot")
    func formatting() {
        #expect(Money(minorUnits: 12345).decimalString == "123.45")
        #expect(Money(minorUnits: -50).decimalString == "-0.50")
        #expect(Money(minorUnits: 0).decimalString == "0.00")
        #expect(Money(minorUnits: 7).decimalString == "0.07")
        #expect(Money(minorUnits: 100_000_000).description == "1000000.00")
        #expect(Money(minorUnits: 123_456_789).polishString == "1 234 567,89")
        #expect(Money(minorUnits: -5).polishString == "-0,05")
    }

    @Test("JSON carries money as decimal strings and reads numbers too")
    func codable() throws {
        let data = try JSONEncoder().encode([Money(minorUnits: 1999)])
        #expect(String(decoding: data, as: UTF8.self) == #"["19.99"]"#)
        let decoded = try JSONDecoder().decode([Money].self, from: Data(#"["5,5", 19.99, 3]"#.utf8))
        #expect(decoded.map(\.minorUnits) == [550, 1999, 300])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Money].self, from: Data(#"["x"]"#.utf8)) }
    }

    @Test("arithmetic on minor units")
    func arithmetic() {
        #expect(money("19.99").times(3) == money("59.97"))
        #expect(money("1.10") + money("2.20") - money("0.30") == money("3.00"))
        #expect(-money("1.00") < .zero)
    }

    @Test("checked arithmetic gives nil where the operators would trap")
    func checkedArithmetic() {
        #expect(money("19.99").multiplied(by: 3) == money("59.97"))
        #expect(money("1.10").adding(money("2.20")) == money("3.30"))
        #expect(Money.largest.adding(Money(minorUnits: 1)) == nil)
        #expect(Money(minorUnits: .min).adding(Money(minorUnits: -1)) == nil)
        #expect(Money(minorUnits: Int64.max / 2 + 1).multiplied(by: 2) == nil)
        #expect(Money(minorUnits: -2).multiplied(by: Int.max) == nil)
        #expect(Money.largest.multiplied(by: 1) == .largest)
    }
}
