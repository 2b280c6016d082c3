import FirminoStore
import Foundation
import TOMLKit

extension Configuration {
    /// The configuration file to use: `--config`, else `FIRMLINK_CONFIG`, else `firmlink.toml` in
    /// the current folder.
    public static func locate(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["FIRMLINK_CONFIG"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "firmlink.toml"
    }

    /// Reads and checks the file at `path`; the token comes from `BASELINKER_TOKEN` in
    /// `environment` when set.
    public static func load(path: String, environment: [String: String]) throws -> Configuration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ConfigurationError(
                file: path,
                message: exists
                    ? "cannot be read"
                    : "no such file; firmlink init writes one (or pass --config)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: path, message: "is not UTF-8 text")
        }
        let isPrivate = Self.isPrivate(path: path)
        var configuration = try parse(text, file: path, fileIsPrivate: isPrivate)
        if let token = environment["BASELINKER_TOKEN"], !token.isEmpty {
            configuration.baselinker.token = Secret(token)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        configuration.store.path = resolve(configuration.store.path, against: folder)
        configuration.rules.script = configuration.rules.script.map { resolve($0, against: folder) }
        return configuration
    }

    /// Parses configuration text; `file` names it in errors. Paths are left as written.
    public static func parse(_ text: String, file: String, fileIsPrivate: Bool = false) throws -> Configuration {
        if let (line, found) = TableHeaderCheck.firstBadHeader(in: text) {
            let shown = found == "\n" || found == "\r" ? "the line's end" : "'\(found.escaped(asASCII: false))'"
            throw ConfigurationError(file: file, line: line, message: "a table header must start with a key, found \(shown)")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(file: file, line: error.source.begin.line, message: error.description)
        }
        let keyLines = KeyLines(text: text)
        let reader = TableReader(table: root, path: [], file: file, keyLines: keyLines)
        var configuration = Configuration(file: file)
        configuration.keyLines = keyLines
        configuration.baselinker = try reader.table("baselinker") { try readBaseLinker($0, fileIsPrivate: fileIsPrivate) }
        configuration.store = try reader.table("store", readStore)
        configuration.seller = try reader.table("seller", readSeller)
        configuration.modules = try reader.table("modules", readModules)
        configuration.orders = try reader.table("orders", readOrders)
        configuration.products = try reader.table("products", readProducts)
        configuration.warehouses = try reader.table("warehouses", readWarehouses)
        configuration.rules = try reader.table("rules", readRules)
        configuration.numbering = try reader.table("numbering", readNumbering)
        try reader.rejectUnknownKeys()
        try configuration.checkNumbering()
        try configuration.checkModules()
        return configuration
    }

    private static func readBaseLinker(_ table: TableReader, fileIsPrivate: Bool) throws -> BaseLinker {
        var section = BaseLinker()
        let url = try table.string("url", default: section.url.absoluteString)
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", parsed.host != nil
        else { throw table.error("url", "must be an http or https URL, found \"\(url)\"") }
        section.url = parsed
        section.requestsPerMinute = try table.int("requests_per_minute", default: 100)
        section.inventoryId = try table.int("inventory_id", default: 0)
        section.invoiceSeriesId = try table.int("invoice_series_id", default: 0)
        if let token = try table.optionalString("token"), !token.isEmpty {
            guard fileIsPrivate else {
                throw table.error(
                    "token",
                    "the file is readable by others; keep the token in BASELINKER_TOKEN or make the file private (chmod 600)")
            }
            section.token = Secret(token)
        }
        return section
    }

    private static func readStore(_ table: TableReader) throws -> Store {
        var section = Store()
        section.path = try table.string("path", default: section.path)
        if section.path.isEmpty { throw table.error("path", "must not be empty") }
        return section
    }

    private static func readSeller(_ table: TableReader) throws -> Seller {
        var section = Seller()
        section.name = try table.string("name", default: "")
        section.taxId = try table.string("tax_id", default: "")
        section.address = try table.string("address", default: "")
        section.postcode = try table.string("postcode", default: "")
        section.city = try table.string("city", default: "")
        section.country = try countryCode(table, "country", default: "PL")
        let zone = try table.string("timezone", default: Seller.defaultTimeZone)
        guard let timeZone = TimeZone(identifier: zone) else {
            throw table.error("timezone", "is not a known timezone: \"\(zone)\" (for example \"\(Seller.defaultTimeZone)\")")
        }
        section.timeZone = timeZone
        return section
    }

    private static func readModules(_ table: TableReader) throws -> Modules {
        var section = Modules()
        section.orders = try table.bool("orders", default: true)
        section.products = try table.bool("products", default: false)
        section.warehouses = try table.bool("warehouses", default: true)
        return section
    }

    private static func readOrders(_ table: TableReader) throws -> Orders {
        var section = Orders()
        section.from = try table.day("from")
        let document = try table.choice(
            "default_document", default: "receipt", from: DefaultDocument.allCases.map(\.rawValue))
        section.defaultDocument = DefaultDocument(rawValue: document)!
        section.autoDocumentType = try table.bool("auto_document_type", default: true)
        section.sendInvoices = try table.bool("send_invoices", default: true)
        section.linkProducts = try table.bool("link_products", default: true)
        section.linkContractors = try table.bool("link_contractors", default: true)
        section.statuses = try table.statuses("statuses")
        section.statusAfter = try table.optionalStatus("status_after")
        section.statusFailed = try table.optionalStatus("status_failed")
        return section
    }

    private static func readProducts(_ table: TableReader) throws -> Products {
        var section = Products()
        if table.has("mode") {
            section.mode = ProductsMode(rawValue: try table.choice("mode", default: "", from: ProductsMode.allCases.map(\.rawValue)))
        }
        section.updateNames = try table.bool("update_names", default: true)
        section.priceGroup = try table.int("price_group", default: 0)
        return section
    }

    private static func readWarehouses(_ table: TableReader) throws -> Warehouses {
        var section = Warehouses()
        var mapTable: TableReader?
        let pairs = try table.entries("map") { key, value, map -> (key: String, storeId: Int) in
            mapTable = map
            try checkBaseLinkerWarehouse(key, in: map)
            guard let storeId = value.int, storeId > 0 else {
                throw map.error(key, "must be a store warehouse id (a whole number above 0), found \(map.describe(value))")
            }
            return (key, storeId)
        }
        if let mapTable { try rejectSharedStoreWarehouses(pairs, in: mapTable) }
        section.map = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        let countries = try table.entries("countries") { key, value, map -> (String, String) in
            try checkBaseLinkerWarehouse(key, in: map)
            guard let code = value.string, code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw map.error(key, "must be a two-letter country code such as \"DE\", found \(map.describe(value))")
            }
            return (key, code.uppercased())
        }
        section.countries = Dictionary(countries, uniquingKeysWith: { first, _ in first })
        section.importNew = try table.bool("import_new", default: true)
        section.pushStock = try table.bool("push_stock", default: false)
        return section
    }

