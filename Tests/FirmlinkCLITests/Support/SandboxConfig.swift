import Foundation

/// The configuration of a seller using a sandbox at `url`, with the store in `folder`.
func sandboxConfiguration(url: URL, store: String = "firmlink.sqlite", orders: String? = nil, extra: String = "") -> String {
    let ordersSection = orders ?? """
        statuses = ["Nowe zamówienia", "Do wysłania"]
        status_after = "Dokument wystawiony"
        status_failed = "Problem z zamówieniem"
        """
    return """
        [baselinker]
        url = "\(url.absoluteString)"
        requests_per_minute = 0

        [store]
        path = "\(store)"

        [seller]
        name = "Sklep Przykład sp. z o.o."
        tax_id = "PL5260001246"
        address = "ul. Prosta 1"
        postcode = "00-001"
        city = "Warszawa"

        [modules]
        products = false
        warehouses = false

        [orders]
        from = "2026-11-01"
        \(ordersSection)

        [warehouses]
        map = { bl_1 = 1, bl_2 = 2, bl_3 = 3 }
        countries = { bl_3 = "DE" }
        \(extra)
        """
}
