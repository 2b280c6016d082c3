/// A value kept in JSON as its text — money as `"123.45"`, a VAT rate as `"23"` or `"zw"`, a
/// date as `"2026-11-05"` — and shown as the same text. Where BaseLinker sends such a value as
/// a JSON number (a price, a tax rate), the type reads that too.
protocol TextCoded: Codable, CustomStringConvertible {
    /// The value of `text`, or nil when it spells none.
    init?(text: String)
    /// A BaseLinker number, or nil when it is none (the default: numbers are not read).
    init?(baselinkerNumber: Double)
    /// How the value is written.
    var text: String { get }
    /// What the value is, for errors: "an amount of money".
    static var kind: String { get }
}

extension TextCoded {
    init?(baselinkerNumber: Double) { nil }

    public var description: String { text }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let value = Self(text: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not \(Self.kind)")
            }
            self = value
        } else {
            let number = try container.decode(Double.self)
            guard let value = Self(baselinkerNumber: number) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(number) is not \(Self.kind)")
            }
            self = value
        }
    }
}
