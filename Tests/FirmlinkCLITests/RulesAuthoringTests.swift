import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

/// Writing rules: `rules init` starts a script that changes nothing, a global function that is
/// not a hook is refused everywhere rules run, and the walk-through of docs/rules.md works from
/// an empty folder to a dry-run sync.
struct RulesAuthoringTests {
    static let misspelt = """
        function documnet_type(order, ctx)
          return "invoice"
        end
        """
    static let message = "rules.lua:1: documnet_type: not a hook; did you mean document_type?"

    @Test("rules test fails every case of a script with an unknown global function, with the same message")
    func rulesTestRefuses() async throws {
        let cases = """
            name: first
            order: { order_id: 1, order_status_id: 1001, date_confirmed: 1794000000, delivery_fullname: Anna,
                     products: [{ name: Kubek, price_brutto: 10, tax_rate: 23, quantity: 1 }] }
            expect: { accepted: true }
            ---
            name: second
            order: { order_id: 2, order_status_id: 1001, date_confirmed: 1794000000, delivery_fullname: Anna,
                     products: [{ name: Kubek, price_brutto: 10, tax_rate: 23, quantity: 1 }] }
            expect: { accepted: true }
            """
        let result = try await FirmlinkProcess.launch(
            ["rules", "test", "tests", "--rules", "rules.lua"], files: ["rules.lua": Self.misspelt, "tests/cases.yaml": cases])
        #expect(result.status == 1)
        #expect(result.lines.filter { $0.hasPrefix("    \(Self.message)") }.count == 2, "\(result.stdout)")
        #expect(result.lines.last == "0 passed, 2 failed")
    }

    @Test("a sync with an unknown global function in its rules exits with 2 before asking BaseLinker anything")
    func syncRefuses() async throws {
        try await SandboxSeller.with(orders: 4, configuration: { url in
            sandboxConfiguration(url: url, extra: "[rules]\nscript = \"rules.lua\"\n")
        }) { seller in
            try seller.folder.write("rules.lua", Self.misspelt)
            let result = try await seller.firmlink(["sync"])
            #expect(result.status == 2, "\(result.output)")
            #expect(result.stderr.contains(Self.message), "\(result.stderr)")
            #expect(result.stderr.contains("local function documnet_type"), "\(result.stderr)")
            #expect(await seller.sandbox.stats.totalRequests == 0)
        }
    }

    @Test("rules explain refuses it too, with status 2")
    func explainRefuses() async throws {
        let result = try await FirmlinkProcess.launch(
            ["rules", "explain", "--order", "order.json", "--rules", "rules.lua"],
            files: ["rules.lua": Self.misspelt, "order.json": RulesExplainCommandTests.order])
        #expect(result.status == 2)
        #expect(result.stderr.contains(Self.message), "\(result.stderr)")
    }

