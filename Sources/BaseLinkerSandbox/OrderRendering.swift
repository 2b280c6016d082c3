import BaseLinkerModels

extension SandboxOrder {
    /// The order as `getOrders` sends it, with its quirks applied.
    var json: JSONValue {
        let q = quirks
        func flag(_ value: Bool) -> JSONValue {
            if q.contains(.flagsAsBools) { return .bool(value) }
            if q.contains(.flagsAsInts) { return .int(value ? 1 : 0) }
            return .string(value ? "1" : "0")
        }
        func code(_ value: String) -> JSONValue {
            .string(q.contains(.lowercaseCountryCodes) ? value.lowercased() : value)
        }
        var o: [String: JSONValue] = [
            "order_id": q.contains(.idsAsStrings) ? .string(String(id)) : .int(Int64(id)),
            "shop_order_id": q.contains(.idsAsStrings) ? .string(String(shopOrderId)) : .int(Int64(shopOrderId)),
            "external_order_id": .string(externalOrderId),
            "order_source": .string(source),
            "order_source_id": .int(Int64(sourceId)),
            "order_source_info": "-",
            "order_status_id": .int(Int64(statusId)),
            "date_add": .int(Int64(dateAdd)),
            "date_confirmed": .int(Int64(dateConfirmed)),
            "date_in_status": .int(Int64(dateInStatus)),
            "user_login": .string(userLogin),
            "phone": .string(phone),
            "email": .string(email),
            "user_comments": .string(userComments),
            "admin_comments": .string(adminComments),
            "currency": .string(currency),
            "payment_method": .string(paymentMethod),
            "payment_method_cod": flag(cashOnDelivery),
            "payment_done": q.contains(.paymentDoneAsString) ? .string(Money.text(paymentDone)) : .double(paymentDone),
            "delivery_method_id": .int(Int64(deliveryMethodId)),
            "delivery_method": .string(deliveryMethod),
            "delivery_price": q.contains(.numbersAsStrings) ? .string(Money.text(deliveryPrice)) : .double(deliveryPrice),
            "delivery_package_module": .string(deliveryPackageModule),
            "delivery_package_nr": .string(deliveryPackageNumber),
            "delivery_country_code": code(delivery.countryCode),
            "delivery_point_id": .string(deliveryPointId),
            "delivery_point_name": .string(deliveryPoint.fullname),
            "delivery_point_address": .string(deliveryPoint.address),
            "delivery_point_postcode": .string(deliveryPoint.postcode),
            "delivery_point_city": .string(deliveryPoint.city),
            "invoice_nip": .string(invoiceNip),
            "want_invoice": flag(wantInvoice),
            "extra_field_1": "",
            "extra_field_2": "",
            "order_page": .string("https://klient.baselinker.com/\(id)/\(String(UInt32(truncatingIfNeeded: id &* 2_654_435_761), radix: 16))/"),
            "star": 0,
            "products": .array(lines.map { $0.json(q) }),
        ]
        for (prefix, address) in [("delivery", delivery), ("invoice", invoice)] {
            o["\(prefix)_fullname"] = .string(address.fullname)
            o["\(prefix)_company"] = .string(address.company)
            o["\(prefix)_address"] = .string(address.address)
            o["\(prefix)_postcode"] = .string(address.postcode)
            o["\(prefix)_city"] = .string(address.city)
            o["\(prefix)_state"] = .string(address.state)
            o["\(prefix)_country"] = .string(address.country)
        }
        if !q.contains(.missingInvoiceCountryCode) {
            o["invoice_country_code"] = q.contains(.emptyInvoiceCountryCode) ? "" : code(invoice.countryCode)
        }
        if !q.contains(.missingConfirmed) {
            o["confirmed"] = .bool(confirmed)
        }
        let picked = statusId >= 1003
        if q.contains(.pickPackStatusStrings) {
            o["pick_status"] = picked ? "1" : "0"
            o["pack_status"] = picked ? "1" : "0"
        } else {
            o["pick_state"] = picked ? 1 : 0
            o["pack_state"] = picked ? 1 : 0
        }
        o.merge(fieldOverrides) { _, given in given }
        return .object(o)
    }
}

extension SandboxOrderLine {
    func json(_ q: OrderQuirks) -> JSONValue {
        let productIdValue: JSONValue =
            q.contains(.productIdAsInt) && !productId.isEmpty ? .int(Int64(productId) ?? 0) : .string(productId)
        let text = q.contains(.numbersAsStrings)
        var o: [String: JSONValue] = [
            "storage": .string(storage),
            "storage_id": text ? .string(String(storageId)) : .int(Int64(storageId)),
            "order_product_id": .int(Int64(orderProductId)),
            "product_id": productIdValue,
            "variant_id": q.contains(.variantIdAsInt) ? .int(Int64(variantId)) : .string(String(variantId)),
            "name": .string(name),
            "attributes": .string(attributes),
            "sku": .string(sku),
            "ean": .string(ean),
            "location": .string(location),
            "warehouse_id": text ? .string(String(warehouseId)) : .int(Int64(warehouseId)),
            "auction_id": .string(auctionId),
            "price_brutto": .double(priceGross),
            "tax_rate": .double(taxRate),
            "quantity": .int(Int64(quantity)),
            "weight": .double(weight),
            "bundle_id": 0,
        ]
        o.merge(fieldOverrides) { _, given in given }
        return .object(o)
    }
}

extension Money {
    /// An amount as PHP prints a float: `50`, `149.9`, `149.99`.
    static func text(_ amount: Double) -> String {
        let cents = cents(amount)
        let sign = cents < 0 ? "-" : ""
        let whole = abs(cents) / 100
        let fraction = abs(cents) % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
