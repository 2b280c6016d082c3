/// A document's totals per VAT rate, computed from its lines' gross values.
///
/// For each rate the line grosses are summed first; then
/// `net = round-half-up(gross × 100 / (100 + rate))` and `vat = gross − net`. Named rates
/// (`zw`, `np`, `oo`, `0wdt`, `0exp`) and 0 % carry no tax: `net = gross`, `vat = 0`.
/// Rounding is half away from zero, so a negative gross (a correction) mirrors a positive one.
/// Everything is integer arithmetic on minor units; `net + vat == gross` holds per rate and in
/// total by construction.
public struct VATSummary: Hashable, Sendable {
    public struct Row: Hashable, Sendable, Codable {
        public var rate: VATRate
        public var net: Money
        public var vat: Money
        public var gross: Money

        public init(rate: VATRate, net: Money, vat: Money, gross: Money) {
            self.rate = rate
            self.net = net
            self.vat = vat
            self.gross = gross
        }
    }

    /// One row per rate present, taxed rates from the highest down, then the named ones.
    public var rows: [Row]

    public var net: Money { rows.reduce(.zero) { $0 + $1.net } }
    public var vat: Money { rows.reduce(.zero) { $0 + $1.vat } }
    public var gross: Money { rows.reduce(.zero) { $0 + $1.gross } }

    /// Sums the grosses per rate and splits each sum into net and VAT. Throws ``StoreError``
    /// `.invalidInput` when the lines at one rate, or the rates together, add up to more than
    /// an amount can hold (a hostile or damaged order), so that the totals below never overflow.
    public init(lines: some Sequence<(rate: VATRate, gross: Money)>) throws {
        var grossByRate: [VATRate: Money] = [:]
        for line in lines {
            guard let sum = grossByRate[line.rate, default: .zero].adding(line.gross) else {
                throw StoreError.invalid(
                    "the lines at VAT \(line.rate.name) add up to more than an amount can hold (\(Money.largest))")
            }
            grossByRate[line.rate] = sum
        }
        self.rows = grossByRate
            .map { rate, gross in
                let net = VATSummary.net(ofGross: gross, at: rate)
                return Row(rate: rate, net: net, vat: gross - net, gross: gross)
            }
            .sorted { $0.rate.displayOrder < $1.rate.displayOrder }
        if let total = overflowingTotal {
            throw StoreError.invalid("the document's \(total) adds up to more than an amount can hold (\(Money.largest))")
        }
    }

    /// Rows as stored; totals that do not add up mean a damaged store.
    init(rows: [Row]) throws {
        self.rows = rows.sorted { $0.rate.displayOrder < $1.rate.displayOrder }
        if let total = overflowingTotal {
            throw StoreError(.database, "the store holds VAT totals whose \(total) is beyond what an amount can hold")
        }
    }

    /// Which total (`net`, `VAT` or `gross`) cannot be summed without overflow, if any.
    private var overflowingTotal: String? {
        for (name, part) in [("gross", \Row.gross), ("net", \Row.net), ("VAT", \Row.vat)] {
            var sum = Money.zero
            for row in rows {
                guard let next = sum.adding(row[keyPath: part]) else { return "total \(name)" }
                sum = next
            }
        }
        return nil
    }

    /// `round-half-up(gross × 10000 / (10000 + rate in hundredths))`, in integers wide enough
    /// for any `Int64` amount.
    public static func net(ofGross gross: Money, at rate: VATRate) -> Money {
        let hundredths = rate.taxHundredths
        guard hundredths > 0 else { return gross }
        let divisor = UInt64(10_000 + hundredths)
        // round(m × 10000 / d) = floor((2 × m × 10000 + d) / (2 × d))
        let magnitude = gross.minorUnits.magnitude
        var wide = magnitude.multipliedFullWidth(by: 20_000)
        let (low, carry) = wide.low.addingReportingOverflow(divisor)
        wide = (wide.high + (carry ? 1 : 0), low)
        let (quotient, _) = (2 * divisor).dividingFullWidth(wide)
        let net = Int64(quotient)
        return Money(minorUnits: gross.minorUnits < 0 ? -net : net)
    }
}
