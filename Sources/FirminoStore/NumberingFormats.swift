/// How document numbers are spelled, per type. Placeholders: `{n}` the number within the
/// type and month, `{MM}` / `{M}` the month with / without a leading zero, `{YYYY}` / `{YY}`
/// the year; each format needs `{n}`, a month and a year (``validate()``). Defaults:
/// `PAR/{n}/{MM}/{YYYY}`, `FV/{n}/{MM}/{YYYY}`, `WDT/{n}/{MM}/{YYYY}`, `EXP/{n}/{MM}/{YYYY}`.
public struct NumberingFormats: Hashable, Sendable {
    public var receipt: String
    public var invoice: String
    public var invoiceWDT: String
    public var invoiceExport: String

    public init(
        receipt: String = "PAR/{n}/{MM}/{YYYY}",
        invoice: String = "FV/{n}/{MM}/{YYYY}",
        invoiceWDT: String = "WDT/{n}/{MM}/{YYYY}",
        invoiceExport: String = "EXP/{n}/{MM}/{YYYY}"
    ) {
        self.receipt = receipt
        self.invoice = invoice
        self.invoiceWDT = invoiceWDT
        self.invoiceExport = invoiceExport
    }

    public static let `default` = NumberingFormats()

    public subscript(type: DocumentType) -> String {
        get {
            switch type {
            case .receipt: return receipt
            case .invoice: return invoice
            case .invoiceWDT: return invoiceWDT
            case .invoiceExport: return invoiceExport
            }
        }
        set {
            switch type {
            case .receipt: receipt = newValue
            case .invoice: invoice = newValue
            case .invoiceWDT: invoiceWDT = newValue
            case .invoiceExport: invoiceExport = newValue
            }
        }
    }

    /// The number for the `sequence`-th document of a type in the month of `date`.
    public func number(for type: DocumentType, sequence: Int64, date: BusinessDate) -> String {
        var result = ""
        for token in NumberingFormats.tokens(self[type]) {
            switch token {
            case .text(let text): result += text
            case .placeholder("n"): result += String(sequence)
            case .placeholder("MM"): result += BusinessDate.pad(date.month, 2)
            case .placeholder("M"): result += String(date.month)
            case .placeholder("YYYY"): result += BusinessDate.pad(date.year, 4)
            case .placeholder("YY"): result += BusinessDate.pad(date.year % 100, 2)
            case .placeholder(let other): result += "{\(other)}"
            }
        }
        return result
    }

    enum Token: Equatable {
        case text(String)
        case placeholder(String)
    }

    static func tokens(_ format: String) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(format)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { tokens.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                tokens.append(.text(String(rest[open...])))
                return tokens
            }
            tokens.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { tokens.append(.text(String(rest))) }
        return tokens
    }
}
