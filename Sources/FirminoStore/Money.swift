/// An amount of money in minor units (grosze, cents): `Money(minorUnits: 1999)` is 19.99.
///
/// Amounts never pass through floating point once parsed. BaseLinker sends prices as JSON
/// numbers or decimal strings; both are read through their shortest decimal spelling and
/// rounded half away from zero to two places, so `19.99` is 1999 (not 1998, which truncating
/// `19.99 * 100` would give) and `0.125` is 13.
public struct Money: Hashable, Comparable, Sendable {
    public var minorUnits: Int64

    public init(minorUnits: Int64) {
        self.minorUnits = minorUnits
    }

    public static let zero = Money(minorUnits: 0)

    /// The largest amount there is: 92233720368547758.07.
    public static let largest = Money(minorUnits: .max)

    /// Parses a decimal string: optional sign, digits, an optional `.` or `,` fraction and an
    /// optional exponent (`"19.99"`, `"-0,5"`, `"1e2"`). More than two decimals are rounded half
    /// away from zero. Returns nil for anything else, or for an amount beyond `Int64` minor units.
    public init?(decimalString text: String) {
        guard let decimal = DecimalText(text.trimmingSpaces), let units = decimal.minorUnits() else {
            return nil
        }
        self.minorUnits = units
    }

    /// Reads a BaseLinker amount sent as a JSON number; nil when it is not finite or too large.
    public init?(baselinker value: Double) {
        guard value.isFinite else { return nil }
        // `description` is the shortest spelling that reads back as the same Double: "19.99".
        self.init(decimalString: value.description)
    }

    /// `"123.45"`, `"-0.50"`, `"0.00"`: always two decimals, a dot, no grouping.
    public var decimalString: String {
        let magnitude = minorUnits.magnitude
        let whole = magnitude / 100
        let cents = magnitude % 100
        let sign = minorUnits < 0 ? "-" : ""
        return "\(sign)\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    // The operators trap on overflow, as `Int64` does: use them on amounts known to be small.
    // Amounts that come from outside (an order's prices and quantities) go through the checked
    // ``adding(_:)`` and ``multiplied(by:)``.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits + rhs.minorUnits) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits - rhs.minorUnits) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.minorUnits += rhs.minorUnits }
    public static prefix func - (value: Money) -> Money { Money(minorUnits: -value.minorUnits) }

    /// The amount times a whole quantity (a line's gross from its unit gross price); traps on
    /// overflow.
    public func times(_ quantity: Int) -> Money {
        Money(minorUnits: minorUnits * Int64(quantity))
    }

    /// `self + other`, or nil when the sum is beyond what `Int64` minor units hold.
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        return overflow ? nil : Money(minorUnits: sum)
    }

    /// The amount times a whole quantity, or nil when the product is beyond what `Int64`
    /// minor units hold.
    public func multiplied(by quantity: Int) -> Money? {
        guard let factor = Int64(exactly: quantity) else { return nil }
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        return overflow ? nil : Money(minorUnits: product)
    }
}

/// In JSON a decimal string (`"123.45"`), as in the command line's JSON; read from a decimal
/// string or a JSON number.
extension Money: TextCoded {
    static let kind = "an amount of money"

    init?(text: String) { self.init(decimalString: text) }
    init?(baselinkerNumber: Double) { self.init(baselinker: baselinkerNumber) }
    var text: String { decimalString }
}

/// A decimal number as written: sign, digits and the power of ten they are scaled by.
struct DecimalText {
    var negative: Bool
    var digits: [UInt8]
    /// The value is `digits × 10^exponent`.
    var exponent: Int

    init?(_ text: String) {
        var scalars = Substring(text).unicodeScalars[...]
        negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        digits = []
        exponent = 0
        var sawPoint = false
        var sawDigit = false
        while let scalar = scalars.first {
            if let digit = scalar.asciiDigit {
                digits.append(digit)
                if sawPoint { exponent -= 1 }
                sawDigit = true
            } else if (scalar == "." || scalar == ","), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            scalars = scalars.dropFirst()
        }
        guard sawDigit else { return nil }
        if let marker = scalars.first, marker == "e" || marker == "E" {
            scalars = scalars.dropFirst()
            var exponentNegative = false
            if let sign = scalars.first, sign == "-" || sign == "+" {
                exponentNegative = sign == "-"
                scalars = scalars.dropFirst()
            }
            var value = 0
            var sawExponentDigit = false
            while let scalar = scalars.first, let digit = scalar.asciiDigit {
                guard value < 10_000 else { return nil }
                value = value * 10 + Int(digit)
                sawExponentDigit = true
                scalars = scalars.dropFirst()
            }
            guard sawExponentDigit else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard scalars.isEmpty else { return nil }
    }

    /// The value scaled to `places` decimals, rounded half away from zero; nil on overflow.
    func scaled(toPlaces places: Int) -> Int64? {
        var result: Int64 = 0
        let shift = exponent + places
        let roundingIndex = digits.count + shift
        let kept = shift >= 0 ? digits.count : max(0, roundingIndex)
        for digit in digits.prefix(kept) {
            let (times10, o1) = result.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            result = sum
        }
        if shift > 0 {
            for _ in 0..<shift {
                let (times10, overflow) = result.multipliedReportingOverflow(by: 10)
                guard !overflow else { return result == 0 ? 0 : nil }
                result = times10
            }
        } else if shift < 0, roundingIndex >= 0, roundingIndex < digits.count, digits[roundingIndex] >= 5 {
            let (sum, overflow) = result.addingReportingOverflow(1)
            guard !overflow else { return nil }
            result = sum
        }
        return negative ? -result : result
    }

    func minorUnits() -> Int64? { scaled(toPlaces: 2) }
}

extension Unicode.Scalar {
    var asciiDigit: UInt8? {
        value >= 48 && value <= 57 ? UInt8(value - 48) : nil
    }
}

extension String {
    /// Without the white space (any Unicode white space) at either end.
    package var trimmingSpaces: String {
        // Most text has no space at either end: a letter, digit or sign at both ends of the
        // bytes is a character that is not white space.
        if let first = utf8.first, let last = utf8.last, Self.isPlainASCII(first), Self.isPlainASCII(last) {
            return self
        }
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }

    /// An ASCII byte that is printable and not a space.
    private static func isPlainASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}
