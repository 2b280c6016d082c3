import Foundation
import Testing

/// `firmlink rules explain --order FILE.json [--store FILE.yaml] [--rules FILE]`: hook by hook,
/// what the rules decide for one order, what they logged, and what would be issued.
struct RulesExplainCommandTests {
    /// A German company ordering two mugs from the Polish warehouse.
    static let order = """
        {
          "order_id": 601,
          "order_status_id": 1001,
          "date_confirmed": 1794000000,
          "currency": "EUR",
          "invoice_company": "ACME GmbH",
          "invoice_nip": "DE 123 456 789",
          "invoice_address": "Hauptstraße 5",
          "invoice_postcode": "10115",
          "invoice_city": "Berlin",
          "invoice_country_code": "de",
          "delivery_fullname": "Max Mustermann",
          "delivery_country_code": "DE",
          "products": [
            {"name": "Kubek ceramiczny 300 ml", "sku": "KUB-300", "price_brutto": 29.99, "tax_rate": 23,
             "quantity": 2, "warehouse_id": 1}
          ]
        }
        """

    static let store = """
        warehouses: [{ id: 1, name: Magazyn główny, country: PL, baselinker: bl_1, default: true }]
        products: [{ id: 10, name: Kubek ceramiczny 300 ml, sku: KUB-300 }]
        contractors: [{ id: 5, name: ACME GmbH, tax_id: DE123456789, country: DE }]
        """

    func explain(rules: String? = nil, store: Bool = true) async throws -> FirmlinkProcess.Result {
        var files = ["order.json": Self.order, "store.yaml": Self.store]
        var arguments = ["rules", "explain", "--order", "order.json"]
        if store { arguments += ["--store", "store.yaml"] }
        if let rules {
            files["rules.lua"] = rules
            arguments += ["--rules", "rules.lua"]
        }
        return try await FirmlinkProcess.launch(arguments, files: files)
    }

    @Test("the built-in rules explain every hook's decision and the document that would be issued")
    func builtInDecisions() async throws {
        let result = try await explain()
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.lines
        #expect(lines.first == "order 601: rules built-in", "\(result.stdout)")
        #expect(lines.contains("accept_order → true  [built-in]"), "\(result.stdout)")
        #expect(lines.contains("line_warehouse → 1 for \"Kubek ceramiczny 300 ml\"  [built-in]"), "\(result.stdout)")
        #expect(lines.contains("document_type → \"invoice_wdt\"  [built-in]"), "\(result.stdout)")
        #expect(lines.contains("match_contractor → 5  [built-in]"), "\(result.stdout)")
        #expect(lines.contains("match_product → 10 for \"Kubek ceramiczny 300 ml\"  [built-in]"), "\(result.stdout)")
        let issue = try #require(lines.first { $0.hasPrefix("would issue ") }, "\(result.stdout)")
        #expect(issue.hasPrefix("would issue invoice_wdt WDT/1/"), "\(issue)")
        #expect(issue.hasSuffix("1 lines, net 59.98, VAT 0.00, gross 59.98 EUR"), "\(issue)")
        #expect(lines.contains("  1. Kubek ceramiczny 300 ml × 2 at 29.99, VAT 0wdt (product 10, warehouse 1)"), "\(result.stdout)")
        // The hooks appear in the documented order.
        let order = ["accept_order", "line_warehouse", "document_type", "match_contractor", "match_product"].map { hook in
            lines.firstIndex { $0.hasPrefix(hook + " → ") } ?? -1
        }
        #expect(order == order.sorted() && !order.contains(-1), "\(result.stdout)")
    }

