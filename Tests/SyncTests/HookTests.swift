import BaseLinker
import BaseLinkerModels
import Config
import FirminoStore
import Foundation
import LuaHost
import Testing

@testable import RuleTesting
@testable import Sync

/// A user's rules: overriding hooks, answers out of shape, hostile hooks and look-up misuse —
/// each order fails or is held with a message that says where and what was expected.
@Suite("rule hooks")
struct HookTests {
    static let order: JSONValue = [
        "order_id": 77, "order_status_id": 1001, "date_confirmed": 1_794_000_000,
        "invoice_company": "ACME GmbH", "invoice_nip": "DE123456789", "invoice_country_code": "DE",
        "products": [["name": "Kubek", "price_brutto": 29.99, "tax_rate": 23, "quantity": 2, "warehouse_id": 1]],
    ]

    /// Decides `order` with `rules` (nil: built-in) on a fresh store holding `store`.
    func decide(rules: String?, store: StoreFixture = StoreFixture(), order: JSONValue = Self.order) throws -> (OrderReport, Store) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        let settings = OrderSettings(Configuration.Orders(), timeZone: TimeZone(identifier: "Europe/Warsaw")!) { _, _ in 0 }
        let ruleSet = try RuleSet(
            user: rules.map { RulesSource(path: "rules.lua", text: $0) },
            limits: LuaLimits(instructions: 100_000, timeout: .seconds(2), memory: 16 << 20))
        let report = try decideOnFixture(order, fixture: store, rules: ruleSet, settings: settings, storePath: path)
        return (report, try Store(path: path))
    }

    @Test("a user's hook wins, the rest stay built-in, and defaults.<hook> reaches the built-in one")
    func overrideAndDefaults() throws {
        let (report, _) = try decide(rules: """
            function document_type(order, ctx)
              ctx.log("built-in says " .. defaults.document_type(order, ctx))
              return "invoice"
            end
            """)
        #expect(report.failure == nil)
        #expect(report.documentType == .invoice)
        #expect(report.trace.contains("  log: built-in says invoice_wdt"))
        #expect(report.trace.contains { $0.hasPrefix("document_type → \"invoice\"") && $0.hasSuffix("[rules.lua]") })
        #expect(report.trace.contains { $0.hasPrefix("accept_order → true") && $0.hasSuffix("[built-in]") })
    }

    @Test("the hooks after line_warehouse see each line's warehouse_id, even when an earlier hook replaced the lines")
    func warehouseIdAfterLineWarehouse() throws {
        for accept in ["return true", "order.lines = 'gone'; return true", "order.lines[1] = nil; return true"] {
            let (report, _) = try decide(rules: """
                function accept_order(order, ctx) assert(order.lines == nil or order.lines[1] == nil or order.lines[1].warehouse_id == nil); \(accept) end
                function document_type(order, ctx)
                  ctx.log("line 1 in " .. tostring(order.lines[1].warehouse_id))
                  return defaults.document_type(order, ctx)
                end
                """)
            #expect(report.failure == nil, "\(accept): \(String(describing: report.failure))")
            #expect(report.documentType == .invoiceWDT)
            #expect(report.trace.contains("  log: line 1 in 1"), "\(accept): \(report.trace)")
        }
    }

    @Test("an answer out of shape names the script, the hook, what came back and what was expected", arguments: [
        ("function document_type() return 42 end",
         #"rules.lua:1: document_type returned 42; expected "receipt", "invoice", "invoice_wdt", "invoice_export", or nil and a reason"#),
        ("function accept_order() end", "rules.lua:1: accept_order returned nothing; expected true, or false and a reason"),
        ("function match_product() return 'x' end",
         #"rules.lua:1: match_product returned "x"; expected a product id, nil (make one) or false (leave the line unlinked)"#),
        ("function line_warehouse() return 99 end",
         "rules.lua:1: line_warehouse returned 99; expected the id of a store warehouse (there is no warehouse 99)"),
        ("function match_contractor() return 5 end",
         "rules.lua:1: match_contractor returned 5; expected the id of a contractor in the store (there is no contractor 5)"),
        ("function new_contractor() return { city = 'Berlin' } end",
         "rules.lua:1: new_contractor returned a table; expected a table of contractor fields with a non-empty name"),
        ("function new_product(line) return { name = line.name, vat_rate = 'dużo' } end",
         #"rules.lua:1: new_product returned a table whose vat_rate is "dużo"; expected vat_rate as a percentage or "zw", "np", "oo""#),
        ("function new_product(line) return { name = line.name, price_gross = math.maxinteger } end",
         "rules.lua:1: new_product returned a table whose price_gross is 9223372036854775807; expected price_gross as an amount"),
    ])
    func wrongShape(rules: String, message: String) throws {
        let (report, store) = try decide(rules: rules)
        #expect(report.failure == message)
        // Nothing of the order was written.
        #expect(try store.read { try $0.documents().isEmpty && $0.contractors().isEmpty && $0.products().isEmpty })
    }

    @Test("a document linked to a contractor of the same name prints the buyer as the order gives it")
    func buyerSnapshotFromOrder() throws {
        var fixture = StoreFixture()
        fixture.contractors = [(5, ContractorFields(
            name: "ACME GmbH", taxId: "", address: "Altstraße 1", postcode: "10115", city: "Berlin", country: "DE"))]
        let order: JSONValue = [
            "order_id": 78, "order_status_id": 1001, "date_confirmed": 1_794_000_000,
            "invoice_company": "ACME GmbH", "invoice_nip": "DE123456789", "invoice_country_code": "DE",
            "invoice_address": "Neuer Weg 9", "invoice_postcode": "80331", "invoice_city": "München",
            "products": [["name": "Kubek", "price_brutto": 29.99, "tax_rate": 23, "quantity": 2, "warehouse_id": 1]],
        ]
        let (report, store) = try decide(rules: nil, store: fixture, order: order)
        #expect(report.failure == nil)
        #expect(report.contractor == .linked(5))
        let document = try #require(try store.read { try $0.documents() }.first)
        #expect(document.contractorId == 5)
        #expect(document.buyer == PartyDetails(
            name: "ACME GmbH", taxId: "DE123456789", address: "Neuer Weg 9", postcode: "80331", city: "München", country: "DE"))
    }

    @Test("the built-in match_baselinker_product: the stored link, else the SKU (trimmed, any case), else the name, else nil")
    func matchBaseLinkerProduct() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        defer { try? store.close() }
        var fixture = StoreFixture()
        fixture.products = [
            (10, ProductFields(name: "Kubek 300 ml", sku: "KUB-300")),
            (11, ProductFields(name: "Talerz płaski", sku: "")),
            (12, ProductFields(name: "Miska", sku: "MIS-1", baselinkerProductId: 5001)),
        ]
        try store.write { try fixture.apply(to: $0) }

        let rules = try RuleSet(user: nil, limits: LuaLimits(instructions: 100_000, timeout: .seconds(2), memory: 16 << 20))
        let settings = OrderSettings(Configuration.Orders(), timeZone: TimeZone(identifier: "Europe/Warsaw")!) { _, _ in 0 }
        let context = try HookContext(runtime: rules.runtime, settings: settings)
        let products: [LuaValue] = [
            ["id": 5001, "sku": "KUB-300", "name": "Talerz płaski"],  // the link wins
            ["id": 7, "sku": "  kub-300 ", "name": "Talerz płaski"],  // then the SKU
            ["id": 7, "sku": "", "name": " TALERZ  PŁASKI"],  // an empty SKU matches nothing; the name does
            ["id": 7, "sku": "NOWY-1", "name": "Nowy kubek"],  // nothing: a new product card
        ]
        let matched = try store.read { reader -> [LuaValue] in
            context.reader = reader
            return try products.map { try rules.call(.matchBaseLinkerProduct, [$0, context.value()]).argument(0) }
        }
        #expect(matched == [12, 10, 11, .nil])
    }

    @Test("the delivery line takes the order's highest VAT rate; on a WDT invoice every line is at 0 %")
    func deliveryLine() throws {
        func order(_ id: Int, country: String, nip: String) -> JSONValue {
            [
                "order_id": .int(Int64(id)), "order_status_id": 1001, "date_confirmed": 1_794_000_000,
                "invoice_company": "Firma", "invoice_nip": .string(nip), "invoice_country_code": .string(country),
                "delivery_method": "Kurier DPD", "delivery_price": "15.99",
                "products": [
                    ["name": "Książka", "price_brutto": 40, "tax_rate": 5, "quantity": 1],
                    ["name": "Kubek", "price_brutto": 29.99, "tax_rate": 23, "quantity": 2],
                    ["name": "Herbata", "price_brutto": 12.5, "tax_rate": 8, "quantity": 1],
                ],
            ]
        }
        let (domestic, store) = try decide(rules: nil, order: order(91, country: "PL", nip: ""))
        #expect(domestic.failure == nil)
        let receipt = try #require(try store.read { try $0.documents() }.first)
        let delivery = try #require(receipt.lines.last)
        #expect(delivery.name == "Kurier DPD" && delivery.quantity == 1)
        #expect(delivery.vatRate == .percent(23))
        #expect(delivery.unitGross == Money(minorUnits: 1599))

        let (wdt, wdtStore) = try decide(rules: nil, order: order(92, country: "DE", nip: "DE123456789"))
        #expect(wdt.documentType == .invoiceWDT)
        let invoice = try #require(try wdtStore.read { try $0.documents() }.first)
        #expect(invoice.lines.count == 4)
        #expect(invoice.lines.allSatisfy { $0.vatRate == DocumentType.invoiceWDT.forcedVATRate })
    }

    @Test("a runtime error in a hook reads file:line: message")
    func runtimeError() throws {
        let (report, _) = try decide(rules: "\nfunction document_type(order)\n  return order.missing.field\nend\n")
        #expect(report.failure?.hasPrefix("rules.lua:3: ") == true, "\(report.failure ?? "")")
    }

    @Test("a hook that loops forever, even inside pcall, fails its order at the instruction budget")
    func hostileHook() throws {
        let (report, _) = try decide(rules: """
            function match_contractor()
              while true do pcall(function() while true do end end) end
            end
            """)
        let failure = try #require(report.failure)
        #expect(failure.hasPrefix("rules.lua:"), "\(failure)")
        #expect(failure.contains("instruction"), "\(failure)")
    }

    @Test("a look-up called with the wrong argument raises a Lua error the hook can catch")
    func lookUpMisuse() throws {
        let (report, _) = try decide(rules: """
            function match_contractor(order, ctx)
              local ok, message = pcall(ctx.store.contractor, "five")
              ctx.log(message)
              return nil
            end
            """)
        #expect(report.failure == nil)
        #expect(report.trace.contains { $0.contains("contractor expects a contractor id as argument #1, got string") })
        #expect(report.contractor.map { if case .created = $0 { true } else { false } } == true)
    }

    @Test("ctx.log keeps at most 64 KiB per order, each line cut with a mark: a hook logging megabytes in a loop cannot hold the process's memory")
    func logBound() throws {
        let (report, _) = try decide(rules: """
            function accept_order(order, ctx)
              local big = string.rep("x", 4 * 1024 * 1024)
              for i = 1, 200 do ctx.log(big) end
              return true
            end
            """)
        #expect(report.failure == nil, "\(report.failure ?? "")")
        let logged = report.trace.filter { $0.hasPrefix("  log: ") }
        #expect(logged.map(\.count).reduce(0, +) <= HookContext.logBudget + 200 * 8)
        #expect(logged.first?.hasSuffix("…") == true)
        #expect(logged.last?.contains("ctx.log passed 64 KiB for this order") == true, "\(logged.last ?? "")")
        #expect(logged.count < 40)
    }

    @Test("document_type returning nil holds the order: nothing is written")
    func held() throws {
        let (report, store) = try decide(rules: #"function document_type() return nil, "czeka na potwierdzenie NIP" end"#)
        #expect(report.failure == nil)
        #expect(report.held)
        #expect(report.reason == "czeka na potwierdzenie NIP")
        #expect(try store.read { try $0.documents().isEmpty && $0.contractors().isEmpty })
    }

    @Test("a rules script that does not compile is an error naming its line")
    func syntaxError() throws {
        let error = try #require(throws: ScriptError.self) {
            _ = try RuleSet(user: RulesSource(path: "rules.lua", text: "function x(\n"), limits: .default)
        }
        #expect(error.kind == .syntax)
        #expect(error.file == "rules.lua")
        #expect(error.line == 2)
    }

    @Test("ctx.util checks tax facts the way the rules need")
    func utilities() throws {
        #expect(TaxFacts.isValidNIP("526-000-12-46"))
        #expect(TaxFacts.isValidNIP("PL5260001246"))
        #expect(!TaxFacts.isValidNIP("5260001247"))
        #expect(!TaxFacts.isValidNIP("52600012"))
        #expect(TaxFacts.isEU("el") && TaxFacts.isEU("GR") && !TaxFacts.isEU("GB") && !TaxFacts.isEU("NO"))
    }
}

/// The report read the way these tests ask about it.
extension OrderReport {
    /// The failure as printed beside the order id; nil unless the order failed.
    var failure: String? {
        if case .failed(let failure) = outcome { return failure.description }
        return nil
    }
    var held: Bool {
        if case .held = outcome { return true }
        return false
    }
    var reason: String? {
        switch outcome {
        case .held(let reason): reason
        case .turnedDown(let reason): reason
        case .issued, .failed: nil
        }
    }
    var documentType: DocumentType? { decisions.documentType }
    var contractor: OrderDecisions.Link<ContractorFields>? { decisions.contractor }
    var trace: [String] { decisions.trace }
}
