import Foundation
import Testing

/// `firmlink rules test [PATH...] [--rules FILE]` (docs/rules.md): YAML cases against the built-in
/// rules or a seller's script, one line per case, `N passed, M failed`, exit 1 on any failure.
struct RulesTestCommandTests {
    /// A store for the cases below: one Polish warehouse, two products with SKUs.
    static let store = """
        store: &store
          warehouses: [{ id: 1, name: Magazyn główny, country: PL, baselinker: bl_1, default: true }]
          products:
            - { id: 10, name: Kubek ceramiczny 300 ml, sku: KUB-300 }
            - { id: 11, name: Talerz płaski, sku: TAL-27 }
        """

    /// A case named `name` for one order line `line` (a YAML flow mapping), expecting `expect`.
    static func skuCase(_ name: String, id: Int, line: String, expect: String, first: Bool = false) -> String {
        """
        name: \(name)
        \(first ? store : "store: *store")
        order:
          order_id: \(id)
          order_status_id: 1001
          date_confirmed: 1794000000
          delivery_fullname: Jan Kowalski
          products:
            - \(line)
        expect:
          \(expect)
        """
    }

    /// Four cases written for a script that links lines by SKU first, by name otherwise.
    static let skuCases = [
        skuCase(
            "a line whose SKU is in the store links to that product, whatever its name", id: 501,
            line: "{ name: Kubek 300 ml biały, sku: KUB-300, price_brutto: 29.99, tax_rate: 23, quantity: 1, warehouse_id: 1 }",
            expect: "lines: [{ product: 10 }]", first: true),
        skuCase(
            "a line without a SKU still links by name", id: 502,
            line: "{ name: TALERZ  płaski, price_brutto: 19.9, tax_rate: 23, quantity: 1, warehouse_id: 1 }",
            expect: "lines: [{ product: 11 }]"),
        skuCase(
            "a line with an unknown SKU and a new name makes a new product", id: 503,
            line: "{ name: Miska sałatkowa, sku: MIS-1, price_brutto: 39, tax_rate: 23, quantity: 1, warehouse_id: 1 }",
            expect: "lines: [{ product: new }]"),
        skuCase(
            "a line whose SKU and name point to different products follows the SKU", id: 504,
            line: "{ name: Talerz płaski, sku: KUB-300, price_brutto: 19.9, tax_rate: 23, quantity: 1, warehouse_id: 1 }",
            expect: "lines: [{ product: 10 }]"),
    ].joined(separator: "\n---\n")

    static let skuRules = """
        -- Link a line by its SKU when a product has it; otherwise as the built-in rules do.
        function match_product(line, order, ctx)
          if line.sku ~= nil and line.sku ~= "" then
            local product = ctx.store.product_by_sku(line.sku)
            if product then return product.id end
          end
          return defaults.match_product(line, order, ctx)
        end
        """

    /// A case's `order:`: one mug for a Polish consumer, confirmed at `confirmed` (Unix time).
    static func order(_ id: Int, confirmed: Int = 1794000000) -> String {
        """
        order:
          order_id: \(id)
          order_status_id: 1001
          date_confirmed: \(confirmed)
          delivery_fullname: Anna Nowak
          delivery_country_code: PL
          products: [{ name: Kubek, price_brutto: 20, tax_rate: 23, quantity: 1 }]
        """
    }