    /// A `[warehouses]` key must be spelled as BaseLinker names its warehouses and as the sync
    /// looks them up, `bl_` and the id: `bl_01` or `bl_+1` would be accepted and never match.
    private static func checkBaseLinkerWarehouse(_ key: String, in map: TableReader) throws {
        let digits = key.dropFirst(3)
        let isDigits = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        if key.hasPrefix("bl_"), isDigits, digits.first != "0", Int(digits) != nil { return }
        var message = "a BaseLinker warehouse is written bl_<id>, the id a whole number above 0 without sign or leading zeros, such as bl_1"
        let unsigned = digits.first == "+" ? digits.dropFirst() : digits
        if key.hasPrefix("bl_"), !unsigned.isEmpty, unsigned.allSatisfy({ $0.isASCII && $0.isNumber }),
           let id = Int(unsigned), id > 0
        {
            message = "write bl_\(id): BaseLinker warehouses are looked up as bl_<id>, without sign or leading zeros"
        }
        throw map.error(key, message)
    }

    /// A store warehouse holds one BaseLinker link: two keys mapped to one store id would take
    /// the link from each other on every sync, and `import_new` would make a new warehouse for
    /// the one left out each time. The key written later is named.
    private static func rejectSharedStoreWarehouses(_ pairs: [(key: String, storeId: Int)], in map: TableReader) throws {
        func order(_ key: String) -> (Int, Int) { (map.line(of: key) ?? 0, Int(key.dropFirst(3)) ?? 0) }
        let written = pairs.sorted { order($0.key) < order($1.key) }
        var holders: [Int: String] = [:]
        for (key, storeId) in written {
            if let first = holders[storeId] {
                throw map.error(
                    key,
                    "store warehouse \(storeId) is already mapped from \(first); a store warehouse holds one BaseLinker warehouse, so give each its own store warehouse id")
            }
            holders[storeId] = key
        }
    }

