public import Foundation

/// A decimal number exactly as BaseLinker sent it — money, VAT rates, weights.
///
/// BaseLinker sends amounts as JSON numbers (`20`, `15.38`) or as strings (`"50"`, `"20.00"`).
/// Binary floating point cannot hold most of them exactly (`0.29 * 100` is `28.999…`), so the
/// decimal text is kept next to the `Double`: for a string it is the string as sent; for a JSON
/// number it is the shortest text that reads back as the same `Double`, which for any amount
/// written with up to 15 significant digits is exactly the digits BaseLinker wrote. Convert to
/// minor units with ``minorUnits(scale:)``, which rounds the decimal text, never the `Double`.
public struct DecimalAmount: Sendable, Hashable, CustomStringConvertible {
    /// The decimal text: `"20.00"`, `"15.38"`, `"-0.02"`, `"1e-05"`.
    public let text: String
    /// The same value as a `Double`, for display and rough comparisons.
    public let doubleValue: Double

    /// Reads a decimal text: an optional sign, digits, an optional fraction and exponent.
    /// Surrounding spaces are ignored; anything else (`"12,50"`, `"abc"`, `""`) gives `nil`.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard DecimalAmount.isDecimalText(trimmed), let double = Double(trimmed), double.isFinite
        else { return nil }
        self.text = trimmed
        self.doubleValue = double
    }

    public init(_ value: Double) {
        self.text = value.description
        self.doubleValue = value
    }

    public init(_ value: Int) {
        self.text = String(value)
        self.doubleValue = Double(value)
    }

    /// The exact decimal value of ``text``.
    public var decimalValue: Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(doubleValue)
    }

    /// The amount in minor units (`scale` decimal places), rounded half away from zero from the
    /// decimal text: `"2.675"` gives 268 at scale 2, where `2.675 * 100` as a `Double` gives 267.
    /// `nil` when the result does not fit in an `Int`.
    public func minorUnits(scale: Int = 2) -> Int? {
        var scaled = decimalValue
        var power = Decimal(1)
        for _ in 0..<max(scale, 0) { power *= 10 }
        scaled *= power
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return Int(rounded.description)
    }

    public var description: String { text }

    public static func == (lhs: DecimalAmount, rhs: DecimalAmount) -> Bool {
        lhs.decimalValue == rhs.decimalValue
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(doubleValue)
    }

    private static func isDecimalText(_ text: String) -> Bool {
        var chars = Substring(text)
        if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
        let integer = chars.prefix(while: \.isASCIIDigit)
        chars = chars.dropFirst(integer.count)
        var fraction = Substring()
        if chars.first == "." {
            chars = chars.dropFirst()
            fraction = chars.prefix(while: \.isASCIIDigit)
            chars = chars.dropFirst(fraction.count)
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return false }
        if chars.first == "e" || chars.first == "E" {
            chars = chars.dropFirst()
            if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
            let exponent = chars.prefix(while: \.isASCIIDigit)
            guard !exponent.isEmpty else { return false }
            chars = chars.dropFirst(exponent.count)
        }
        return chars.isEmpty
    }
}

extension DecimalAmount: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
    public init(floatLiteral value: Double) { self.init(value) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
