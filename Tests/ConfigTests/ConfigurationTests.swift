import Config
import FirminoStore
import Foundation
import Testing

@Suite("firmlink.toml")
struct ConfigurationTests {
    /// The error `Configuration.parse` throws for `text`; the test fails when it throws none.
    func parseError(
        _ text: String, file: String = "firmlink.toml", fileIsPrivate: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ConfigurationError {
        try #require(throws: ConfigurationError.self, sourceLocation: sourceLocation) {
            try Configuration.parse(text, file: file, fileIsPrivate: fileIsPrivate)
        }
    }

    /// The error `Configuration.parse` throws for `text`, which the test expects at `line` and `key`.
    @discardableResult
    func parseError(
        _ text: String, line: Int?, key: String?, file: String = "firmlink.toml", sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ConfigurationError {
        let error = try parseError(text, file: file, sourceLocation: sourceLocation)
        #expect(error.line == line, sourceLocation: sourceLocation)
        #expect(error.key == key, sourceLocation: sourceLocation)
        return error
    }

    @Test("an empty file gives the documented defaults")
    func defaults() throws {
        let configuration = try Configuration.parse("", file: "firmlink.toml")
        #expect(configuration.baselinker.url.absoluteString == "https://api.baselinker.com/connector.php")
        #expect(configuration.baselinker.requestsPerMinute == 100)
        #expect(configuration.store.path == "firmlink.sqlite")
        #expect(configuration.seller.timeZone.identifier == "Europe/Warsaw")
        #expect(configuration.orders.defaultDocument == .receipt)
        #expect(configuration.orders.autoDocumentType)
        #expect(configuration.orders.statuses == .unset)
        #expect(configuration.orders.statusAfter == nil)
        #expect(configuration.products.mode == nil)
        #expect(configuration.modules.orders && configuration.modules.warehouses && !configuration.modules.products)
        #expect(configuration.warehouses.pushStock == false)
        #expect(configuration.rules.script == nil)
        #expect(configuration.rules.instructions == 1_000_000)
        #expect(configuration.numbering.invoiceWDT == "WDT/{n}/{MM}/{YYYY}")
    }

    @Test("the example of the design reads back key by key")
    func fullExample() throws {
        let text = """
            [baselinker]
            url = "http://127.0.0.1:8080/connector.php"   # a sandbox
            requests_per_minute = 0
            inventory_id = 307
            invoice_series_id = 15

            [store]
            path = "shop.sqlite"

            [seller]
            name = "Sklep Przykład sp. z o.o."
            tax_id = "PL5260001246"
            country = "pl"
            timezone = "Europe/Warsaw"

            [modules]
            products = false

            [orders]
            from = "2026-11-01"
            default_document = "invoice"
            auto_document_type = false
            statuses = [1001, "Do wysłania"]
            status_after = "Wysłane"
            status_failed = 1099

            [products]
            mode = "manual"

            [warehouses]
            map = { bl_1 = 1, bl_7 = 2 }
            countries = { bl_7 = "de" }
            push_stock = false

            [rules]
            script = "rules.lua"
            timeout_ms = 250

            [numbering]
            receipt = "P/{n}/{MM}/{YYYY}"
            """
        let c = try Configuration.parse(text, file: "firmlink.toml")
        #expect(c.baselinker.url.absoluteString == "http://127.0.0.1:8080/connector.php")
        #expect(c.baselinker.requestsPerMinute == 0)
        #expect(c.baselinker.inventoryId == 307)
        #expect(c.baselinker.invoiceSeriesId == 15)
        #expect(c.store.path == "shop.sqlite")
        #expect(c.seller.name == "Sklep Przykład sp. z o.o.")
        #expect(c.seller.country == "PL")
        #expect(c.modules.products == false && c.modules.orders)
        #expect(c.orders.from == BusinessDate(year: 2026, month: 11, day: 1))
        #expect(c.orders.defaultDocument == .invoice)
        #expect(c.orders.autoDocumentType == false)
        #expect(c.orders.statuses == .listed([.id(1001), .name("Do wysłania")]))
        #expect(c.orders.statusAfter == .name("Wysłane"))
        #expect(c.orders.statusFailed == .id(1099))
        #expect(c.products.mode == .manual)
        #expect(c.warehouses.map == ["bl_1": 1, "bl_7": 2])
        #expect(c.warehouses.countries == ["bl_7": "DE"])
        #expect(c.warehouses.pushStock == false)
        #expect(c.rules.script == "rules.lua")
        #expect(c.rules.timeoutMilliseconds == 250)
        #expect(c.numbering.receipt == "P/{n}/{MM}/{YYYY}")
    }

    @Test("an unknown key names the file, the line and the key", arguments: [
        ("[orders]\nfrom = \"2026-11-01\"\nsend_invoice = true\n", 3, "orders.send_invoice"),
        ("colour = 1\n", 1, "colour"),
        ("[orderz]\nfrom = 1\n", 1, "orderz"),
        ("[warehouses]\nmap = { bl_1 = 1, xx = 2 }\n", 2, "warehouses.map.xx"),
    ])
    func unknownKey(text: String, line: Int, key: String) throws {
        let error = try parseError(text, line: line, key: key, file: "shop/firmlink.toml")
        #expect(error.file == "shop/firmlink.toml")
        #expect(error.description.hasPrefix("shop/firmlink.toml:\(line): \(key): "))
    }

    @Test("a wrong type or a bad value says what was expected and what was found", arguments: [
        ("[orders]\n\nsend_invoices = \"yes\"\n", 3, "orders.send_invoices", "must be true or false, found the string \"yes\""),
        ("[orders]\ndefault_document = \"paragon\"\n", 2, "orders.default_document", "must be \"receipt\" or \"invoice\", found \"paragon\""),
        ("[orders]\nfrom = \"2026-02-30\"\n", 2, "orders.from", "must be a date written YYYY-MM-DD, found \"2026-02-30\""),
        ("[orders]\nstatuses = [1001, true]\n", 2, "orders.statuses", "each status must be an id or a non-empty name, found true"),
        ("[seller]\ntimezone = \"Europe/Warszawa\"\n", 2, "seller.timezone", "is not a known timezone: \"Europe/Warszawa\" (for example \"Europe/Warsaw\")"),
        ("[baselinker]\nrequests_per_minute = -5\n", 2, "baselinker.requests_per_minute", "must be at least 0, found -5"),
        ("[baselinker]\nurl = \"ftp://x\"\n", 2, "baselinker.url", "must be an http or https URL, found \"ftp://x\""),
        ("[products]\nmode = \"both\"\n", 2, "products.mode", "must be one of \"firmino\", \"baselinker\", \"manual\", found \"both\""),
        ("[rules]\ntimeout_ms = 0\n", 2, "rules.timeout_ms", "must be between 1 and 600000, found 0"),
        ("[warehouses]\ncountries = { bl_2 = \"Niemcy\" }\n", 2, "warehouses.countries.bl_2", "must be a two-letter country code such as \"DE\", found the string \"Niemcy\""),
        ("store = 3\n", 1, "store", "must be a table, found the number 3"),
    ])
    func badValue(text: String, line: Int, key: String, message: String) throws {
        let error = try parseError(text, line: line, key: key)
        #expect(error.message == message)
    }

    @Test("a [warehouses] key is bl_<id> spelled as look-ups spell it; others name the file, line and key", arguments: [
        ("[warehouses]\nmap = { bl_01 = 1 }\n", 2, "warehouses.map.bl_01", "write bl_1"),
        ("[warehouses]\nmap = { bl_1 = 1, \"bl_+2\" = 2 }\n", 2, "warehouses.map.bl_+2", "write bl_2"),
        ("[warehouses]\nmap = { bl_-2 = 2 }\n", 2, "warehouses.map.bl_-2", "such as bl_1"),
        ("[warehouses]\n\n[warehouses.map]\nbl_1 = 1\nbl_0 = 2\n", 5, "warehouses.map.bl_0", "a whole number above 0 without sign or leading zeros"),
        ("[warehouses]\nmap = { bl_x = 1 }\n", 2, "warehouses.map.bl_x", "such as bl_1"),
        ("[warehouses]\nmap = { bl_99999999999999999999 = 1 }\n", 2, "warehouses.map.bl_99999999999999999999", "such as bl_1"),
        ("[warehouses]\ncountries = { bl_007 = \"DE\" }\n", 2, "warehouses.countries.bl_007", "write bl_7"),
    ])
    func warehouseKeys(text: String, line: Int, key: String, message: String) throws {
        let error = try parseError(text, line: line, key: key)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test("two BaseLinker warehouses mapped to one store warehouse are refused, naming the one written later")
    func sharedStoreWarehouse() throws {
        let inline = try parseError("[warehouses]\nmap = { bl_1 = 1, bl_2 = 1 }\n", line: 2, key: "warehouses.map.bl_2")
        #expect(inline.message.contains("store warehouse 1 is already mapped from bl_1"), "\(inline.message)")

        let table = try parseError("[warehouses.map]\nbl_10 = 3\nbl_2 = 4\nbl_9 = 3\n", line: 4, key: "warehouses.map.bl_9")
        #expect(table.message.contains("store warehouse 3 is already mapped from bl_10"), "\(table.message)")

        let distinct = try Configuration.parse("[warehouses]\nmap = { bl_1 = 1, bl_2 = 2 }\n", file: "firmlink.toml")
        #expect(distinct.warehouses.map == ["bl_1": 1, "bl_2": 2])
    }

    @Test("a check made after loading names the file and the line of its key")
    func laterCheck() throws {
        let configuration = try Configuration.parse(
            "[orders]\nfrom = \"2026-11-01\"\n\nstatuses = [\"Nowe\"]\n", file: "shop/firmlink.toml")
        let error = configuration.error(key: "orders.statuses", "BaseLinker has no order status named \"Nowe\"")
        #expect(error.description == "shop/firmlink.toml:4: orders.statuses: BaseLinker has no order status named \"Nowe\"")
        #expect(configuration.error(key: "seller.name", "x").line == nil)
        #expect(Configuration(file: "made.toml").error(key: "numbering.invoice", "x").description == "made.toml: numbering.invoice: x")
    }

    @Test("the products module needs a mode, and push_stock needs the store to be the products' source")
    func modulesChecked() throws {
        let noMode = try parseError("[modules]\nproducts = true\n")
        #expect(noMode.key == "products.mode" && noMode.message.contains("\"baselinker\""), "\(noMode)")
        let pushing = try parseError(
            "[modules]\nproducts = true\n[products]\nmode = \"baselinker\"\n[warehouses]\npush_stock = true\n", line: 6, key: "warehouses.push_stock")
        #expect(pushing.message.contains("needs [products] mode = \"firmino\""), "\(pushing)")
        let fine = try Configuration.parse(
            "[modules]\nproducts = true\n[products]\nmode = \"firmino\"\n[warehouses]\npush_stock = true\n", file: "f.toml")
        #expect(fine.products.mode == .firmino && fine.warehouses.pushStock)
    }

    @Test("statuses: a list, \"all\" on purpose, or unset when missing or empty")
    func statusSelection() throws {
        #expect(try Configuration.parse("[orders]\nstatuses = \"all\"\n", file: "f.toml").orders.statuses == .all)
        #expect(try Configuration.parse("[orders]\nstatuses = []\n", file: "f.toml").orders.statuses == .unset)
        #expect(try Configuration.parse("[orders]\nstatuses = [1001]\n", file: "f.toml").orders.statuses == .listed([.id(1001)]))
        let error = try parseError("[orders]\nstatuses = \"wszystkie\"\n")
        #expect(error.line == 2)
        #expect(error.message.contains("\"all\" or an array"), "\(error.message)")
    }

    @Test("from may be TOML's own date or a string; a date with a time is refused")
    func nativeDates() throws {
        #expect(try Configuration.parse("[orders]\nfrom = 2026-11-01\n", file: "f.toml").orders.from == BusinessDate(year: 2026, month: 11, day: 1))
        #expect(try Configuration.parse("[orders]\nfrom = \"2026-11-01\"\n", file: "f.toml").orders.from == BusinessDate(year: 2026, month: 11, day: 1))
        let error = try parseError("[orders]\nfrom = 2026-11-01T10:00:00\n")
        #expect(error.key == "orders.from")
        #expect(error.message.contains("a date with a time"), "\(error.message)")
    }

    @Test("a seller that cannot be printed on a document is refused, naming each missing key; a PL tax id must be a NIP")
    func sellerCheck() throws {
        let empty = try Configuration.parse("", file: "f.toml")
        let missing = try #require(throws: ConfigurationError.self) { try empty.checkSellerCanIssue() }
        for key in ["seller.name", "seller.tax_id", "seller.address", "seller.postcode", "seller.city"] {
            #expect(missing.message.contains(key), "\(missing.message)")
        }
        let seller = "[seller]\nname = \"Sklep\"\naddress = \"ul. Prosta 1\"\npostcode = \"00-001\"\ncity = \"Warszawa\"\n"
        let wrongNIP = try Configuration.parse(seller + "tax_id = \"123\"\n", file: "f.toml")
        let nip = try #require(throws: ConfigurationError.self) { try wrongNIP.checkSellerCanIssue() }
        #expect(nip.line == 6)
        #expect(nip.key == "seller.tax_id")
        try Configuration.parse(seller + "tax_id = \"PL 526-000-12-46\"\n", file: "f.toml").checkSellerCanIssue()
        // Abroad, the tax id is not a NIP.
        try Configuration.parse(seller + "tax_id = \"DE123456789\"\ncountry = \"DE\"\n", file: "f.toml").checkSellerCanIssue()
    }

    @Test("a numbering format that would repeat numbers is refused at load, naming its line")
    func numberingChecked() throws {
        let error = try parseError(
            "[orders]\nfrom = \"2026-11-01\"\n\n[numbering]\ninvoice = \"FV/{n}\"\n", line: 5, key: "numbering.invoice", file: "shop/firmlink.toml")
        #expect(error.message.contains("it has no month"), "\(error.message)")
    }

    @Test("a TOML syntax error reports its line")
    func syntaxError() throws {
        try parseError("[orders]\nfrom = \n", line: 2, key: nil)
    }

    @Test("a token in a file others can read is refused without echoing it")
    func tokenInPublicFile() throws {
        let text = "[baselinker]\ntoken = \"3001-77-SECRETVALUE\"\n"
        let error = try parseError(text, fileIsPrivate: false)
        #expect(error.line == 2)
        #expect(!error.description.contains("SECRETVALUE"))
        let accepted = try Configuration.parse(text, file: "firmlink.toml", fileIsPrivate: true)
        #expect(accepted.baselinker.token?.reveal() == "3001-77-SECRETVALUE")
        #expect(!"\(accepted.baselinker)".contains("SECRETVALUE"))
        #expect(!String(reflecting: accepted.baselinker).contains("SECRETVALUE"))
    }

    @Test("loading resolves paths against the file's folder, takes the token from the environment and checks the file mode")
    func loading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("firmlink.toml")
        try "[store]\npath = \"data/shop.sqlite\"\n[rules]\nscript = \"rules.lua\"\n[baselinker]\ntoken = \"from-file\"\n"
            .write(to: file, atomically: true, encoding: .utf8)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(throws: ConfigurationError.self) {
            try Configuration.load(path: file.path, environment: [:])
        }

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let fromFile = try Configuration.load(path: file.path, environment: [:])
        #expect(fromFile.baselinker.token?.reveal() == "from-file")
        #expect(fromFile.store.path == folder.appendingPathComponent("data/shop.sqlite").standardizedFileURL.path)
        #expect(fromFile.rules.script == folder.appendingPathComponent("rules.lua").standardizedFileURL.path)

        let fromEnvironment = try Configuration.load(path: file.path, environment: ["BASELINKER_TOKEN": "from-env"])
        #expect(fromEnvironment.baselinker.token?.reveal() == "from-env")

        // A link (itself world-readable, as links are) to the private file: the file decides.
        let link = folder.appendingPathComponent("link.toml")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "firmlink.toml")
        #expect(try Configuration.load(path: link.path, environment: [:]).baselinker.token?.reveal() == "from-file")
    }

