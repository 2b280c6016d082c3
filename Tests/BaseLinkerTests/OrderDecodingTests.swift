import Foundation
import Testing

@testable import BaseLinker
import BaseLinkerModels

@Suite("Decoding orders")
struct OrderDecodingTests {
    @Test("an order with numbers as numbers and flags as strings")
    func modernOrder() throws {
        let order = try Order(json: json(Fixtures.polishCompanyOrder))
        #expect(order.id == 5100231)
        #expect(order.statusID == 1001)
        #expect(order.dateAdd == 1793520000)
        #expect(order.dateConfirmed == 1793520600)
        #expect(order.confirmed == true)
        #expect(order.currency == "PLN")
        #expect(order.source == "personal")
        #expect(order.paymentMethod == "Przelew")
        #expect(order.paymentMethodCOD == false)
        #expect(order.paymentDone?.text == "161.89")
        #expect(order.deliveryMethod == "Kurier DPD")
        #expect(order.deliveryPrice?.minorUnits() == 1499)
        #expect(order.wantInvoice == true)
        #expect(order.email == "biuro@przyklad.pl")
        #expect(order.phone == "+48 600 100 200")
        #expect(order.delivery.fullName == "Jan Kowalski")
        #expect(order.delivery.city == "Łódź")
        #expect(order.delivery.countryCode == "PL")
        #expect(order.delivery.taxID == "")
        #expect(order.invoice.company == "Przykład sp. z o.o.")
        #expect(order.invoice.taxID == "PL 526-000-12-46")
        #expect(order.invoice.postcode == "90-001")
        #expect(order.invoice.country == "Polska")
        #expect(order.invoice.countryCode == "PL")
        #expect(order.products.count == 3)
    }

    @Test("order lines read every form of their numbers")
    func orderLines() throws {
        let order = try Order(json: json(Fixtures.polishCompanyOrder))
        let mug = order.products[0]
        #expect(mug.storage == "db")
        #expect(mug.storageID == 7)
        #expect(mug.orderProductID == 880001)
        #expect(mug.productID == "3301")
        #expect(mug.variantID == "0")
        #expect(mug.name == "Kubek ceramiczny 300 ml")
        #expect(mug.sku == "KUB-300")
        #expect(mug.ean == "5901234123457")
        #expect(mug.warehouseID == 1)
        #expect(mug.priceGross?.minorUnits() == 2460)
        #expect(mug.taxRate?.text == "23")
        #expect(mug.quantity == 4)

        let book = order.products[1]
        #expect(book.variantID == "0")
        #expect(book.warehouseID == 2)
        #expect(book.priceGross?.text == "39.90")
        #expect(book.priceGross?.minorUnits() == 3990)
        #expect(book.taxRate == 5)
        #expect(book.quantity == 1)

        let gift = order.products[2]
        #expect(gift.storage == "shop")
        #expect(gift.storageID == 12)
        #expect(gift.orderProductID == 880003)
        #expect(gift.productID == "")
        #expect(gift.warehouseID == nil)
        #expect(gift.priceGross?.minorUnits() == 29, "0.29 × 100 is 28.999… as a Double")
        #expect(gift.taxRate?.text == "-0.02")
        #expect(gift.quantity == 1)
    }

    @Test("an order with string ids, missing fields and products as an object")
    func olderOrder() throws {
        let order = try Order(json: json(Fixtures.foreignConsumerOrder))
        #expect(order.id == 5100232)
        #expect(order.statusID == 1002)
        #expect(order.dateConfirmed == 1793521100)
        #expect(order.confirmed == nil)
        #expect(order.sourceID == 2598)
        #expect(order.paymentMethodCOD == true)
        #expect(order.paymentDone?.minorUnits() == 5000)
        #expect(order.deliveryPrice?.minorUnits() == 0)
        #expect(order.wantInvoice == false)
        #expect(order.email == "")
        #expect(order.delivery.countryCode == "")
        #expect(order.invoice.countryCode == "")
        #expect(order.invoice.taxID == "")
        #expect(order.products.map(\.name) == ["Kubek", "Pocztówka"])
        #expect(order.products[0].productID == "3301")
        #expect(order.products[0].variantID == "52124")
        #expect(order.products[0].taxRate?.text == "-1")
        #expect(order.products[1].quantity == 3)
        #expect(order.products[1].storage == "")
    }

    @Test("the raw object is kept exactly as received, unknown fields included")
    func rawKept() throws {
        let source = json(Fixtures.foreignConsumerOrder)
        let order = try Order(json: source)
        #expect(order.raw == source)
        #expect(order.raw["some_future_field"]?["nested"] == [1, 2, 3])
        #expect(order.raw["pick_status"] == "1")
        #expect(order.products[1].raw["name"] == "Pocztówka")
    }

    @Test("a minimal order reads with defaults")
    func minimalOrder() throws {
        let order = try Order(json: ["order_id": 1])
        #expect(order.id == 1)
        #expect(order.statusID == nil)
        #expect(order.dateConfirmed == nil)
        #expect(order.currency == "")
        #expect(order.products.isEmpty)
        #expect(order.wantInvoice == false)
        #expect(order.deliveryPrice == nil)
    }

    @Test("empty strings, null and [] read as absent")
    func absentForms() throws {
        let order = try Order(json: [
            "order_id": "7", "order_status_id": "", "delivery_price": "", "payment_done": .null,
            "want_invoice": "", "products": "", "invoice_nip": .null,
        ])
        #expect(order.statusID == nil)
        #expect(order.deliveryPrice == nil)
        #expect(order.paymentDone == nil)
        #expect(order.wantInvoice == false)
        #expect(order.products.isEmpty)
        #expect(order.invoice.taxID == "")
    }

    @Test("flags in every form BaseLinker uses")
    func flags() throws {
        for (value, expected) in [("1", true), ("0", false), (1, true), (0, false), (true, true), (false, false)] as [(JSONValue, Bool)] {
            let order = try Order(json: ["order_id": 1, "want_invoice": value, "payment_method_cod": value])
            #expect(order.wantInvoice == expected, "want_invoice \(value)")
            #expect(order.paymentMethodCOD == expected)
        }
    }

    @Test("integers as 5, \"5\", 5.0 and \"5.0\"")
    func integerForms() throws {
        for value in [5, "5", 5.0, "5.0", " 5 "] as [JSONValue] {
            let order = try Order(json: ["order_id": value, "order_status_id": value])
            #expect(order.id == 5)
            #expect(order.statusID == 5)
        }
    }

    @Test("unusable values are errors naming the order and the field")
    func unusableValues() throws {
        func message(_ object: JSONValue) -> String? {
            do {
                _ = try Order(json: object)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message(["order_status_id": 1]) == "order: order_id is missing")
        #expect(message(["order_id": 9, "date_confirmed": "yesterday"])?.contains("order 9: date_confirmed") == true)
        #expect(message(["order_id": 9, "want_invoice": "maybe"])?.contains("want_invoice: expected a flag") == true)
        #expect(message(["order_id": 9, "delivery_price": "12,50"])?.contains("delivery_price") == true)
        #expect(message(["order_id": 9, "products": [["quantity": 2.5]]])?.contains("order 9: products[0]: quantity") == true)
        #expect(message(["order_id": 9, "email": ["a"]])?.contains("email: expected text") == true)
        #expect(message([1, 2]) == "order: expected an object, got an array of 2")
    }
}
