import BaseLinkerSandbox
import Foundation
import Testing

/// Configuration and connection errors (docs/configuration.md): `firmlink sync` exits with 2 and
/// one clear message that says where — and never prints the token.
struct ConfigErrorTests {
    /// Runs `firmlink sync` for a seller whose `firmlink.toml` is `text(url)`, and checks what every
    /// such failure shares: status 2, no summary on standard output, no token anywhere, nothing
    /// issued.
    func failingSync(
        configuration text: ((URL) -> String)? = nil, files: [String: String] = [:], environment: [String: String]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (result: FirmlinkProcess.Result, configuration: String) {
        try await SandboxSeller.with(orders: 20, configuration: text) { seller in
            for (name, content) in files { try seller.folder.write(name, content) }
            let configuration = try String(contentsOf: seller.folder.url.appendingPathComponent("firmlink.toml"), encoding: .utf8)
            let result = try await seller.firmlink(["sync"], environment: environment)
            #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, "\(result.stdout)", sourceLocation: sourceLocation)
            #expect(!result.stderr.isEmpty, sourceLocation: sourceLocation)
            #expect(!result.output.contains(SandboxSeller.token), "the token was printed", sourceLocation: sourceLocation)
            let invoices = await seller.sandbox.account.invoices()
            #expect(invoices.isEmpty, sourceLocation: sourceLocation)
            return (result, configuration)
        }
    }

    /// A `firmlink.toml` a sync refuses: the sandbox seller's file with one change, and the
    /// message that names the file, the line and the key.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let testDescription: String
        /// The `[orders]` selection, when the case replaces it.
        var orders: String?
        /// Text added at the end of the file.
        var extra = ""
        /// A text of the file, and what replaces it.
        var replacing: (String, with: String)?
        /// A fragment of the line the message names.
        let line: String
        /// What follows `firmlink.toml:<line>: ` in the message.
        let names: String
        /// What else the message says.
        var says: [String] = []

        func configuration(url: URL) -> String {
            let text = sandboxConfiguration(url: url, orders: orders, extra: extra)
            guard let (old, new) = replacing else { return text }
            return text.replacingOccurrences(of: old, with: new)
        }
    }

