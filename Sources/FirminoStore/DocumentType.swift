/// The sales documents the store issues.
public enum DocumentType: String, CaseIterable, Codable, Sendable {
    case receipt
    case invoice
    /// An intra-EU supply of goods (WDT), every line at `0wdt`.
    case invoiceWDT = "invoice_wdt"
    /// An export outside the EU, every line at `0exp`.
    case invoiceExport = "invoice_export"

    /// The title printed on the document.
    public var title: String {
        switch self {
        case .receipt: return "Paragon"
        case .invoice: return "Faktura VAT"
        case .invoiceWDT: return "Faktura VAT — WDT"
        case .invoiceExport: return "Faktura VAT — eksport"
        }
    }

    /// The rate every line of this document is issued at, whatever the order said.
    public var forcedVATRate: VATRate? {
        switch self {
        case .receipt, .invoice: return nil
        case .invoiceWDT: return .zeroWDT
        case .invoiceExport: return .zeroExport
        }
    }
}
