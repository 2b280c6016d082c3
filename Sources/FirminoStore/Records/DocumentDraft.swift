/// A party as printed on a document — the buyer (linked to a contractor or not) or the seller
/// (the `[seller]` of the configuration) — kept with the document as issued and never changed
/// afterwards, so a later edit of the contractor card or the configuration leaves it alone.
public struct PartyDetails: Hashable, Sendable, Codable {
    public var name: String
    public var taxId: String
    public var address: String
    public var postcode: String
    public var city: String
    /// ISO 3166 alpha-2.
    public var country: String

    public init(
        name: String, taxId: String = "", address: String = "", postcode: String = "",
        city: String = "", country: String = ""
    ) {
        self.name = name
        self.taxId = taxId
        self.address = address
        self.postcode = postcode
        self.city = city
        self.country = country
    }

    /// The snapshot of a contractor's current data.
    public init(_ contractor: Contractor) {
        self.init(
            name: contractor.name, taxId: contractor.taxId, address: contractor.address,
            postcode: contractor.postcode, city: contractor.city, country: contractor.country)
    }
}

/// A line to issue. Its gross value is `unitGross × quantity`.
public struct DocumentLineDraft: Hashable, Sendable {
    /// The most units one line may hold: far above any real order, low enough that a hostile
    /// or damaged quantity is refused with a reason instead of overflowing the stock ledger.
    public static let maximumQuantity = 1_000_000

    public var name: String
    public var sku: String?
    public var quantity: Int
    public var unit: String
    public var unitGross: Money
    public var vatRate: VATRate
    /// The linked product; nil leaves the line unlinked (and moves no stock).
    public var productId: Int64?
    /// The warehouse the goods leave; stock moves only when both this and the product are set.
    public var warehouseId: Int64?

    public init(
        name: String, sku: String? = nil, quantity: Int, unit: String = "szt", unitGross: Money,
        vatRate: VATRate, productId: Int64? = nil, warehouseId: Int64? = nil
    ) {
        self.name = name
        self.sku = sku
        self.quantity = quantity
        self.unit = unit
        self.unitGross = unitGross
        self.vatRate = vatRate
        self.productId = productId
        self.warehouseId = warehouseId
    }
}

/// A document to issue; ``StoreTransaction/insertDocument(_:)`` gives it its number and totals.
public struct DocumentDraft: Hashable, Sendable {
    public var type: DocumentType
    /// The day of issue in the seller's timezone; its month picks the numbering series.
    public var issueDate: BusinessDate
    /// The day of sale in the seller's timezone.
    public var saleDate: BusinessDate
    public var buyer: PartyDetails
    /// The seller as of issue; nil: printed with the printer's seller (the configuration's).
    public var seller: PartyDetails?
    public var contractorId: Int64?
    /// ISO 4217, e.g. `PLN`.
    public var currency: String
    /// The BaseLinker order this document is for; at most one document per order.
    public var baselinkerOrderId: Int64?
    public var lines: [DocumentLineDraft]
    /// When true (the default), each line with a product and a warehouse takes its quantity out
    /// of that warehouse's stock, in the same transaction.
    public var movesStock: Bool

    public init(
        type: DocumentType, issueDate: BusinessDate, saleDate: BusinessDate, buyer: PartyDetails,
        seller: PartyDetails? = nil, contractorId: Int64? = nil, currency: String = "PLN",
        baselinkerOrderId: Int64? = nil, lines: [DocumentLineDraft], movesStock: Bool = true
    ) {
        self.type = type
        self.issueDate = issueDate
        self.saleDate = saleDate
        self.buyer = buyer
        self.seller = seller
        self.contractorId = contractorId
        self.currency = currency
        self.baselinkerOrderId = baselinkerOrderId
        self.lines = lines
        self.movesStock = movesStock
    }
}

/// What inserting a document did.
public struct InsertedDocument: Hashable, Sendable {
    public var document: Document
    /// The stock movements the document's lines made, in line order.
    public var movements: [StockMovement]
    /// The levels those movements left below zero: the caller warns about them.
    public var negativeLevels: [StockLevel]
}