    @Test("a numbering format whose invoice numbers can pass BaseLinker's 30 characters is refused at load")
    func numberingLength() throws {
        let error = try parseError("[numbering]\ninvoice = \"FAKTURA-VAT-SPRZEDAZ/{n}/{MM}/{YYYY}\"\n", line: 2, key: "numbering.invoice")
        #expect(error.message.contains("at most 30"), "\(error.message)")
        // A receipt's number is not sent, so it may be longer.
        _ = try Configuration.parse("[numbering]\nreceipt = \"PARAGON-FISKALNY-SKLEPU/{n}/{MM}/{YYYY}\"\n", file: "f.toml")
    }

    @Test("a missing file says how to make one")
    func missingFile() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try Configuration.load(path: "/nonexistent/firmlink.toml", environment: [:])
        }
        #expect(error.description == "/nonexistent/firmlink.toml: no such file; firmlink init writes one (or pass --config)")
    }

    @Test("the file is found by --config, then FIRMLINK_CONFIG, then the current folder")
    func locating() {
        #expect(Configuration.locate(explicit: "a.toml", environment: ["FIRMLINK_CONFIG": "b.toml"]) == "a.toml")
        #expect(Configuration.locate(explicit: nil, environment: ["FIRMLINK_CONFIG": "b.toml"]) == "b.toml")
        #expect(Configuration.locate(explicit: nil, environment: [:]) == "firmlink.toml")
    }

    @Test("calendar days parse strictly and start at midnight in the seller's timezone")
    func calendarDays() throws {
        #expect(BusinessDate("2026-11-01") == BusinessDate(year: 2026, month: 11, day: 1))
        #expect(BusinessDate("2026-1-01") == nil)
        #expect(BusinessDate("2026-13-01") == nil)
        let warsaw = TimeZone(identifier: "Europe/Warsaw")!
        let start = try #require(BusinessDate("2026-11-01")).start(in: warsaw)
        #expect(start.timeIntervalSince1970 == 1_793_487_600)  // 2026-10-31T23:00:00Z
        #expect(BusinessDate(start, in: warsaw).description == "2026-11-01")
    }
}
