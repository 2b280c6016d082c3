import BaseLinkerModels
import Foundation

/// Numbering series, invoices and their attached files.
extension SandboxAccount {
    func getSeries() -> [String: JSONValue] {
        ["series": .array(state.series.map { series in
            .object([
                "id": .int(Int64(series.id)), "type": .string(series.type),
                "name": .string(series.name), "format": .string(series.format),
            ])
        })]
    }

    /// Issues an invoice in an `INVOICE` series, numbered per series and month. Issuing a second
    /// invoice for the same order is allowed, as in BaseLinker — callers check `getInvoices`.
    func addInvoice(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let orderId = try p.int("order_id")
        let seriesId = try p.int("series_id")
        let vatRate = try Self.vatRate(p)
        guard let order = state.orders[orderId] else { throw .orderNotFound(orderId) }
        guard let series = state.series.first(where: { $0.id == seriesId }) else { throw .seriesNotFound(seriesId) }
        guard series.type == "INVOICE" else {
            throw SandboxAPIError(code: "ERROR_SERIES_TYPE", message: "Series \(seriesId) is a \(series.type) series, not INVOICE")
        }
        let now = now
        let (year, month) = WarsawTime.month(clock.now)
        let subId = state.invoices.values.filter { $0.seriesId == seriesId && $0.year == year && $0.month == month }.count + 1
        let number = series.format
            .replacingOccurrences(of: "%N", with: String(subId))
            .replacingOccurrences(of: "%M", with: String(format: "%02d", month))
            .replacingOccurrences(of: "%Y", with: String(year))
        let invoice = SandboxInvoice(
            id: state.nextInvoiceId, orderId: orderId, seriesId: seriesId, number: number, subId: subId,
            month: month, year: year, dateAdd: now, dateSell: order.dateConfirmed > 0 ? order.dateConfirmed : order.dateAdd,
            currency: order.currency, totalGross: order.total, totalNet: Self.net(of: order, vatRate: vatRate),
            vatRate: vatRate, externalInvoiceNumber: "", fileBytes: 0, fileUploads: 0)
        state.nextInvoiceId += 1
        state.invoices[invoice.id] = invoice
        state.record(orderId: orderId, type: 7, objectId: invoice.id, date: now)
        return ["invoice_id": .int(Int64(invoice.id))]
    }

    private static func vatRate(_ p: Parameters) throws(SandboxAPIError) -> String {
        guard let value = p.values["vat_rate"], value != .null else { return "DEFAULT" }
        if case .string(let text) = value, Double(text) == nil {
            let upper = text.uppercased()
            guard ["DEFAULT", "ITEM", "EXPT", "ZW", "NP", "OO"].contains(upper) else {
                throw .badParameters("Parameter 'vat_rate' must be DEFAULT, ITEM, EXPT, ZW, NP, OO or 0-100, got \"\(text)\"")
            }
            return upper
        }
        let rate = try Parameters.double(value, "vat_rate")
        guard (0...100).contains(rate) else { throw .badParameters("Parameter 'vat_rate' must be between 0 and 100") }
        return Money.text(rate)
    }

    /// Net total: each line (and delivery, at the highest line rate) at its own rate, or at the
    /// one rate asked for.
    private static func net(of order: SandboxOrder, vatRate: String) -> Double {
        let forced: Double? = ["EXPT", "ZW", "NP", "OO"].contains(vatRate) ? 0 : Double(vatRate)
        func net(_ grossCents: Int, _ rate: Double) -> Int {
            let rate = forced ?? rate
            guard rate > 0 else { return grossCents }
            return Int((Double(grossCents) * 100 / (100 + rate)).rounded())
        }
        var cents = order.lines.reduce(0) { $0 + net(Money.cents($1.priceGross) * $1.quantity, $1.taxRate) }
        cents += net(Money.cents(order.deliveryPrice), order.lines.map(\.taxRate).max() ?? 23)
        return Money.amount(cents)
    }

    /// At most 100 invoices by id; `date_from` and `id_from` are inclusive.
    func getInvoices(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let invoiceId = try p.optionalInt("invoice_id")
        let orderId = try p.optionalInt("order_id")
        let seriesId = try p.optionalInt("series_id")
        let dateFrom = try p.optionalInt("date_from")
        let idFrom = try p.optionalInt("id_from")
        let external = try p.bool("get_external_invoices", default: true)
        let invoices = state.sortedInvoices.filter { invoice in
            (invoiceId == nil || invoice.id == invoiceId) && (orderId == nil || invoice.orderId == orderId)
                && (seriesId == nil || invoice.seriesId == seriesId) && invoice.dateAdd >= (dateFrom ?? 0)
                && invoice.id >= (idFrom ?? 0) && (external || invoice.fileUploads == 0)
        }
        return ["invoices": .array(invoices.prefix(100).map(invoiceJSON))]
    }