    @Test("rules init writes a rules.lua that checks clean, cases that pass, and the editor's definitions")
    func initWritesAStarter() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try await FirmlinkProcess.launch(["rules", "init"], in: folder.url)
        #expect(result.status == 0, "\(result.output)")
        for file in ["rules.lua", "tests/document_type.yaml", "tests/linking.yaml", "types/firmlink.lua", ".luarc.json"] {
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(file).path), "\(file)")
            #expect(result.stdout.contains("wrote \(file)"), "\(result.stdout)")
        }
        let check = try await FirmlinkProcess.launch(["rules", "check", "rules.lua"], in: folder.url)
        #expect(check.stdout == "rules.lua: ok (defines every hook)\n", "\(check.output)")
        let test = try await FirmlinkProcess.launch(["rules", "test", "tests"], in: folder.url)
        #expect(test.status == 0, "\(test.output)")
        #expect(test.lines.last == "5 passed, 0 failed", "\(test.stdout)")
        // The definitions are Lua an editor reads; they compile and run in the bare sandbox.
        let definitions = try await FirmlinkProcess.launch(["run", "types/firmlink.lua"], in: folder.url)
        #expect(definitions.status == 0, "\(definitions.output)")
        let luarc = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent(".luarc.json")))
        #expect((luarc as? [String: Any])?["workspace.library"] as? [String] == ["types"])
    }

    @Test("rules init names the files it would overwrite and writes nothing; --force overwrites them")
    func initRefusesToOverwrite() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shop/rules.lua", "-- mine\n")
        try folder.write("shop/tests/linking.yaml", "# mine\n")
        let refused = try await FirmlinkProcess.launch(["rules", "init", "shop"], in: folder.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("shop/rules.lua, shop/tests/linking.yaml exist already"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("shop/rules.lua"), encoding: .utf8) == "-- mine\n")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("shop/types/firmlink.lua").path))

        let forced = try await FirmlinkProcess.launch(["rules", "init", "shop", "--force"], in: folder.url)
        #expect(forced.status == 0, "\(forced.output)")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("shop/rules.lua"), encoding: .utf8).contains("defaults.accept_order"))
    }

    /// docs/rules.md, "Writing rules", step by step.
    @Test("the walk-through: init, edit a hook, check, test, fix the case, and a dry-run sync with the new rule")
    func walkThrough() async throws {
        try await SandboxSeller.with(orders: 24) { seller in
            let before = try await seller.json(["sync", "--dry-run"], statuses: [0, 1])
            #expect((before["orders"]?["documents"]?["receipt"]?.integer ?? 0) > 0, "the sandbox has consumers who get receipts")

            #expect(try await seller.firmlink(["rules", "init"]).status == 0)
            let rules = seller.folder.url.appendingPathComponent("rules.lua")
            let written = try String(contentsOf: rules, encoding: .utf8)
            let original = "function document_type(order, ctx)\n  return defaults.document_type(order, ctx)\nend"
            #expect(written.contains(original))
            try written.replacingOccurrences(of: original, with: """
                function document_type(order, ctx)
                  local type, reason = defaults.document_type(order, ctx)
                  if type == "receipt" then
                    ctx.log("an invoice instead of a receipt")
                    return "invoice"
                  end
                  return type, reason
                end
                """).write(to: rules, atomically: true, encoding: .utf8)

            let check = try await seller.firmlink(["rules", "check", "rules.lua"])
            #expect(check.status == 0 && check.stdout == "rules.lua: ok (defines every hook)\n", "\(check.output)")

            let failing = try await seller.firmlink(["rules", "test", "tests"])
            #expect(failing.status == 1)
            #expect(failing.lines.contains { $0.hasPrefix("✗ a Polish consumer gets a receipt") }, "\(failing.stdout)")
            #expect(failing.lines.contains("    document_type: expected receipt, got invoice"), "\(failing.stdout)")
            #expect(failing.lines.last == "4 passed, 1 failed")

            let cases = seller.folder.url.appendingPathComponent("tests/document_type.yaml")
            let text = try String(contentsOf: cases, encoding: .utf8)
            try text.replacingOccurrences(of: "name: a Polish consumer gets a receipt", with: "name: a Polish consumer gets an invoice")
                .replacingOccurrences(of: "  document_type: receipt\n", with: "  document_type: invoice\n")
                .write(to: cases, atomically: true, encoding: .utf8)
            let passing = try await seller.firmlink(["rules", "test", "tests"])
            #expect(passing.status == 0, "\(passing.stdout)")
            #expect(passing.lines.last == "5 passed, 0 failed")

            let configuration = seller.folder.url.appendingPathComponent("firmlink.toml")
            let toml = try String(contentsOf: configuration, encoding: .utf8)
            try (toml + "\n[rules]\nscript = \"rules.lua\"\n").write(to: configuration, atomically: true, encoding: .utf8)
            let after = try await seller.json(["sync", "--dry-run"], statuses: [0, 1])
            let documents = after["orders"]?["documents"]
            #expect(documents?["receipt"]?.integer == 0, "\(after)")
            #expect((documents?["invoice"]?.integer ?? 0) > (before["orders"]?["documents"]?["invoice"]?.integer ?? 0), "\(after)")
        }
    }
}