    @Test("without a store the buyer and the product are made new in the default warehouse")
    func emptyStore() async throws {
        let result = try await explain(store: false)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.contains("match_contractor → nil  [built-in]"), "\(result.stdout)")
        #expect(result.lines.contains { $0.hasPrefix("new_contractor → \"ACME GmbH\"") }, "\(result.stdout)")
        #expect(result.lines.contains { $0.hasPrefix("new_product → \"Kubek ceramiczny 300 ml\"") }, "\(result.stdout)")
    }

    @Test("a user script's decisions are marked with its file, and its ctx.log lines are shown")
    func userScriptAndLog() async throws {
        let result = try await explain(rules: """
            function match_product(line, order, ctx)
              local product = ctx.store.product_by_sku(line.sku)
              ctx.log("SKU " .. line.sku .. " is product " .. tostring(product and product.id))
              if product then return product.id end
              return defaults.match_product(line, order, ctx)
            end
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.first?.hasPrefix("order 601: rules rules.lua (defines match_product; built-in for the rest)") == true,
                "\(result.stdout)")
        #expect(result.lines.contains("  log: SKU KUB-300 is product 10"), "\(result.stdout)")
        #expect(result.lines.contains("match_product → 10 for \"Kubek ceramiczny 300 ml\"  [rules.lua]"), "\(result.stdout)")
        #expect(result.lines.contains("accept_order → true  [built-in]"), "\(result.stdout)")
    }

    @Test("an order the rules turn down is explained with their reason and nothing is issued")
    func notTaken() async throws {
        let result = try await explain(rules: """
            function accept_order(order, ctx)
              ctx.log("currency " .. order.currency)
              if order.currency ~= "PLN" then return false, "only PLN orders" end
              return true
            end
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.contains("  log: currency EUR"), "\(result.stdout)")
        #expect(result.lines.contains("accept_order → false, \"only PLN orders\"  [rules.lua]"), "\(result.stdout)")
        #expect(result.lines.last == "not taken: only PLN orders", "\(result.stdout)")
        #expect(!result.stdout.contains("would issue"))
    }

    @Test("a failing user hook is shown as failed with the script's file and line, and nothing is issued")
    func failingHook() async throws {
        let result = try await explain(rules: """
            function document_type(order, ctx)
              error("no document for order " .. order.id)
            end
            """)
        let failure = try #require(result.lines.first { $0.hasPrefix("failed: ") }, "\(result.stdout)\n\(result.stderr)")
        #expect(failure.hasPrefix("failed: rules.lua:2: no document for order 601"), "\(failure)")
        #expect(result.lines.contains("accept_order → true  [built-in]"), "the decisions before the failure are shown")
        #expect(!result.stdout.contains("would issue"))
    }

    @Test("each ctx.log line is printed indented under the hook that logged it")
    func logUnderItsHook() async throws {
        let result = try await explain(rules: """
            function accept_order(order, ctx)
              ctx.log("checking order " .. order.id)
              return defaults.accept_order(order, ctx)
            end
            function match_product(line, order, ctx)
              ctx.log("looking for " .. line.name)
              ctx.log("total " .. line.total_gross .. " of " .. order.total_gross)
              return defaults.match_product(line, order, ctx)
            end
            """)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.lines
        let accept = try #require(lines.firstIndex(of: "accept_order → true  [rules.lua]"), "\(result.stdout)")
        #expect(lines[accept + 1] == "  log: checking order 601", "\(result.stdout)")
        #expect(lines[accept + 2].hasPrefix("line_warehouse → "), "\(result.stdout)")
        let match = try #require(
            lines.firstIndex(of: "match_product → 10 for \"Kubek ceramiczny 300 ml\"  [rules.lua]"), "\(result.stdout)")
        #expect(Array(lines[(match + 1)...(match + 2)]) == [
            "  log: looking for Kubek ceramiczny 300 ml", "  log: total 59.98 of 59.98",
        ], "\(result.stdout)")
    }

    @Test("what a failing hook logged is printed under that hook, marked failed")
    func logOfAFailingHook() async throws {
        let result = try await explain(rules: """
            function document_type(order, ctx)
              ctx.log("buyer country " .. order.buyer.country_code)
              error("no rule for " .. order.buyer.country_code)
            end
            """)
        #expect(result.status == 1)
        let lines = result.lines
        let failed = try #require(lines.firstIndex(of: "document_type → failed  [rules.lua]"), "\(result.stdout)")
        #expect(lines[failed + 1] == "  log: buyer country DE", "\(result.stdout)")
        #expect(lines[failed + 2].hasPrefix("failed: rules.lua:3: no rule for DE"), "\(result.stdout)")
    }

    @Test("a missing order file is a usage error with status 2 naming it")
    func missingOrder() async throws {
        let result = try await FirmlinkProcess.launch(["rules", "explain", "--order", "order-9.json"], files: [:])
        #expect(result.status == 2)
        #expect(result.stderr.contains("order-9.json"), "\(result.stderr)")
    }
}
