public import Foundation
import GRDB

/// An issued line.
public struct DocumentLine: Identifiable, Hashable, Sendable {
    public let id: Int64
    /// 1, 2, 3… in the document.
    public var position: Int
    public var name: String
    public var sku: String?
    public var quantity: Int
    public var unit: String
    public var unitGross: Money
    public var vatRate: VATRate
    public var productId: Int64?
    public var warehouseId: Int64?

    /// `unitGross × quantity`.
    public var gross: Money { unitGross.times(quantity) }
}

/// An issued document with its lines and totals.
public struct Document: Identifiable, Hashable, Sendable {
    public let id: Int64
    public var type: DocumentType
    /// As formatted by ``NumberingFormats``: `FV/3/11/2026`.
    public var number: String
    /// The `{n}` of the number: gap-free within the type and ``period``.
    public var sequence: Int64
    /// The numbering series' month, `YYYY-MM` (the issue date's).
    public var period: String
    public var issueDate: BusinessDate
    public var saleDate: BusinessDate
    public var buyer: PartyDetails
    /// The seller as of issue; nil for a document issued without one (printed with the
    /// configuration's seller).
    public var seller: PartyDetails?
    public var contractorId: Int64?
    public var currency: String
    /// Net, VAT and gross per rate; `vat.net`, `vat.vat`, `vat.gross` are the totals.
    public var vat: VATSummary
    public var baselinkerOrderId: Int64?
    /// BaseLinker's id for the invoice once `addInvoice` created it.
    public var baselinkerInvoiceId: Int64?
    /// When the printout reached BaseLinker.
    public var sentAt: Date?
    public var createdAt: Date
    public var lines: [DocumentLine]

    public var totalNet: Money { vat.net }
    public var totalVAT: Money { vat.vat }
    public var totalGross: Money { vat.gross }
}

extension Document {
    static let columns = """
        id, type, number, sequence, series_period, issue_date, sale_date, buyer_name, buyer_tax_id,
        buyer_address, buyer_postcode, buyer_city, buyer_country, seller_name, seller_tax_id, seller_address,
        seller_postcode, seller_city, seller_country, contractor_id, currency, baselinker_order_id,
        baselinker_invoice_id, sent_at, created_at
        """

    init(row: Row, vat: VATSummary, lines: [DocumentLine]) throws {
        id = row["id"]
        let typeName: String = row["type"]
        guard let type = DocumentType(rawValue: typeName) else {
            throw StoreError(.database, "the store holds an unknown document type '\(typeName)'")
        }
        self.type = type
        number = row["number"]
        sequence = row["sequence"]
        period = row["series_period"]
        issueDate = try row.businessDate("issue_date")
        saleDate = try row.businessDate("sale_date")
        buyer = Self.party(row, "buyer")
        seller = row["seller_name"] == nil ? nil : Self.party(row, "seller")
        contractorId = row["contractor_id"]
        currency = row["currency"]
        baselinkerOrderId = row["baselinker_order_id"]
        baselinkerInvoiceId = row["baselinker_invoice_id"]
        sentAt = row["sent_at"]
        createdAt = row["created_at"]
        self.vat = vat
        self.lines = lines
    }
}

extension Document {
    /// The party kept in the `<prefix>_name`, `_tax_id`, `_address`, `_postcode`, `_city` and
    /// `_country` columns.
    static func party(_ row: Row, _ prefix: String) -> PartyDetails {
        PartyDetails(
            name: row["\(prefix)_name"], taxId: row["\(prefix)_tax_id"], address: row["\(prefix)_address"],
            postcode: row["\(prefix)_postcode"], city: row["\(prefix)_city"], country: row["\(prefix)_country"])
    }
}

extension DocumentLine {
    static let columns =
        "id, document_id, position, name, sku, quantity, unit, price_gross, vat_rate, product_id, warehouse_id"

    init(row: Row) throws {
        id = row["id"]
        position = row["position"]
        name = row["name"]
        sku = row["sku"]
        quantity = row["quantity"]
        unit = row["unit"]
        unitGross = Money(minorUnits: row["price_gross"])
        vatRate = try row.vatRate("vat_rate")
        productId = row["product_id"]
        warehouseId = row["warehouse_id"]
    }
}

extension Row {
    func businessDate(_ column: String) throws -> BusinessDate {
        let text: String = self[column]
        guard let date = BusinessDate(text) else {
            throw StoreError(.database, "the store holds a malformed date '\(text)' in \(column)")
        }
        return date
    }
}

extension Row {
    func vatRate(_ column: String) throws -> VATRate {
        let name: String = self[column]
        guard let rate = VATRate(name: name) else {
            throw StoreError(.database, "the store holds an unknown VAT rate '\(name)' in \(column)")
        }
        return rate
    }
}
