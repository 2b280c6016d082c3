/// A numbering series from `getSeries`; its id is what `addInvoice` takes.
public struct InvoiceSeries: Sendable, Hashable {
    public var id: Int
    /// `"INVOICE"`, `"CORRECTION"` or `"RECEIPT"`.
    public var type: String
    public var name: String
    public var format: String

    public init(json: JSONValue) throws(BaseLinkerError) {
        let fields: FieldReader
        (id, fields) = try FieldReader.record(json, "series", id: "id")
        type = try fields.string("type")
        name = try fields.string("name")
        format = try fields.string("format")
    }
}

/// An invoice from `getInvoices`: the fields the sync checks before attaching a file, and the
/// whole object in ``raw``.
public struct Invoice: Sendable, Hashable {
    public var id: Int
    public var orderID: Int?
    public var seriesID: Int?
    /// `"normal"` or `"correcting"`.
    public var type: String
    public var number: String
    public var dateAdd: Int?
    public var dateSell: Int?
    public var currency: String
    public var totalPriceGross: DecimalAmount?
    public var totalPriceNet: DecimalAmount?
    /// The number given with `addOrderInvoiceFile`; `""` when no file was attached.
    public var externalInvoiceNumber: String
    public var externalID: String
    /// `nil` when the invoice was not converted (BaseLinker sends `""`).
    public var exchangeRate: DecimalAmount?
    public var buyer: Order.Address
    public var raw: JSONValue

    public init(json: JSONValue) throws(BaseLinkerError) {
        let fields: FieldReader
        (id, fields) = try FieldReader.record(json, "invoice", id: "invoice_id")
        orderID = try fields.int("order_id")
        seriesID = try fields.int("series_id")
        type = try fields.string("type")
        number = try fields.string("number")
        dateAdd = try fields.int("date_add")
        dateSell = try fields.int("date_sell")
        currency = try fields.string("currency").uppercased()
        totalPriceGross = try fields.decimal("total_price_brutto")
        totalPriceNet = try fields.decimal("total_price_netto")
        externalInvoiceNumber = try fields.string("external_invoice_number")
        externalID = try fields.string("external_id")
        exchangeRate = try fields.decimal("exchange_rate")
        buyer = try Order.Address(fields, prefix: "invoice_")
        raw = json
    }
}