    private static func readRules(_ table: TableReader) throws -> Rules {
        var section = Rules()
        let script = try table.string("script", default: "")
        section.script = script.isEmpty ? nil : script
        section.instructions = try table.int("instructions", default: section.instructions, in: 1_000...1_000_000_000)
        section.timeoutMilliseconds = try table.int("timeout_ms", default: section.timeoutMilliseconds, in: 1...600_000)
        section.memoryMegabytes = try table.int("memory_mb", default: section.memoryMegabytes, in: 1...4_096)
        return section
    }

    private static func readNumbering(_ table: TableReader) throws -> NumberingFormats {
        var formats = NumberingFormats.default
        for type in DocumentType.allCases {
            // The keys are the document types' names: `numbering.invoice_wdt`.
            formats[type] = try table.string(type.rawValue, default: formats[type])
        }
        return formats
    }

    /// The products module needs a mode — either automatic one overwrites one side, so there is
    /// no default — and stock is pushed only when the store is the products' source.
    private func checkModules() throws(ConfigurationError) {
        if modules.products, products.mode == nil {
            throw error(
                key: "products.mode",
                "the products module is on: choose mode = \"baselinker\" (BaseLinker is the source), \"firmino\" (the store is the source) or \"manual\" (firmlink products pull|push by hand)")
        }
        if warehouses.pushStock, products.mode != .firmino {
            throw error(
                key: "warehouses.push_stock",
                "push_stock sends the store's stock to BaseLinker, which only the products' source may do: it needs [products] mode = \"firmino\" (the mode is \(products.mode.map { "\"\($0.rawValue)\"" } ?? "not set"))")
        }
    }

    /// Whether the formats can number documents (placeholders, a month and a year, no two
    /// types able to give one number) is the store's rule; broken, it is an error naming the
    /// line of the format, before any store is opened.
    private func checkNumbering() throws(ConfigurationError) {
        guard let problem = numbering.problem() else { return }
        throw error(key: "numbering.\(problem.type.rawValue)", "\(problem.reason), found \"\(problem.format)\"")
    }

    private static func countryCode(_ table: TableReader, _ key: String, default fallback: String) throws -> String {
        let value = try table.string(key, default: fallback)
        guard value.count == 2, value.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw table.error(key, "must be a two-letter country code such as \"PL\", found \"\(value)\"")
        }
        return value.uppercased()
    }

    /// Whether the file — the one a symbolic link points to, when the path is a link — can be
    /// read only by its owner.
    private static func isPrivate(path: String) -> Bool {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: target),
              let permissions = attributes[.posixPermissions] as? NSNumber
        else { return false }
        return permissions.intValue & 0o077 == 0
    }

    private static func resolve(_ path: String, against folder: URL) -> String {
        if path.hasPrefix("/") { return path }
        return folder.appendingPathComponent(path).standardizedFileURL.path
    }
}

extension Configuration {
    /// A document needs its seller: before a sync that would issue documents, `[seller]` must
    /// have a name, an address, a postcode, a city and a tax id — a valid NIP when the seller
    /// is in Poland. The error names each key to set, and the line of one that is wrong.
    public func checkSellerCanIssue() throws(ConfigurationError) {
        let required: [(key: String, value: String)] = [
            ("name", seller.name), ("tax_id", seller.taxId), ("address", seller.address),
            ("postcode", seller.postcode), ("city", seller.city),
        ]
        let missing = required.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.map { "seller.\($0.key)" }
        if !missing.isEmpty {
            throw ConfigurationError(
                file: file,
                message: "a sync that issues documents needs the seller printed on them; set "
                    + missing.joined(separator: ", ") + " in [seller]")
        }
        if seller.country == "PL", !TaxFacts.isValidNIP(seller.taxId) {
            throw error(
                key: "seller.tax_id",
                "\"\(seller.taxId)\" is not a valid NIP: ten digits whose last is the check digit (a PL prefix, spaces and dashes are allowed), such as \"PL5260001246\"")
        }
    }
}
