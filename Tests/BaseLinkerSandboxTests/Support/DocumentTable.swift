import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation

/// The built-in rules' document-type table (docs/rules.md), read straight off a getOrders order object, to check that
/// the generated orders exercise every row.
struct DocumentTable {
    /// Country per `bl_` warehouse id; the first one is the default warehouse.
    let warehouseCountries: [Int: String]
    let defaultWarehouse: Int

    static let eu: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT",
        "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ]

    enum Row: String, CaseIterable {
        case export, wdt, invoiceTaxId, invoiceWanted, defaultDocument
    }

    struct Decision: Hashable {
        let row: Row
        let warehouseCountry: String
        let buyerCountry: String
    }

    init(warehouses: [SandboxWarehouse]) {
        var countries: [Int: String] = [:]
        for warehouse in warehouses where warehouse.type == "bl" { countries[warehouse.id] = warehouse.country }
        warehouseCountries = countries
        defaultWarehouse = warehouses.first { $0.isDefault }?.id ?? 1
    }

    func firstLineWarehouse(_ order: JSONValue) -> Int {
        guard let first = order["products"]?.arrayValue?.first, let id = first["warehouse_id"]?.int,
            warehouseCountries[id] != nil
        else { return defaultWarehouse }
        return id
    }

    func decide(_ order: JSONValue) -> Decision {
        let w = warehouseCountries[firstLineWarehouse(order)] ?? "PL"
        let invoiceCountry = order["invoice_country_code"]?.stringValue?.uppercased() ?? ""
        let deliveryCountry = order["delivery_country_code"]?.stringValue?.uppercased() ?? ""
        let c = !invoiceCountry.isEmpty ? invoiceCountry : !deliveryCountry.isEmpty ? deliveryCountry : w
        let nip = (order["invoice_nip"]?.stringValue ?? "").uppercased()
            .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "")
            .replacingOccurrences(of: ".", with: "")
        let t = !nip.isEmpty
        let wants = order["want_invoice"]?.flag ?? false
        let row: Row
        if c != w, !Self.eu.contains(c) {
            row = .export
        } else if c != w, Self.eu.contains(c), Self.eu.contains(w), t {
            row = .wdt
        } else if t {
            row = .invoiceTaxId
        } else if wants {
            row = .invoiceWanted
        } else {
            row = .defaultDocument
        }
        return Decision(row: row, warehouseCountry: w, buyerCountry: c)
    }
}