    /// Runs `firmlink rules test arguments…` in a folder holding `files`, and checks that its last
    /// line is `tally` (`N passed, M failed`) and that it exits with 1 when a case failed, else 0.
    @discardableResult
    func rulesTest(
        _ arguments: [String], files: [String: String], tally: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> FirmlinkProcess.Result {
        let result = try await FirmlinkProcess.launch(["rules", "test"] + arguments, files: files)
        #expect(result.lines.last == tally, "\(result.stdout)\n\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.status == (tally.hasSuffix(" 0 failed") ? 0 : 1), "\(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    @Test("the shipped rule cases pass with the built-in rules")
    func shippedCasesPass() async throws {
        let folder = repositoryRoot.appendingPathComponent("scripts/rules/tests")
        let result = try await FirmlinkProcess.launch(["rules", "test", folder.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let last = try #require(result.lines.last)
        let passed = result.lines.filter { $0.hasPrefix("✓ ") }.count
        #expect(passed > 20, "every shipped case is run: \(result.stdout)")
        #expect(last == "\(passed) passed, 0 failed")
        #expect(!result.stdout.contains("✗"))
    }

    @Test("the current folder is searched when no path is given")
    func currentFolderByDefault() async throws {
        try await rulesTest([], files: ["cases/sku.yaml": Self.skuCases], tally: "2 passed, 2 failed")
    }

    @Test("--config gives the cases the seller's [orders] settings, which a case's config overrides, and the seller's timezone")
    func configuration() async throws {
        let files = [
            "firmlink.toml": """
                [seller]
                name = "Corner Store"
                timezone = "America/New_York"

                [orders]
                from = "2026-11-01"
                default_document = "invoice"
                statuses = [1001]
                status_after = "Wysłane"
                """,
            "cases.yaml": """
                name: a consumer gets the seller's default document
                \(Self.order(401))
                expect: { document_type: invoice }
                ---
                name: 03:00 UTC on 1 November is still 31 October in New York, before the start date
                \(Self.order(402, confirmed: 1793502000))
                expect: { accepted: false }
                ---
                name: a case's own config overrides the seller's
                config: { default_document: receipt }
                \(Self.order(403))
                expect: { document_type: receipt }
                """,
            "named.toml": """
                [orders]
                from = "2026-11-01"
                statuses = ["Nowe zamówienia"]
                """,
        ]
        try await rulesTest(["cases.yaml", "--config", "firmlink.toml"], files: files, tally: "3 passed, 0 failed")

        // Without it, the defaults: a receipt, and Warsaw's midnight.
        try await rulesTest(["cases.yaml"], files: files, tally: "1 passed, 2 failed")

        // Statuses named in the configuration cannot be looked up offline: the cases say so.
        let named = try await FirmlinkProcess.launch(["rules", "test", "cases.yaml", "--config", "named.toml"], files: files)
        #expect(named.status == 1)
        #expect(named.stdout.contains("named.toml"), "\(named.stdout)")
        #expect(named.stdout.contains("name statuses by id"), "\(named.stdout)")
    }

    @Test("a wrong expectation fails its case with one line per difference, and the run exits with 1")
    func wrongExpectation() async throws {
        let text = """
            name: a Polish consumer gets a receipt
            \(Self.order(301))
            expect:
              document_type: receipt
            ---
            name: a Polish consumer wrongly expected to get an invoice from contractor 5
            \(Self.order(302))
            expect:
              accepted: true
              document_type: invoice
              contractor: 5
            """
        let result = try await rulesTest(["cases.yaml"], files: ["cases.yaml": text], tally: "1 passed, 1 failed")
        #expect(result.lines.first == "✓ a Polish consumer gets a receipt", "\(result.stdout)")
        let header = try #require(result.lines.firstIndex { $0.hasPrefix("✗ a Polish consumer wrongly expected") }, "\(result.stdout)")
        let caseLine = try #require(lineNumber(of: "name: a Polish consumer wrongly", in: text))
        #expect(result.lines[header].hasSuffix("(cases.yaml:\(caseLine))"), "\(result.lines[header])")
        let differences = result.lines[(header + 1)...].filter { $0.hasPrefix("    ") }
        #expect(differences == [
            "    document_type: expected invoice, got receipt",
            "    contractor: expected 5, got new",
        ])
    }

    @Test("an unknown key in a case names the file and its line, and the file's other cases still run")
    func unknownKey() async throws {
        let text = """
            name: a typo in what is expected
            \(Self.order(311))
            expect:
              accepted: true
              documnet_type: receipt
            ---
            name: a good case after it
            \(Self.order(312))
            expect:
              accepted: true
            """
        let result = try await rulesTest(["typo.yaml"], files: ["typo.yaml": text], tally: "1 passed, 1 failed")
        let typoLine = try #require(lineNumber(of: "documnet_type", in: text))
        #expect(result.stdout.contains("typo.yaml:\(typoLine): unknown key expect.documnet_type"), "\(result.stdout)")
        #expect(result.stdout.contains("document_type"), "the message lists the keys it knows: \(result.stdout)")
        #expect(result.stdout.contains("✓ a good case after it"))
    }

    @Test("a script overriding match_product by SKU changes exactly the cases where SKU and name disagree")
    func userRulesOverrideOneHook() async throws {
        let files = ["cases/sku.yaml": Self.skuCases, "rules.lua": Self.skuRules]

        try await rulesTest(["cases", "--rules", "rules.lua"], files: files, tally: "4 passed, 0 failed")

        let builtIn = try await rulesTest(["cases"], files: files, tally: "2 passed, 2 failed")
        let failed = builtIn.lines.filter { $0.hasPrefix("✗ ") }.map { $0.dropFirst(2).components(separatedBy: "  (").first ?? "" }
        #expect(failed == [
            "a line whose SKU is in the store links to that product, whatever its name",
            "a line whose SKU and name point to different products follows the SKU",
        ])
        #expect(builtIn.stdout.contains("line 1 (\"Kubek 300 ml biały\") product: expected 10, got new"), "\(builtIn.stdout)")
        #expect(builtIn.stdout.contains("line 1 (\"Talerz płaski\") product: expected 10, got 11"), "\(builtIn.stdout)")
    }

    /// A rules script with a syntax error on line 2.
    static let brokenRules = "function match_product(line, order, ctx)\n  return = 1\nend\n"

    @Test("a rules script that does not compile fails every case with its file and line")
    func brokenScript() async throws {
        let result = try await rulesTest(
            ["cases", "--rules", "rules.lua"], files: ["cases/sku.yaml": Self.skuCases, "rules.lua": Self.brokenRules], tally: "0 passed, 4 failed")
        #expect(result.stdout.contains("rules.lua:2:"), "\(result.stdout)")
    }

    @Test("--rules wins over a case's own rules: key, and the case's line says so")
    func commandLineRulesWin() async throws {
        // Every case names the good script; the command line names a broken one.
        let named = Self.skuCases.replacingOccurrences(of: "\nname: ", with: "\nrules: ../rules.lua\nname: ")
            .replacingOccurrences(of: "^name: ", with: "rules: ../rules.lua\nname: ", options: .regularExpression)
        let files = ["cases/sku.yaml": named, "rules.lua": Self.skuRules, "broken.lua": Self.brokenRules]

        try await rulesTest(["cases"], files: files, tally: "4 passed, 0 failed")

        let broken = try await rulesTest(["cases", "--rules", "broken.lua"], files: files, tally: "0 passed, 4 failed")
        #expect(broken.stdout.contains("broken.lua:2:"), "\(broken.stdout)")
        #expect(broken.lines.filter { $0.hasPrefix("✗ ") }.allSatisfy { $0.contains("--rules broken.lua instead of its rules: ../rules.lua") },
                "\(broken.stdout)")
    }

    @Test("a path that does not exist is a usage error with status 2")
    func missingPath() async throws {
        let result = try await FirmlinkProcess.launch(["rules", "test", "no-such-cases"], files: [:])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-cases"), "\(result.stderr)")
    }
}
