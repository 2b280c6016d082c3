import LuaHost
import Testing

/// The way the rule set uses the runtime: built-in rules, a user's rules calling them through
/// `defaults`, a per-run `ctx` of host functions passed by reference, per-call limits.
struct RuleHookTests {
    let runtime: LuaRuntime
    let defaults: LuaScript
    let rules: LuaScript
    var logged: [String] { log.lines }
    let log = LogSink()
    let ctx: LuaValue

    final class LogSink { var lines: [String] = [] }

    init() throws {
        runtime = try makeRuntime()
        defaults = try runtime.load(
            """
            function accept_order(order, ctx)
              return order.status_id == 1001
            end
            function document_type(order, ctx)
              if order.want_invoice then return "invoice" end
              return ctx.config.default_document
            end
            function match_product(line, order, ctx)
              local found = ctx.store.products_by_name(ctx.util.normalize_name(line.name))
              return found[1]
            end
            """, name: "rules/default.lua")
        rules = try runtime.load(
            """
            function document_type(order, ctx)
              ctx.log("deciding " .. order.id)
              if order.currency ~= "PLN" then return nil, "foreign currency" end
              return defaults.document_type(order, ctx)
            end
            """, name: "rules.lua",
            globals: ["defaults": .reference(try runtime.readOnlyView(of: defaults.environment))])

        let log = self.log
        let logFunction = runtime.function(named: "log") { arguments in
            log.lines.append(arguments.argument(0).stringValue ?? "")
            return []
        }
        let normalize = runtime.function(named: "normalize_name") { arguments in
            [.string(LuaString((arguments.argument(0).stringValue ?? "").lowercased()))]
        }
        let byName = runtime.function(named: "products_by_name") { arguments in
            arguments.argument(0).stringValue == "kubek" ? [[10, 12]] : [[]]
        }
        let store = try runtime.retain(["products_by_name": .reference(byName)])
        let util = try runtime.retain(["normalize_name": .reference(normalize)])
        let config = try runtime.retain(["default_document": "receipt"])
        ctx = ["store": .reference(store), "util": .reference(util), "config": .reference(config),
               "log": .reference(logFunction)]
    }

    @Test("a script tells which hooks it defines")
    func hasFunction() {
        #expect(rules.hasFunction("document_type"))
        #expect(!rules.hasFunction("accept_order"))
        #expect(defaults.hasFunction("accept_order"))
    }

    @Test("a user's hook calls the built-in one through defaults")
    func throughDefaults() throws {
        #expect(try rules.call("document_type", ["id": 1, "currency": "PLN", "want_invoice": true], ctx) == ["invoice"])
        #expect(try rules.call("document_type", ["id": 2, "currency": "PLN", "want_invoice": false], ctx) == ["receipt"])
        #expect(try rules.call("document_type", ["id": 3, "currency": "EUR"], ctx) == [.nil, "foreign currency"])
        #expect(logged == ["deciding 1", "deciding 2", "deciding 3"])
    }

    @Test("host functions inside retained tables answer the built-in rules")
    func storeLookups() throws {
        #expect(try defaults.call("match_product", ["name": "KUBEK"], [:], ctx) == [10])
        #expect(try defaults.call("match_product", ["name": "Talerz"], [:], ctx) == [.nil])
    }

    @Test("per-call limits apply to one hook call only")
    func perCallLimits() throws {
        let spinning = try runtime.load("function accept_order() while true do end end", name: "spin.lua")
        let tight = LuaLimits(instructions: 1_000, timeout: nil, memory: 16 << 20)
        #expect(scriptError { _ = try spinning.call("accept_order", limits: tight) }?.kind == .instructionLimit)
        #expect(try defaults.call("accept_order", ["status_id": 1001], ctx, limits: tight) == [true])
    }

    @Test("a failing hook says which file and line, through defaults too")
    func failingHook() throws {
        let error = scriptError { _ = try rules.call("document_type", ["id": 4, "currency": "PLN"], [:]) }
        #expect(error?.description == "rules.lua:2: attempt to call a nil value (field 'log')")
        let deep = scriptError { _ = try rules.call("document_type", ["id": 5, "currency": "PLN"], ["log": ctx["log"]]) }
        #expect(deep?.file == "rules/default.lua")
        #expect(deep?.line == 6)
    }
}
