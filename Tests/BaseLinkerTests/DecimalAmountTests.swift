import Foundation
import Testing

@testable import BaseLinker
import BaseLinkerModels

@Suite("Decimal amounts")
struct DecimalAmountTests {
    @Test("minor units round the decimal text half away from zero, not the Double")
    func minorUnits() throws {
        #expect(DecimalAmount(text: "2.675")?.minorUnits() == 268)
        #expect(DecimalAmount(text: "2.674")?.minorUnits() == 267)
        #expect(DecimalAmount(text: "-2.675")?.minorUnits() == -268)
        #expect(DecimalAmount(text: "20.00")?.minorUnits() == 2000)
        #expect(DecimalAmount(text: "1e-05")?.minorUnits() == 0)
        #expect(DecimalAmount(text: "0.005")?.minorUnits(scale: 2) == 1)
        #expect(DecimalAmount(text: "12.3456")?.minorUnits(scale: 4) == 123456)
        #expect(DecimalAmount(text: "1e30")?.minorUnits() == nil, "does not fit")
    }

    @Test("JSON numbers keep the digits BaseLinker wrote")
    func fromJSONNumbers() throws {
        let values = json(#"[0.29, 0.1, 0.2, 15.38, 20.00, -0.02, 4.5789, 161.89]"#).arrayValue ?? []
        let amounts = values.compactMap(\.lenientDecimal)
        // `20.00` is a number with a fraction, read as the Double 20.0: its shortest text is "20.0".
        #expect(amounts.map(\.text) == ["0.29", "0.1", "0.2", "15.38", "20.0", "-0.02", "4.5789", "161.89"])
        #expect(amounts[0].minorUnits() == 29)
        // Summing minor units is exact where summing Doubles is not.
        #expect(amounts[1].minorUnits()! + amounts[2].minorUnits()! == 30)
        #expect(amounts[1].doubleValue + amounts[2].doubleValue != 0.3)
    }

    @Test("only decimal text is accepted")
    func strictText() {
        for bad in ["", " ", "12,50", "abc", "1.2.3", "--1", "1e", ".", "0x10", "nan", "inf"] {
            #expect(DecimalAmount(text: bad) == nil, "\(bad)")
        }
        for good in ["0", "-1", "+3", " 39.90 ", ".5", "5.", "1E+3"] {
            #expect(DecimalAmount(text: good) != nil, "\(good)")
        }
    }

    @Test("equal values compare equal whatever their text")
    func equality() {
        #expect(DecimalAmount(text: "20.00") == DecimalAmount(20))
        #expect(DecimalAmount(text: "0.10") == DecimalAmount(0.1))
        #expect(Set([DecimalAmount(text: "5.0")!, DecimalAmount(5)]).count == 1)
    }
}
