import BaseLinker
import BaseLinkerModels
import Config
import Foundation

/// Every answer `firmlink init` gathers — from the wizard's prompts or from the flags of
/// `--non-interactive` — and the commented `firmlink.toml` they make.
struct InitAnswers {
    var url = BaseLinkerConfiguration.defaultURL
    var requestsPerMinute = 100
    /// Never printed; written only when ``tokenInFile``.
    var token = ""
    var tokenInFile = false
    var storePath = "firmlink.sqlite"

    var orders = true
    var products = false
    var warehouses = true

    /// nil: every status (`"all"`).
    var statuses: [OrderStatus]? = []
    var from = ""
    var defaultDocument = "receipt"
    var autoDocumentType = true
    var sendInvoices = true
    var linkProducts = true
    var linkContractors = true
    var statusAfter: OrderStatus?
    var statusFailed: OrderStatus?

    var productsMode: String?

    /// BaseLinker warehouse → store warehouse id, in the order written.
    var map: [(warehouse: InventoryWarehouse, storeId: Int)] = []
    /// BaseLinker warehouse key → country.
    var countries: [String: String] = [:]
    var importNew = true
    var pushStock = false

    var sellerName = ""
    var sellerTaxId = ""
    var sellerAddress = ""
    var sellerPostcode = ""
    var sellerCity = ""
    var sellerCountry = "PL"
    var sellerTimezone = Configuration.Seller.defaultTimeZone

    /// Whether `url` names this machine (a sandbox), where no request limit is needed.
    static func isLocal(_ url: URL) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(url.host ?? "")
    }

    /// The file, every key with a comment; it loads through the configuration loader as is.
    var toml: String {
        var lines: [String] = []
        func key(_ name: String, _ value: String, _ comment: String = "") {
            let assignment = "\(name) = \(value)"
            lines.append(comment.isEmpty ? assignment : assignment.padding(toLength: max(assignment.count + 1, 30), withPad: " ", startingAt: 0) + "# " + Self.oneLine(comment))
        }
        func section(_ name: String, _ comment: String) {
            if !lines.isEmpty { lines.append("") }
            lines.append("[\(name)]".padding(toLength: 30, withPad: " ", startingAt: 0) + "# " + comment)
        }

        lines.append("# Firmlink's configuration, written by firmlink init. Every key is explained in")
        lines.append("# Firmlink's docs/configuration.md; firmlink init --force writes the file anew.")
        section("baselinker", "the account")
        key("url", Self.string(url.absoluteString), Self.isLocal(url) ? "a local sandbox" : "BaseLinker's connector")
        key("requests_per_minute", "\(requestsPerMinute)", "BaseLinker allows 100; 0: no limit (a local sandbox)")
        if tokenInFile {
            key("token", Self.string(token), "this file is private (chmod 600); BASELINKER_TOKEN wins when set")
        } else {
            lines.append("# The token is not in this file: it is read from BASELINKER_TOKEN.")
        }

        section("store", "the invoicing and warehouse store")
        key("path", Self.string(storePath), "one SQLite file, relative to this file's folder")

        section("seller", "printed on every document")
        key("name", Self.string(sellerName))
        key("tax_id", Self.string(sellerTaxId), sellerCountry == "PL" ? "NIP, checked" : "")
        key("address", Self.string(sellerAddress))
        key("postcode", Self.string(sellerPostcode))
        key("city", Self.string(sellerCity))
        key("country", Self.string(sellerCountry))
        key("timezone", Self.string(sellerTimezone), "business dates, numbering months, the start date")

        section("modules", "what a sync does")
        key("orders", "\(orders)", "pull orders, issue receipts and invoices")
        key("products", "\(products)", "exchange product data, as [products] mode says")
        key("warehouses", "\(warehouses)", "stock levels, several warehouses")

        section("orders", "which orders, which documents")
        if from.isEmpty {
            lines.append("# from = 2026-11-01            # the first day whose orders are taken: needed once the orders module is on")
        } else {
            key("from", from, "orders confirmed from that day, in the seller's timezone")
        }
        if let statuses {
            key("statuses", "[" + statuses.map { String($0.id) }.joined(separator: ", ") + "]",
                statuses.map(\.name).joined(separator: ", "))
        } else {
            key("statuses", "\"all\"", "every status, cancelled and unpaid orders too")
        }
        key("default_document", Self.string(defaultDocument), "receipt | invoice")
        key("auto_document_type", "\(autoDocumentType)", "invoice, WDT or export by the buyer's and the warehouse's country")
        key("send_invoices", "\(sendInvoices)", "attach each invoice's PDF to its BaseLinker order")
        key("link_products", "\(linkProducts)", "order lines take stock from store products (made when missing)")
        key("link_contractors", "\(linkContractors)", "buyers become contractors (made when missing)")
        if let statusAfter {
            key("status_after", "\(statusAfter.id)", statusAfter.name + ": set once the document exists")
        } else {
            key("status_after", "\"\"", "none: the order keeps its status")
        }
        if let statusFailed {
            key("status_failed", "\(statusFailed.id)", statusFailed.name + ": set when the order could not be processed")
        } else {
            key("status_failed", "\"\"", "none")
        }

        if let productsMode {
            section("products", "which side is the source of product data")
            key("mode", Self.string(productsMode), "firmino | baselinker | manual")
        }

        section("warehouses", "BaseLinker's warehouses and the store's")
        let mapped = map.map { "\($0.warehouse.key) = \($0.storeId)" }.joined(separator: ", ")
        key("map", mapped.isEmpty ? "{}" : "{ \(mapped) }", map.isEmpty ? "" : "BaseLinker warehouse -> store warehouse id")
        for entry in map {
            lines.append("#   \(entry.warehouse.key) \(Self.oneLine(entry.warehouse.name)) -> store warehouse \(entry.storeId) in \(countries[entry.warehouse.key] ?? sellerCountry)")
        }
        let written = countries.sorted { $0.key.localizedStandardCompare($1.key) == .orderedAscending }
            .map { "\($0.key) = \(Self.string($0.value))" }.joined(separator: ", ")
        key("countries", written.isEmpty ? "{}" : "{ \(written) }", "each warehouse's country decides the document type")
        key("import_new", "\(importNew)", "a store warehouse for each BaseLinker warehouse not mapped")
        key("push_stock", "\(pushStock)", "send store stock to BaseLinker (products mode firmino only)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text for a comment: one line, whatever BaseLinker's names hold.
    static func oneLine(_ text: String) -> String {
        text.components(separatedBy: .newlines).joined(separator: " ")
    }

    /// A TOML basic string.
    static func string(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += String(format: "\\u%04X", scalar.value)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"" + escaped + "\""
    }
}
