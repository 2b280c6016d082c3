import BaseLinkerModels
import Config
import Foundation
import LuaHost
import Testing

@testable import RuleTesting
@testable import Sync

/// What writing rules leans on: the totals a hook no longer recomputes, the hook a misspelt
/// name meant, the refusal of a global function that is not a hook, and editor definitions that
/// keep up with what the hooks really receive.
@Suite("writing rules")
struct RuleAuthoringTests {
    @Test("order.total_gross is the lines plus delivery, and a line's total_gross its unit price times its quantity")
    func totals() throws {
        var order = HookTests.order
        if case .object(var fields) = order {
            fields["delivery_price"] = "15.99"
            fields["products"] = [
                ["name": "Kubek", "price_brutto": 29.99, "tax_rate": 23, "quantity": 3, "warehouse_id": 1],
                ["name": "Herbata", "price_brutto": "0.1", "tax_rate": 8, "quantity": 7, "warehouse_id": 1],
            ]
            order = .object(fields)
        }
        let (report, _) = try HookTests().decide(rules: """
            function accept_order(order, ctx)
              ctx.log(order.total_gross, order.lines[1].total_gross, order.lines[2].total_gross)
              return true
            end
            """, order: order)
        // 3 × 29.99 + 7 × 0.10 + 15.99, summed in grosze: no floating-point residue.
        #expect(report.trace.contains("  log: 106.66\t89.97\t0.7"), "\(report.trace)")
    }

    @Test("the nearest hook: another spelling of the name, or one or two slips away; none for a helper's name", arguments: [
        ("documnet_type", "document_type"), ("matchProduct", "match_product"), ("acept_order", "accept_order"),
        ("line_warehouses", "line_warehouse"), ("Match_Contractor", "match_contractor"), ("new_contractors", "new_contractor"),
        ("format_name", nil), ("helper", nil), ("document", nil),
    ] as [(String, String?)])
    func nearestHook(name: String, hook: String?) {
        #expect(Hook.nearest(to: name)?.rawValue == hook)
    }

    @Test("loading rules with a global function that is not a hook fails with where it is and what to do")
    func ruleSetRefusesUnknownFunctions() throws {
        let error = try #require(throws: RuleProblem.self) {
            _ = try RuleSet(user: RulesSource(path: "rules.lua", text: """
                local function fine() end
                function accept_order(order, ctx) return true end

                function format_name(s) return s end
                function documnet_type(order, ctx) return "invoice" end
                """), limits: .default)
        }
        #expect(error.description == "rules.lua:4: format_name: not a hook (the hooks are "
            + Hook.allCases.map(\.rawValue).joined(separator: ", ")
            + "); a helper function the script keeps should be local: local function format_name(...)")
    }

    @Test("rules check finds each kind of problem at its line, in line order")
    func checkFindsProblems() {
        let check = RulesCheck(RulesSource(path: "rules.lua", text: """
            limit = 3
            function match_product(line, ctx) return nil end
            function documnet_type(order, ctx) return "invoice" end
            function new_product(...) return defaults.new_product(...) end
            """), limits: .default)
        #expect(check.problems.map(\.line) == [1, 2, 3])
        #expect(check.problems.map { $0.message.prefix(while: { $0 != ":" && $0 != " " }) } == ["limit", "match_product", "documnet_type"])
        #expect(check.hooks == [.matchProduct, .newProduct])
    }

    /// `---@class Name` followed by its `---@field name …` lines, in the definitions file.
    static func classes(_ definitions: String) -> [String: Set<String>] {
        var classes: [String: Set<String>] = [:]
        var current: String?
        for line in definitions.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("---@class ") {
                current = String(line.dropFirst("---@class ".count).prefix { $0 != " " })
                classes[current!] = []
            } else if line.hasPrefix("---@field "), let name = current {
                classes[name]?.insert(String(line.dropFirst("---@field ".count).prefix { $0 != " " }))
            } else if !line.hasPrefix("---") {
                current = nil
            }
        }
        return classes
    }

    @Test("the editor's definitions name every field of the order, its lines and parties, and ctx, every hook and the migration API")
    func definitionsKeepUp() throws {
        let definitions = RulesStarter.definitions
        let classes = Self.classes(definitions)
        let order = try SyncOrder(Order(json: HookTests.order))
        let table = try #require(OrderTable.value(order, warehouses: [1]).tableValue)
        let keys = { (table: LuaTable) in Set(table.fields.keys.map(\.description)) }
        #expect(keys(table).subtracting(classes["Order"] ?? []).isEmpty, "\(keys(table).subtracting(classes["Order"] ?? []))")
        let line = try #require(table["lines"][1].tableValue)
        #expect(keys(line).subtracting(classes["OrderLine"] ?? []).isEmpty)
        #expect(keys(try #require(table["buyer"].tableValue)) == classes["Party"])
        #expect(classes["Context"] == ["config", "store", "util", "log", "warehouse"])
        let settings = OrderSettings(Configuration.Orders(), timeZone: TimeZone(identifier: "Europe/Warsaw")!) { _, _ in 0 }
        #expect(keys(try #require(settings.luaValue.tableValue)).subtracting(classes["OrdersConfig"] ?? []).isEmpty)
        for hook in Hook.allCases {
            #expect(definitions.contains("function \(hook.signature) end"), "\(hook.rawValue)")
            #expect(classes["Defaults"]?.contains(hook.rawValue) == true, "\(hook.rawValue)")
        }
        #expect(classes["MigrationStore"] == [
            "products", "product", "contractors", "contractor", "warehouses", "documents", "stock", "add_product",
            "update_product", "link_product", "add_contractor", "update_contractor", "add_warehouse", "update_warehouse",
            "move_stock",
        ])
        #expect(classes["BaseLinker"] == ["call"])
    }
}