    static let refusals = [
        Refusal(
            testDescription: "an unknown key names firmlink.toml, its line and the key",
            orders: "statuses = [1001]\ncolour = \"red\"", line: "colour", names: "orders.colour"),
        Refusal(
            testDescription: "a value of the wrong type names firmlink.toml, its line and the key",
            replacing: ("requests_per_minute = 0", with: "requests_per_minute = \"fast\""),
            line: "requests_per_minute", names: "baselinker.requests_per_minute"),
        Refusal(
            testDescription: "a value out of its set names the key and says what it may be",
            orders: "default_document = \"paragon\"", line: "paragon", names: "orders.default_document",
            says: ["receipt", "invoice"]),
        Refusal(
            testDescription: "a seller tax id that is not a valid NIP is refused with its line",
            replacing: (#"tax_id = "PL5260001246""#, with: #"tax_id = "123""#),
            line: #"tax_id = "123""#, names: "seller.tax_id", says: ["not a valid NIP"]),
        Refusal(
            testDescription: "a status name BaseLinker does not know names the file, line and key, and lists the statuses it does know",
            orders: "statuses = [\"Nowe zamówienia\", \"Wysłane na Marsa\"]", line: "statuses", names: "orders.statuses",
            says: ["Wysłane na Marsa", "1001 \"Nowe zamówienia\"", "1002 \"Do wysłania\"", "1006 \"Dokument wystawiony\"",
                   "1007 \"Problem z zamówieniem\""]),
        Refusal(
            testDescription: "a numbering format without a month names firmlink.toml, its line and the key",
            extra: "\n[numbering]\ninvoice = \"FV/{n}/{YYYY}\"", line: "FV/{n}/{YYYY}", names: "numbering.invoice: it has no month"),
        Refusal(
            testDescription: "two numbering formats that can give one number are refused at loading, naming the key changed",
            extra: "\n[numbering]\nreceipt = \"FV/{n}/{M}/{YYYY}\"", line: "FV/{n}/{M}/{YYYY}", names: "numbering.receipt:",
            says: ["invoice documents"]),
        Refusal(
            testDescription: "two BaseLinker warehouses mapped to one store warehouse name the key written later",
            replacing: ("bl_2 = 2", with: "bl_2 = 1"), line: "bl_2 = 1",
            names: "warehouses.map.bl_2: store warehouse 1 is already mapped from bl_1"),
    ]

    @Test("a file a sync refuses names firmlink.toml, the line and the key", arguments: refusals)
    func refused(_ refusal: Refusal) async throws {
        let (result, text) = try await failingSync(configuration: refusal.configuration)
        let line = try #require(lineNumber(of: refusal.line, in: text))
        #expect(result.stderr.contains("firmlink.toml:\(line): \(refusal.names)"), "\(result.stderr)")
        for fragment in refusal.says {
            #expect(result.stderr.contains(fragment), "\(fragment) in \(result.stderr)")
        }
    }

    @Test("a sync with an empty [seller] refuses to start, naming each missing key, before BaseLinker is asked anything")
    func emptySeller() async throws {
        try await SandboxSeller.with(orders: 20, configuration: { url in
            sandboxConfiguration(url: url).replacingOccurrences(
                of: #"(?s)\[seller\].*?\[modules\]"#, with: "[seller]\n\n[modules]", options: .regularExpression)
        }) { seller in
            let result = try await seller.firmlink(["sync"])
            #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
            for key in ["seller.name", "seller.tax_id", "seller.address", "seller.postcode", "seller.city"] {
                #expect(result.stderr.contains(key), "\(key) in \(result.stderr)")
            }
            #expect(await seller.sandbox.stats.totalRequests == 0)
            #expect(await seller.sandbox.account.invoices().isEmpty)
            let files = try FileManager.default.contentsOfDirectory(atPath: seller.folder.url.path)
            #expect(!files.contains { $0.hasPrefix("firmlink.sqlite") }, "a refused sync makes no store: \(files)")
        }
    }

    @Test("a sync without orders.from refuses to start, naming the key, before BaseLinker is asked anything")
    func noStartDate() async throws {
        try await SandboxSeller.with(orders: 20, configuration: { url in
            sandboxConfiguration(url: url).replacingOccurrences(of: "from = \"2026-11-01\"\n", with: "")
        }) { seller in
            let text = try String(contentsOf: seller.folder.url.appendingPathComponent("firmlink.toml"), encoding: .utf8)
            #expect(!text.contains("from = "))
            let result = try await seller.firmlink(["sync"])
            #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stderr.contains("orders.from") && result.stderr.contains("set the date from which orders are pulled"), "\(result.stderr)")
            #expect(await seller.sandbox.stats.totalRequests == 0)
            let files = try FileManager.default.contentsOfDirectory(atPath: seller.folder.url.path)
            #expect(!files.contains { $0.hasPrefix("firmlink.sqlite") }, "a refused sync makes no store: \(files)")
        }
    }

    @Test("statuses missing or empty is refused with the account's statuses; \"all\" takes every one on purpose", arguments: ["", "statuses = []"])
    func statusesMustBeChosen(orders: String) async throws {
        let (result, _) = try await failingSync { url in sandboxConfiguration(url: url, orders: orders) }
        #expect(result.stderr.contains("orders.statuses"), "\(result.stderr)")
        #expect(result.stderr.contains("1005 \"Anulowane\""), "\(result.stderr)")
        #expect(result.stderr.contains("statuses = \"all\""), "\(result.stderr)")
    }

    @Test("without BASELINKER_TOKEN the message says where to put the token")
    func noToken() async throws {
        let (result, _) = try await failingSync(environment: [:])
        #expect(result.stderr.contains("BASELINKER_TOKEN"), "\(result.stderr)")
    }

    @Test("a token in a file others can read is refused without showing it")
    func tokenInReadableFile() async throws {
        let (result, _) = try await failingSync(
            configuration: { url in
                sandboxConfiguration(url: url).replacingOccurrences(
                    of: "requests_per_minute = 0", with: "requests_per_minute = 0\ntoken = \"\(SandboxSeller.token)\"")
            }, environment: [:])
        #expect(result.stderr.contains("token"), "\(result.stderr)")
        #expect(result.stderr.contains("600"), "the message says to make the file private: \(result.stderr)")
    }

    @Test("a token BaseLinker refuses is a connection error that does not show the token")
    func wrongToken() async throws {
        let wrong = "blt-0000-wrong-c4f2e9"
        let (result, _) = try await failingSync(environment: ["BASELINKER_TOKEN": wrong])
        #expect(!result.output.contains(wrong), "the wrong token was printed: \(result.stderr)")
        #expect(!result.output.contains("c4f2e9"))
        #expect(result.stderr.lowercased().contains("token"), "the message says the token is the problem: \(result.stderr)")
    }

    @Test("BaseLinker out of reach is a connection error naming where it was looked for")
    func unreachable() async throws {
        // Port 1 (tcpmux) has no listener here: every connection is refused at once.
        let (result, _) = try await failingSync { _ in
            sandboxConfiguration(url: URL(string: "http://127.0.0.1:1/connector.php")!)
        }
        let message = try #require(result.stderr.split(separator: "\n").last { $0.hasPrefix("firmlink: ") }, "\(result.stderr)")
        #expect(message.contains("could not connect"), "\(message)")
        #expect(message.contains("127.0.0.1:1"), "\(message)")
    }

    @Test("a rules script that is missing is named")
    func missingRulesScript() async throws {
        let (result, _) = try await failingSync { url in
            sandboxConfiguration(url: url, extra: "\n[rules]\nscript = \"my-rules.lua\"")
        }
        #expect(result.stderr.contains("my-rules.lua"), "\(result.stderr)")
    }

    @Test("a rules script with a syntax error is named with its line, before any order is touched")
    func rulesSyntaxError() async throws {
        let (result, _) = try await failingSync(
            configuration: { url in sandboxConfiguration(url: url, extra: "\n[rules]\nscript = \"rules.lua\"") },
            files: ["rules.lua": "function accept_order(order, ctx)\n  return = true\nend\n"])
        #expect(result.stderr.contains("rules.lua:2:"), "\(result.stderr)")
    }

    /// `rules.lua` with a syntax error on line 2, beside an order for `rules explain`.
    static let brokenRules = [
        "rules.lua": "function accept_order(order, ctx)\n  return = true\nend\n",
        "order.json": #"{"order_id": 1, "order_status_id": 1001, "date_confirmed": 1794000000, "products": []}"#,
    ]

    @Test("rules explain with a rules script that does not compile exits 2 with the script's file:line")
    func rulesExplainSyntaxError() async throws {
        let result = try await FirmlinkProcess.launch(
            ["rules", "explain", "--order", "order.json", "--rules", "rules.lua"], files: Self.brokenRules)
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("rules.lua:2:"), "\(result.stderr)")
    }

    @Test("an error no command expected exits 2 with its description, not 1")
    func unexpectedError() async throws {
        var files = Self.brokenRules
        // A store fixture the store refuses: its error is not one `rules explain` handles itself.
        files["store.yaml"] = "warehouses: [{ id: 1, name: Główny, country: PL, baselinker: bl_x }]\n"
        let result = try await FirmlinkProcess.launch(
            ["rules", "explain", "--order", "order.json", "--store", "store.yaml"], files: files)
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("firmlink: 'bl_x' is not a BaseLinker warehouse"), "\(result.stderr)")
    }

    @Test("a configuration file that does not exist is named")
    func missingConfiguration() async throws {
        let result = try await FirmlinkProcess.launch(
            ["sync", "--config", "elsewhere.toml"], files: [:], environment: ["BASELINKER_TOKEN": SandboxSeller.token])
        #expect(result.status == 2)
        #expect(result.stderr.contains("elsewhere.toml"), "\(result.stderr)")
        #expect(!result.output.contains(SandboxSeller.token))
    }

    @Test("store commands before any sync say there is no store yet")
    func noStoreYet() async throws {
        try await SandboxSeller.with(orders: 20) { seller in
            for command in [["documents", "list"], ["stock"], ["products", "list"]] {
                let result = try await seller.firmlink(command)
                #expect(result.status == 2, "\(command): \(result.stderr)")
                #expect(result.stderr.contains("no store"), "\(command): \(result.stderr)")
            }
            // The warehouses list shows BaseLinker's side already, and makes no store.
            let warehouses = try await seller.firmlink(["warehouses", "list"])
            #expect(warehouses.status == 0, "\(warehouses.stderr)")
            #expect(warehouses.stdout.contains("no warehouses yet") && warehouses.stdout.contains("bl_1"), "\(warehouses.stdout)")
            #expect(!FileManager.default.fileExists(atPath: seller.folder.url.appendingPathComponent("firmlink.sqlite").path))
        }
    }
}
