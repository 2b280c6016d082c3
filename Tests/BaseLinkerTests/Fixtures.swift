/// Answers shaped like BaseLinker's, with the type variance it really shows (numbers as
/// strings, flags as "1"/1/true, maps as [] or ""), written for these tests.
enum Fixtures {
    /// An order as the newer API sends it: numbers as numbers, flags as strings.
    static let polishCompanyOrder = """
        {
          "order_id": 5100231, "shop_order_id": 0, "external_order_id": "",
          "order_source": "personal", "order_source_id": 0, "order_source_info": "-",
          "order_status_id": 1001, "date_add": 1793520000, "date_confirmed": 1793520600,
          "date_in_status": 1793520600, "confirmed": true, "user_login": "",
          "phone": "+48 600 100 200", "email": "biuro@przyklad.pl",
          "user_comments": "", "admin_comments": "",
          "currency": "pln", "payment_method": "Przelew", "payment_method_cod": "0",
          "payment_done": 161.89,
          "delivery_method": "Kurier DPD", "delivery_price": 14.99,
          "delivery_package_module": "", "delivery_package_nr": "",
          "delivery_fullname": "Jan Kowalski", "delivery_company": "Przykład sp. z o.o.",
          "delivery_address": "ul. Łąkowa 5/3", "delivery_postcode": "90-001",
          "delivery_city": "Łódź", "delivery_state": "", "delivery_country": "Polska",
          "delivery_country_code": "pl", "delivery_point_id": "", "delivery_point_name": "",
          "invoice_fullname": "Jan Kowalski", "invoice_company": "Przykład sp. z o.o.",
          "invoice_nip": "PL 526-000-12-46", "invoice_address": "ul. Łąkowa 5/3",
          "invoice_postcode": "90-001", "invoice_city": "Łódź", "invoice_state": "",
          "invoice_country": "Polska", "invoice_country_code": "PL", "want_invoice": "1",
          "extra_field_1": "", "extra_field_2": "",
          "custom_extra_fields": {"135": "B2B", "172": {"title": "umowa.pdf", "url": "https://example.invalid/f"}},
          "order_page": "https://example.invalid/5100231/abc/",
          "pick_state": 0, "pack_state": 1, "star": 2,
          "products": [
            {"storage": "db", "storage_id": 7, "order_product_id": 880001, "product_id": "3301",
             "variant_id": "0", "name": "Kubek ceramiczny 300 ml", "attributes": "Kolor: biały",
             "sku": "KUB-300", "ean": "5901234123457", "location": "A-1-2", "warehouse_id": 1,
             "auction_id": "0", "price_brutto": 24.6, "tax_rate": 23, "quantity": 4,
             "weight": 0.35, "bundle_id": 0},
            {"storage": "db", "storage_id": 7, "order_product_id": 880002, "product_id": "3302",
             "variant_id": 0, "name": "Książka „Pan Tadeusz”", "sku": "", "ean": "",
             "warehouse_id": "2", "price_brutto": "39.90", "tax_rate": "5", "quantity": "1"},
            {"storage": "shop", "storage_id": "12", "order_product_id": "880003", "product_id": "",
             "variant_id": "", "name": "Opakowanie prezentowe", "sku": "GIFT", "ean": "",
             "price_brutto": 0.29, "tax_rate": -0.02, "quantity": 1.0}
          ]
        }
        """

    /// An older-style order: ids and flags as strings, country codes and optional fields
    /// missing, products as an object instead of a list.
    static let foreignConsumerOrder = """
        {
          "order_id": "5100232", "order_status_id": "1002", "date_add": "1793521000",
          "date_confirmed": "1793521100", "currency": "EUR", "order_source": "allegro",
          "order_source_id": "2598", "payment_method": "PayPal", "payment_method_cod": 1,
          "payment_done": "50", "delivery_method": "DHL", "delivery_price": "0",
          "delivery_fullname": "Hans Müller", "delivery_address": "Hauptstraße 1",
          "delivery_postcode": "10115", "delivery_city": "Berlin", "delivery_country": "Niemcy",
          "invoice_fullname": "", "invoice_company": "", "invoice_nip": "",
          "want_invoice": false, "pick_status": "1", "pack_status": "0",
          "some_future_field": {"nested": [1, 2, 3]},
          "products": {
            "0": {"storage": "db", "product_id": 3301, "variant_id": 52124, "name": "Kubek",
                  "price_brutto": 5.5, "tax_rate": "-1", "quantity": 2, "warehouse_id": 1},
            "1": {"name": "Pocztówka", "price_brutto": "1", "tax_rate": 0, "quantity": "3"}
          }
        }
        """
}
