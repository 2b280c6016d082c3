/// A VAT rate as it appears on a document line.
///
/// A taxed rate is a percentage kept in hundredths of a percent, so foreign rates such as 5.5 %
/// stay exact (`percent(hundredths: 550)`). The named rates carry no tax: `zw` (exempt,
/// BaseLinker's −1), `np` (not taxable, −0.02), `oo` (reverse charge, −0.03), and the zero
/// rates of intra-EU supplies (`0wdt`) and exports (`0exp`), kept apart from a domestic 0 %.
///
/// Each rate has a stable textual ``name`` (`"23"`, `"5.5"`, `"0"`, `"zw"`, `"0wdt"`…), which
/// is what the store keeps, what JSON output shows and what ``init(name:)`` reads back.
public enum VATRate: Hashable, Sendable {
    case percent(hundredths: Int)
    case exempt
    case notTaxable
    case reverseCharge
    case zeroWDT
    case zeroExport

    public static let standard = VATRate.percent(hundredths: 2300)

    /// The percentages a Polish or EU document can carry: 0 and the standard and reduced rates
    /// of the member states (in hundredths: 550 is 5.5 %). A rate outside them — 7.777, 99 —
    /// is a mistake in the order, not a rate to issue.
    public static let documentPercentages: Set<Int> = [
        0, 210, 300, 400, 480, 500, 550, 600, 700, 800, 900, 950, 1000, 1100, 1200, 1300, 1350, 1400, 1500,
        1600, 1700, 1800, 1900, 2000, 2100, 2200, 2300, 2400, 2500, 2550, 2700,
    ]

    /// Whether a document may carry this rate: one of ``documentPercentages``, or a named rate.
    public var isDocumentRate: Bool {
        if case .percent(let hundredths) = self { return Self.documentPercentages.contains(hundredths) }
        return true
    }

    /// A whole-percent rate: `VATRate.percent(23)`.
    public static func percent(_ whole: Int) -> VATRate { .percent(hundredths: whole * 100) }

    /// Reads a ``name``: `"23"`, `"5.5"` (or `"5,5"`, `"23%"`), `"zw"`, `"np"`, `"oo"`,
    /// `"0wdt"`, `"0exp"`, case-insensitively. Nil for anything else or a percentage over 100.
    public init?(name: String) {
        var text = name.trimmingSpaces.lowercased()
        switch text {
        case "zw": self = .exempt
        case "np": self = .notTaxable
        case "oo": self = .reverseCharge
        case "0wdt": self = .zeroWDT
        case "0exp": self = .zeroExport
        default:
            if text.hasSuffix("%") { text = String(text.dropLast()).trimmingSpaces }
            guard let decimal = DecimalText(text), !decimal.negative,
                  let hundredths = decimal.scaled(toPlaces: 2), hundredths <= 10_000
            else { return nil }
            self = .percent(hundredths: Int(hundredths))
        }
    }

    /// Reads BaseLinker's `tax_rate`: a percentage, or −1 (`zw`), −0.02 (`np`), −0.03 (`oo`).
    public init?(baselinker value: Double) {
        guard value.isFinite else { return nil }
        guard let decimal = DecimalText(value.description),
              let hundredths = decimal.scaled(toPlaces: 2)
        else { return nil }
        switch hundredths {
        case -100: self = .exempt
        case -2: self = .notTaxable
        case -3: self = .reverseCharge
        case 0...10_000: self = .percent(hundredths: Int(hundredths))
        default: return nil
        }
    }

    /// The stable textual name: `"23"`, `"5.5"`, `"0.25"`, `"zw"`, `"np"`, `"oo"`, `"0wdt"`, `"0exp"`.
    public var name: String {
        switch self {
        case .percent(let hundredths):
            let whole = hundredths / 100
            let fraction = hundredths % 100
            if fraction == 0 { return "\(whole)" }
            if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
            return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
        case .exempt: return "zw"
        case .notTaxable: return "np"
        case .reverseCharge: return "oo"
        case .zeroWDT: return "0wdt"
        case .zeroExport: return "0exp"
        }
    }

    /// The percentage in hundredths that tax is computed with: the rate for a taxed rate,
    /// 0 for every named rate.
    public var taxHundredths: Int {
        if case .percent(let hundredths) = self { return hundredths }
        return 0
    }

    /// How BaseLinker spells the rate (`addInvoice`, inventory products): the percentage, −1 for
    /// `zw`, −0.02 for `np`, −0.03 for `oo`, 0 for the zero rates of WDT and export.
    public var baselinkerValue: Double {
        switch self {
        case .percent(let hundredths): return Double(hundredths) / 100
        case .exempt: return -1
        case .notTaxable: return -0.02
        case .reverseCharge: return -0.03
        case .zeroWDT, .zeroExport: return 0
        }
    }

    /// Printouts and summaries list taxed rates from the highest down, then the named ones.
    var displayOrder: (Int, Int) {
        switch self {
        case .percent(let hundredths): return (0, -hundredths)
        case .zeroWDT: return (1, 0)
        case .zeroExport: return (2, 0)
        case .exempt: return (3, 0)
        case .notTaxable: return (4, 0)
        case .reverseCharge: return (5, 0)
        }
    }
}

/// In JSON the ``name``; read from a name or a BaseLinker number (`23`, `-1`).
extension VATRate: TextCoded {
    static let kind = "a VAT rate"

    init?(text: String) { self.init(name: text) }
    init?(baselinkerNumber: Double) { self.init(baselinker: baselinkerNumber) }
    var text: String { name }
}
