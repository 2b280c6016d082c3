import Foundation
import Testing

/// `firmlink rules check FILE`: every problem as `file:line: message`, exit 1 on any; an ok line
/// and exit 0 for a clean script.
struct RulesCheckCommandTests {
    func check(_ rules: String) async throws -> FirmlinkProcess.Result {
        try await FirmlinkProcess.launch(["rules", "check", "rules.lua"], files: ["rules.lua": rules])
    }

    @Test("a clean script is ok, exits with 0 and names the hooks it defines")
    func clean() async throws {
        let result = try await check("""
            local function by_sku(line, ctx)
              return ctx.store.product_by_sku(line.sku)
            end

            function match_product(line, order, ctx)
              local product = by_sku(line, ctx)
              if product then return product.id end
              return defaults.match_product(line, order, ctx)
            end

            function accept_order(...)
              return defaults.accept_order(...)
            end
            """)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout == "rules.lua: ok (defines accept_order, match_product; the built-in rules decide the rest)\n")
    }

    @Test("a misspelt hook is not a hook: the nearest hook is suggested, and helpers are told to be local")
    func misspeltHook() async throws {
        let result = try await check("""
            -- which document
            function documnet_type(order, ctx)
              return "invoice"
            end
            """)
        #expect(result.status == 1)
        #expect(result.lines.first == "rules.lua:2: documnet_type: not a hook; did you mean document_type? "
            + "(a helper function the script keeps should be local: local function documnet_type(...))", "\(result.stdout)")
        #expect(result.lines.last == "rules.lua: 1 problem")
    }

    @Test("a global helper far from every hook name is told to be local, with the hooks listed")
    func globalHelper() async throws {
        let result = try await check("function format_name(s)\n  return s\nend\n")
        #expect(result.status == 1)
        let line = try #require(result.lines.first)
        #expect(line.hasPrefix("rules.lua:1: format_name: not a hook (the hooks are accept_order, "), "\(line)")
        #expect(line.hasSuffix("local function format_name(...)"), "\(line)")
        #expect(!line.contains("did you mean"), "\(line)")
    }

    @Test("a global assigned outside a function is a problem at its line")
    func topLevelGlobal() async throws {
        let result = try await check("""
            local seen = {}
            counter = 0
            function accept_order(order, ctx)
              seen[order.id] = true
              return true
            end
            """)
        #expect(result.status == 1)
        #expect(result.lines.first == "rules.lua:2: counter: a global assigned outside a function; a rules script's "
            + "globals are its hooks, so keep it local (local counter = ...)", "\(result.stdout)")
    }

    @Test("a hook with too few or too many parameters is a problem; a vararg one is accepted")
    func parameters() async throws {
        let result = try await check("""
            function match_product(line, ctx)
              return nil
            end
            function accept_order(order, ctx, extra)
              return true
            end
            function line_warehouse(line, ...)
              return 1
            end
            function new_product(line, order, ctx, ...)
              return defaults.new_product(line, order, ctx)
            end
            """)
        #expect(result.status == 1)
        #expect(result.lines == [
            "rules.lua:1: match_product is called as match_product(line, order, ctx) with 3 arguments, but is defined with 2 parameters",
            "rules.lua:4: accept_order is called as accept_order(order, ctx) with 2 arguments, but is defined with 3 parameters",
            "rules.lua: 2 problems",
        ], "\(result.stdout)")
    }

    @Test("a syntax error is reported at its line, with exit status 1")
    func syntaxError() async throws {
        let result = try await check("function accept_order(order, ctx)\n  return true\n\nfunction document_type(order, ctx)\n")
        #expect(result.status == 1)
        let first = try #require(result.lines.first)
        #expect(first.hasPrefix("rules.lua:4: ") || first.hasPrefix("rules.lua:5: "), "\(first)")
        #expect(first.contains("expected"), "\(first)")
    }

    @Test("an error raised while the script loads is reported at its line")
    func loadError() async throws {
        let result = try await check("local limit = nil + 1\n")
        #expect(result.status == 1)
        #expect(result.lines.first?.hasPrefix("rules.lua:1: attempt to perform arithmetic on a nil value") == true, "\(result.stdout)")
    }

    @Test("a script that cannot be read is a usage error with status 2")
    func missingFile() async throws {
        let result = try await FirmlinkProcess.launch(["rules", "check", "nowhere.lua"], files: [:])
        #expect(result.status == 2)
        #expect(result.stderr.contains("nowhere.lua"), "\(result.stderr)")
    }
}
