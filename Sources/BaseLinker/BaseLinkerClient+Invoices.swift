public import BaseLinkerModels
public import Foundation

/// Which invoices `getInvoices` returns (at most 100 per call). Unset fields are not sent.
public struct InvoicesQuery: Sendable, Hashable {
    public var invoiceID: Int?
    public var orderID: Int?
    /// Unix seconds.
    public var dateFrom: Int?
    public var idFrom: Int?
    public var seriesID: Int?
    /// `false` leaves out invoices that already have a file from `addOrderInvoiceFile`.
    public var includeExternalInvoices: Bool?

    public init(
        invoiceID: Int? = nil, orderID: Int? = nil, dateFrom: Int? = nil, idFrom: Int? = nil,
        seriesID: Int? = nil, includeExternalInvoices: Bool? = nil
    ) {
        self.invoiceID = invoiceID
        self.orderID = orderID
        self.dateFrom = dateFrom
        self.idFrom = idFrom
        self.seriesID = seriesID
        self.includeExternalInvoices = includeExternalInvoices
    }

    var parameters: JSONValue {
        var object: [String: JSONValue] = [:]
        object["invoice_id"] = invoiceID.map(JSONValue.init)
        object["order_id"] = orderID.map(JSONValue.init)
        object["date_from"] = dateFrom.map(JSONValue.init)
        object["id_from"] = idFrom.map(JSONValue.init)
        object["series_id"] = seriesID.map(JSONValue.init)
        object["get_external_invoices"] = includeExternalInvoices.map(JSONValue.bool)
        return .object(object)
    }
}

extension BaseLinkerClient {
    /// Numbering series for `addInvoice`.
    public func getSeries() async throws -> [InvoiceSeries] {
        try await call("getSeries", list: "series", InvoiceSeries.init(json:))
    }

    /// Issues a BaseLinker invoice for an order and returns its id.
    ///
    /// - Parameter vatRate: `"DEFAULT"` (the series' rate, BaseLinker's default), `"ITEM"`,
    ///   `"EXPT"`/`"ZW"`, `"NP"`, `"OO"` or a number 0–100; `nil` sends nothing.
    public func addInvoice(orderID: Int, seriesID: Int, vatRate: JSONValue? = nil) async throws -> Int {
        var parameters: [String: JSONValue] = ["order_id": JSONValue(orderID), "series_id": JSONValue(seriesID)]
        parameters["vat_rate"] = vatRate
        return try await call("addInvoice", parameters: .object(parameters), id: "invoice_id")
    }

    public func getInvoices(_ query: InvoicesQuery = InvoicesQuery()) async throws -> [Invoice] {
        try await call("getInvoices", parameters: query.parameters, list: "invoices", Invoice.init(json:))
    }

    /// Attaches our own printout (a PDF) to a BaseLinker invoice.
    ///
    /// The file travels as `"data:" + base64`, as BaseLinker asks; its `+` characters are
    /// percent-encoded like every other reserved character.
    /// - Parameter externalInvoiceNumber: shown in BaseLinker instead of its own number
    ///   (at most 30 characters).
    public func addOrderInvoiceFile(
        invoiceID: Int, file: Data, externalInvoiceNumber: String? = nil
    ) async throws {
        var parameters: [String: JSONValue] = [
            "invoice_id": JSONValue(invoiceID), "file": .string("data:" + file.base64EncodedString()),
        ]
        parameters["external_invoice_number"] = externalInvoiceNumber.map(JSONValue.string)
        _ = try await call("addOrderInvoiceFile", parameters: .object(parameters))
    }
}
