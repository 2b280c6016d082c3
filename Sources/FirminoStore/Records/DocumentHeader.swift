import Foundation
import GRDB

/// A row of `documents`: a ``Document`` without its lines and VAT totals.
///
/// The buyer and the seller are kept in six columns each (`buyer_name`, `buyer_tax_id`…,
/// `seller_name`…) and read as ``PartyDetails``; a document issued without a seller has NULL
/// in every `seller_` column. The `total_` columns repeat the sums of the document's VAT
/// totals, from which the store reads a document's totals.
struct DocumentHeader: Hashable, Codable {
    var id: Int64?
    var type: DocumentType
    var number: String
    var period: String
    var sequence: Int64
    var issueDate: BusinessDate
    var saleDate: BusinessDate
    private var buyerName: String
    private var buyerTaxId: String
    private var buyerAddress: String
    private var buyerPostcode: String
    private var buyerCity: String
    private var buyerCountry: String
    private var sellerName: String?
    private var sellerTaxId: String?
    private var sellerAddress: String?
    private var sellerPostcode: String?
    private var sellerCity: String?
    private var sellerCountry: String?
    var contractorId: Int64?
    var currency: String
    var totalNet: Money
    var totalVAT: Money
    var totalGross: Money
    var baselinkerOrderId: Int64?
    var baselinkerInvoiceId: Int64?
    var sentAt: Date?
    var createdAt: Date

    /// The header of a draft about to be issued with this number and these totals.
    init(_ draft: DocumentDraft, number: String, sequence: Int64, vat: VATSummary, createdAt: Date) {
        type = draft.type
        self.number = number
        period = draft.issueDate.period
        self.sequence = sequence
        issueDate = draft.issueDate
        saleDate = draft.saleDate
        (buyerName, buyerTaxId, buyerAddress) = (draft.buyer.name, draft.buyer.taxId, draft.buyer.address)
        (buyerPostcode, buyerCity, buyerCountry) = (draft.buyer.postcode, draft.buyer.city, draft.buyer.country)
        contractorId = draft.contractorId
        currency = draft.currency
        (totalNet, totalVAT, totalGross) = (vat.net, vat.vat, vat.gross)
        baselinkerOrderId = draft.baselinkerOrderId
        self.createdAt = createdAt
        seller = draft.seller
    }

    var buyer: PartyDetails {
        get {
            PartyDetails(
                name: buyerName, taxId: buyerTaxId, address: buyerAddress, postcode: buyerPostcode,
                city: buyerCity, country: buyerCountry)
        }
        set {
            (buyerName, buyerTaxId, buyerAddress) = (newValue.name, newValue.taxId, newValue.address)
            (buyerPostcode, buyerCity, buyerCountry) = (newValue.postcode, newValue.city, newValue.country)
        }
    }

    /// Nil when the `seller_name` column is NULL.
    var seller: PartyDetails? {
        get {
            sellerName.map {
                PartyDetails(
                    name: $0, taxId: sellerTaxId ?? "", address: sellerAddress ?? "", postcode: sellerPostcode ?? "",
                    city: sellerCity ?? "", country: sellerCountry ?? "")
            }
        }
        set {
            (sellerName, sellerTaxId, sellerAddress) = (newValue?.name, newValue?.taxId, newValue?.address)
            (sellerPostcode, sellerCity, sellerCountry) = (newValue?.postcode, newValue?.city, newValue?.country)
        }
    }

    /// The `documents` columns, which are also the coding keys.
    enum Columns: String, CodingKey, ColumnExpression, CaseIterable {
        case id, type, number, sequence, currency
        case period = "series_period", issueDate = "issue_date", saleDate = "sale_date"
        case buyerName = "buyer_name", buyerTaxId = "buyer_tax_id", buyerAddress = "buyer_address"
        case buyerPostcode = "buyer_postcode", buyerCity = "buyer_city", buyerCountry = "buyer_country"
        case sellerName = "seller_name", sellerTaxId = "seller_tax_id", sellerAddress = "seller_address"
        case sellerPostcode = "seller_postcode", sellerCity = "seller_city", sellerCountry = "seller_country"
        case contractorId = "contractor_id"
        case totalNet = "total_net", totalVAT = "total_vat", totalGross = "total_gross"
        case baselinkerOrderId = "baselinker_order_id", baselinkerInvoiceId = "baselinker_invoice_id"
        case sentAt = "sent_at", createdAt = "created_at"
    }

    typealias CodingKeys = Columns
}

extension DocumentHeader: FetchableRecord, MutablePersistableRecord, KeptInsert {
    static let databaseTableName = "documents"
    static let insertSQL = makeInsertSQL()

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    mutating func inserted(rowID: Int64) { id = rowID }
}