    private func invoiceJSON(_ invoice: SandboxInvoice) -> JSONValue {
        let order = state.orders[invoice.orderId]
        let buyer = order.map { $0.invoice.fullname.isEmpty && $0.invoice.company.isEmpty ? $0.delivery : $0.invoice }
            ?? SandboxAddress()
        var o: [String: JSONValue] = [
            "invoice_id": .int(Int64(invoice.id)), "order_id": .int(Int64(invoice.orderId)),
            "series_id": .int(Int64(invoice.seriesId)), "type": "normal", "number": .string(invoice.number),
            "sub_id": .int(Int64(invoice.subId)), "month": .int(Int64(invoice.month)), "year": .int(Int64(invoice.year)),
            "postfix": "", "date_add": .int(Int64(invoice.dateAdd)), "date_sell": .int(Int64(invoice.dateSell)),
            "date_pay_to": 0, "currency": .string(invoice.currency),
            "total_price_brutto": .double(invoice.totalGross), "total_price_netto": .double(invoice.totalNet),
            "payment": .string(order?.paymentMethod ?? ""), "additional_info": "",
            "invoice_nip": .string(order?.invoiceNip ?? ""), "seller": "Sklep Przykład sp. z o.o.", "issuer": "",
            "correcting_to_invoice_id": 0, "correcting_reason": "", "correcting_items": false, "correcting_data": false,
            "external_invoice_number": .string(invoice.externalInvoiceNumber), "external_id": "",
            "exchange_currency": "", "exchange_rate": "", "exchange_date": "", "exchange_info": "",
        ]
        for (key, value) in [
            ("fullname", buyer.fullname), ("company", buyer.company), ("address", buyer.address),
            ("postcode", buyer.postcode), ("city", buyer.city), ("country", buyer.country),
            ("country_code", buyer.countryCode),
        ] {
            o["invoice_\(key)"] = .string(value)
        }
        o["items"] = .array((order?.lines ?? []).map { line in
            let rate = Double(invoice.vatRate) ?? line.taxRate
            let net = rate > 0 ? line.priceGross * 100 / (100 + rate) : line.priceGross
            return .object([
                "name": .string(line.name), "sku": .string(line.sku), "ean": .string(line.ean),
                "price_brutto": .double(line.priceGross), "price_netto": .double((net * 100).rounded() / 100),
                "tax_rate": .double(rate), "quantity": .int(Int64(line.quantity)), "is_shipment": 0,
                "order_product_id": .int(Int64(line.orderProductId)),
            ])
        })
        return .object(o)
    }

    /// `file` must be `data:` followed by standard base64 (a `+` sent unescaped arrives as a
    /// space and is refused). A new file replaces the previous one.
    func addOrderInvoiceFile(_ p: Parameters) throws(SandboxAPIError) -> [String: JSONValue] {
        let invoiceId = try p.int("invoice_id")
        let file = try p.string("file")
        let number = try p.optionalString("external_invoice_number") ?? ""
        guard state.invoices[invoiceId] != nil else { throw .invoiceNotFound(invoiceId) }
        guard file.hasPrefix("data:") else {
            throw SandboxAPIError(code: "ERROR_INVALID_FILE", message: "The file must start with 'data:' followed by base64")
        }
        let encoded = String(file.dropFirst(5))
        if encoded.contains(" ") {
            throw SandboxAPIError(
                code: "ERROR_INVALID_FILE",
                message: "The file is not valid base64: it contains a space (was '+' sent without encoding it as %2B?)")
        }
        guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else {
            throw SandboxAPIError(code: "ERROR_INVALID_FILE", message: "The file is empty or not valid base64")
        }
        guard number.count <= 30 else {
            throw .badParameters("Parameter 'external_invoice_number' is longer than 30 characters")
        }
        state.invoices[invoiceId]?.fileBytes = bytes.count
        state.invoices[invoiceId]?.fileUploads += 1
        if !number.isEmpty { state.invoices[invoiceId]?.externalInvoiceNumber = number }
        return [:]
    }
}
