import BaseLinkerModels
import BaseLinkerSandbox
import FirminoStore
import Foundation
import Testing

/// `firmlink init`: the wizard answered at a real terminal, the same answers as flags with
/// `--non-interactive`, and what it refuses — no terminal, an existing file, a wrong token, a
/// bad NIP, a status the account does not have.
@Suite("firmlink init")
struct InitCommandTests {
    /// The number the wizard shows for a status, read off the terminal's list.
    func number(of status: String, in screen: String) throws -> String {
        let pattern = try NSRegularExpression(pattern: #"(\d+): \#(NSRegularExpression.escapedPattern(for: status)) \("#)
        guard let match = pattern.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)),
              let range = Range(match.range(at: 1), in: screen)
        else { throw CLITestError("\(status) is not in the list:\n\(screen)") }
        return String(screen[range])
    }

    /// Waits for each prompt in turn and types its answer (nil: only waits for it).
    func converse(
        _ terminal: PseudoTerminal, _ dialogue: [(prompt: String, answer: String?)], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for (prompt, answer) in dialogue {
            try await terminal.expect(prompt, sourceLocation: sourceLocation)
            if let answer { terminal.type(answer) }
        }
    }

    @Test("the wizard at a terminal: the token hidden and checked, statuses from the account, a bad NIP asked again, the file written and the first sync run with progress")
    func wizardAtATerminal() async throws {
        try await EmptyShop.with { shop in
            let terminal = try PseudoTerminal(["init"], in: shop.folder.url)
            try await converse(terminal, [
                ("BaseLinker's API address", nil), ("> ", shop.url.absoluteString),
                ("Requests per minute at most", nil), ("[0]", ""),  // a local sandbox needs no limit
            ])

            // A wrong token first: BaseLinker's refusal is said, and the wizard asks again.
            try await terminal.expect("API token")
            try await terminal.waitForHiddenInput()
            terminal.type("not-the-token")
            try await converse(terminal, [("did not accept the token", nil), ("Type it again.", nil), ("API token", nil)])
            try await terminal.waitForHiddenInput()
            terminal.type(SandboxSeller.token)
            try await converse(terminal, [
                ("BaseLinker accepted the token: 7 order statuses, 3 warehouses.", nil),
                ("Where should the token be kept?", nil), ("Your choice [1]", "2"),

                ("Step 1 of 5: modules", nil), ("Orders:", ""), ("Products:", ""), ("Warehouses:", "y"),
                ("Step 2 of 5: orders", nil),
            ])
            let list = try await terminal.expect("Which statuses may a sync take?")
            let new = try number(of: "Nowe zamówienia", in: list)
            let toShip = try number(of: "Do wysłania", in: list)
            let issued = try number(of: "Dokument wystawiony", in: list)
            let problem = try number(of: "Problem z zamówieniem", in: list)
            try await converse(terminal, [
                ("> ", "99"), ("give numbers from 1 to 7", "\(new), \(toShip)"),
                ("Take orders confirmed from which day", "1 November"), ("a day written YYYY-MM-DD", "2026-11-01"),
                ("The default document:", nil), ("Your choice [1]", ""),
            ] + ["Choose the document by itself", "Send invoices to BaseLinker", "Link order lines", "Link buyers"].map { ($0, "") } + [
                ("once its document is issued", issued), ("could not be processed", problem),

                ("Step 3 of 5: products", nil), ("The products module is off", nil),
                ("Step 4 of 5: warehouses", nil), ("bl_1 Magazyn główny becomes store warehouse 1", ""),
                ("bl_2 Magazyn Poznań becomes store warehouse 2", ""), ("bl_3 Lager Berlin becomes store warehouse 3", "de"),
                ("Make a store warehouse for a BaseLinker warehouse added later?", ""),

                ("Step 5 of 5", nil), ("Company name", "Sklep Próbny sp. z o.o."), ("Country (two letters) [PL]", ""),
                ("NIP", "5260001247"), ("5260001247 is not a valid NIP", "526-000-12-46"), ("Street and number", "ul. Krzywa 7"),
                ("Postcode", "60-001"), ("City", "Poznań"), ("Timezone [Europe/Warsaw]", ""),

                ("Wrote ", nil), ("the token is in it, and the file is private (chmod 600)", nil), ("Run the first sync now? [Y/n]", ""),
                ("Orders decided: ", nil), ("Sent to BaseLinker: ", nil), ("Sync finished.", nil), ("firmlink status", nil),
            ])
            let status = try await terminal.wait()
            #expect(status == 1, "the sandbox holds an order with nothing to issue, so the first sync says 1")

            let screen = terminal.text
            #expect(!screen.contains(SandboxSeller.token), "the token never reaches the terminal")
            #expect(!screen.contains("not-the-token"), "nor does a wrong one")
            #expect(screen.contains("\u{1B}[2K"), "the progress line is drawn again in place on a terminal")

            // The file: private (it holds the token), the answers as keys, and it loads.
            let attributes = try FileManager.default.attributesOfItem(atPath: shop.configPath)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let file = try String(contentsOfFile: shop.configPath, encoding: .utf8)
            #expect(file.contains("statuses = [1001, 1002]"), "\(file)")
            #expect(file.contains("status_after = 1006"), "\(file)")
            #expect(file.contains("status_failed = 1007"), "\(file)")
            #expect(file.contains(#"countries = { bl_1 = "PL", bl_2 = "PL", bl_3 = "DE" }"#), "\(file)")
            #expect(file.contains(#"tax_id = "526-000-12-46""#), "\(file)")
            #expect(file.contains("# "), "the file explains its keys")

            // Without BASELINKER_TOKEN: the token is read from the private file.
            let listing = try await shop.firmlink(["documents", "list", "--json"])
            #expect(listing.status == 0, "\(listing.stderr)")
            let documents = try #require(try listing.json().arrayValue)
            #expect(!documents.isEmpty, "the first sync issued documents")
            let again = try await shop.firmlink(["sync", "--dry-run"])
            #expect(again.status <= 1, "the written file syncs without BASELINKER_TOKEN: \(again.stderr)")
        }
    }

    @Test("the wizard at a terminal with products from the store: the token from the environment and left there, the products mode and the stock push asked, and the file syncs")
    func wizardWithProducts() async throws {
        try await EmptyShop.with { shop in
            let terminal = try PseudoTerminal(["init"], in: shop.folder.url, environment: ["BASELINKER_TOKEN": SandboxSeller.token])
            try await converse(terminal, [
                ("BaseLinker's API address", nil), ("> ", shop.url.absoluteString), ("Requests per minute at most", ""),
                ("BASELINKER_TOKEN is set in this shell: use that token?", ""), ("BaseLinker accepted the token", nil),
                ("Where should the token be kept?", nil), ("Your choice [1]", ""),
                ("Orders:", ""), ("Products:", "y"), ("Warehouses:", "y"),
            ])
            let list = try await terminal.expect("Which statuses may a sync take?")
            let firstSync = try number(of: "Nowe zamówienia", in: list)
            try await converse(terminal, [("> ", firstSync), ("Take orders confirmed from which day", "2026-11-01"), ("The default document:", "")]
                + ["Choose the document by itself", "Send invoices to BaseLinker", "Link order lines", "Link buyers",
                   "once its document is issued", "could not be processed"].map { ($0, "") }
                + [("Which side is the source of product data?", nil), ("Your choice [1]", "2")]
                + Array(repeating: ("Its country (two letters)?", ""), count: 3)
                + [("Make a store warehouse for a BaseLinker warehouse added later?", ""),
                   ("Send the store's stock levels to BaseLinker after each sync?", "y"),
                   ("Company name", "Sklep Próbny sp. z o.o."), ("Country (two letters) [PL]", ""), ("NIP", "5260001246"),
                   ("Street and number", "ul. Krzywa 7"), ("Postcode", "60-001"), ("City", "Poznań"), ("Timezone", ""),
                   ("the token is not in it: keep BASELINKER_TOKEN set", nil), ("Run the first sync now? [Y/n]", "n")])
            #expect(try await terminal.wait() == 0)
            #expect(!terminal.text.contains(SandboxSeller.token))

            let file = try String(contentsOfFile: shop.configPath, encoding: .utf8)
            #expect(!file.contains(SandboxSeller.token) && !file.contains("token ="), "\(file)")
            #expect(file.contains("products = true") && file.contains(#"mode = "firmino""#) && file.contains("push_stock = true"), "\(file)")
            let sync = try await shop.firmlink(["sync", "--json"], environment: ["BASELINKER_TOKEN": SandboxSeller.token])
            #expect(sync.status <= 1, "\(sync.stderr)")
            let summary = try sync.json()
            #expect(summary["modules"] == ["warehouses", "products", "orders"], "\(summary)")
            #expect((summary["products"]?["created"]?.integer ?? 0) > 0, "the first sync links BaseLinker's products: \(summary)")
        }
    }

    @Test("without a terminal and without --non-interactive it says so and exits 2, writing nothing")
    func noTerminal() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try await FirmlinkProcess.launch(["init"], in: folder.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("terminal") && result.stderr.contains("--non-interactive"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("firmlink.toml").path))
    }

    @Test("--non-interactive takes every answer as a flag, writes a file that loads, and runs the first sync with plain progress lines")
    func nonInteractive() async throws {
        try await EmptyShop.with { shop in
            let result = try await shop.firmlink(
                shop.answers + ["--first-sync"], environment: ["BASELINKER_TOKEN": SandboxSeller.token])
            #expect(result.status == 1, "an order with nothing to issue fails: \(result.stderr)")
            #expect(!result.output.contains(SandboxSeller.token))
            #expect(result.stdout.contains("Sync finished."), "\(result.stdout)")
            #expect(result.stdout.contains("Documents issued"), "\(result.stdout)")
            // Standard error is no terminal: plain lines, one per phase, nothing drawn again.
            // Read and decided a page at a time: one phase for both.
            #expect(result.stderr.contains("Orders decided: "), "\(result.stderr)")
            #expect(!result.stderr.contains("\u{1B}["), "no terminal commands on a pipe: \(result.stderr)")

            let file = try String(contentsOfFile: shop.configPath, encoding: .utf8)
            #expect(file.contains("statuses = [1001, 1002]"), "names and ids resolved to ids: \(file)")
            #expect(file.contains("status_after = 1006") && file.contains("status_failed = 1007"), "\(file)")
            #expect(file.contains("map = { bl_1 = 1, bl_2 = 2, bl_3 = 3 }"), "\(file)")
            #expect(!file.contains(SandboxSeller.token), "the token stays in the environment")
            #expect(file.contains("requests_per_minute = 0"), "a local sandbox needs no limit: \(file)")

            // The store is as the configuration says: bl_3's warehouse is in Germany.
            let warehouses = try await shop.firmlink(["warehouses", "list", "--json"])
            let rows = try #require(try warehouses.json()["store"]?.arrayValue)
            let berlin = try #require(rows.first { $0["baselinker_warehouse"]?.stringValue == "bl_3" }, "\(rows)")
            #expect(berlin["country"]?.stringValue == "DE")
        }
    }

    @Test("without the orders module no order answer is needed, and the file written still loads")
    func withoutOrders() async throws {
        try await EmptyShop.with { shop in
            let result = try await shop.firmlink(
                ["init", "--non-interactive", "--url", shop.url.absoluteString, "--modules", "warehouses"],
                environment: ["BASELINKER_TOKEN": SandboxSeller.token])
            #expect(result.status == 0, "\(result.stderr)")
            let file = try String(contentsOfFile: shop.configPath, encoding: .utf8)
            #expect(file.contains("orders = false"), "\(file)")
            #expect(file.contains("# from = "), "the start date is left for later: \(file)")
            let listed = try await shop.firmlink(["warehouses", "list"], environment: ["BASELINKER_TOKEN": SandboxSeller.token])
            #expect(!listed.stderr.contains("firmlink.toml:"), "the file loads: \(listed.stderr)")
        }
    }

    @Test("an existing file is replaced only with --force")
    func existingFile() async throws {
        try await EmptyShop.with { shop in
            try shop.folder.write("firmlink.toml", "# mine\n")
            let token = ["BASELINKER_TOKEN": SandboxSeller.token]
            let refused = try await shop.firmlink(shop.answers, environment: token)
            #expect(refused.status == 2, "\(refused.stderr)")
            #expect(refused.stderr.contains("exists already") && refused.stderr.contains("--force"), "\(refused.stderr)")
            #expect(try String(contentsOfFile: shop.configPath, encoding: .utf8) == "# mine\n")

            let forced = try await shop.firmlink(shop.answers + ["--force"], environment: token)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try String(contentsOfFile: shop.configPath, encoding: .utf8).contains("[orders]"))
        }
    }

    @Test("--non-interactive refuses what it cannot use, saying where", arguments: [
        (["--statuses"], "--statuses: the account has no status Wysłano; it has 1001 Nowe zamówienia"),
        (["--seller-tax-id"], "--seller-tax-id: 1234567890 is not a valid NIP"),
        (["--map"], "--map bl_9=1: the account has no warehouse bl_9"),
        (["--from"], "--from: 2026-13-01 is not a day"),
        (["drop --seller-city"], "--non-interactive needs every answer: give --seller-city"),
    ])
    func refusals(change: [String], message: String) async throws {
        try await EmptyShop.with { shop in
            var arguments = shop.answers
            switch change[0] {
            case "--statuses": arguments[arguments.firstIndex(of: "--statuses")! + 1] = "Wysłano"
            case "--seller-tax-id": arguments[arguments.firstIndex(of: "--seller-tax-id")! + 1] = "1234567890"
            case "--map": arguments[arguments.firstIndex(of: "bl_1=1")!] = "bl_9=1"
            case "--from": arguments[arguments.firstIndex(of: "2026-11-01")!] = "2026-13-01"
            default:
                let index = arguments.firstIndex(of: "--seller-city")!
                arguments.removeSubrange(index...(index + 1))
            }
            let result = try await shop.firmlink(arguments, environment: ["BASELINKER_TOKEN": SandboxSeller.token])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: shop.configPath), "nothing is written")
        }
    }

    @Test("a token BaseLinker refuses, or none, ends --non-interactive with 2, and the token never shows")
    func badToken() async throws {
        try await EmptyShop.with { shop in
            let wrong = "blt-wrong-0123456789abcdef"
            let refused = try await shop.firmlink(shop.answers, environment: ["BASELINKER_TOKEN": wrong])
            #expect(refused.status == 2, "\(refused.stderr)")
            #expect(refused.stderr.contains("did not accept the token"), "\(refused.stderr)")
            #expect(!refused.output.contains(wrong))

            let none = try await shop.firmlink(shop.answers)
            #expect(none.status == 2)
            #expect(none.stderr.contains("set BASELINKER_TOKEN"), "\(none.stderr)")
            #expect(!FileManager.default.fileExists(atPath: shop.configPath))
        }
    }

    @Test("without a configuration file, a command points to firmlink init")
    func missingFilePointsToInit() async throws {
        let result = try await FirmlinkProcess.launch(["sync"], files: [:])
        #expect(result.status == 2)
        #expect(result.stderr.contains("firmlink.toml: no such file; firmlink init writes one"), "\(result.stderr)")
    }
}
