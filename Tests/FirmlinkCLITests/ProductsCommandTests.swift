import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

/// `products add|edit|import|pull|push` and `warehouses list|map|import`, run as a seller runs them.
struct ProductsCommandTests {
    /// A seller whose store is the products' source, with no warehouse map in the file.
    static func firminoSeller(mode: String = "firmino") -> (URL) -> String {
        { url in
            var seller = SandboxSellerConfiguration(url: url)
            seller.modules = "orders = false\nwarehouses = true\nproducts = true"
            seller.products = "mode = \"\(mode)\""
            return seller.text
                .replacingOccurrences(of: "map = { bl_1 = 1, bl_2 = 2, bl_3 = 3 }\n", with: "import_new = false\n")
                .replacingOccurrences(of: "countries = { bl_3 = \"DE\" }\n", with: "")
        }
    }

    @Test("warehouses import asks for the countries it needs, makes and maps the warehouses; map moves a link")
    func warehousesImportAndMap() async throws {
        try await SandboxSeller.with(orders: 0, configuration: Self.firminoSeller()) { seller in
            let before = try await seller.json(["warehouses", "list"])
            #expect(before["store"]?.arrayValue == [])
            #expect(before["baselinker"]?.arrayValue?.compactMap { $0["mapped_to"] }.allSatisfy(\.isNull) == true)

            let missing = try await seller.firmlink(["warehouses", "import", "--country", "bl_3=de"])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("no country for bl_1, bl_2: give --country bl_1=PL"), "\(missing.stderr)")

            let imported = try await seller.firmlink(["warehouses", "import", "--country", "bl_1=PL", "--country", "bl_2=pl", "--country", "bl_3=de"])
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.lines == [
                "bl_1 → store warehouse 1 (Magazyn główny, PL), the default",
                "bl_2 → store warehouse 2 (Magazyn Poznań, PL)",
                "bl_3 → store warehouse 3 (Lager Berlin, DE)",
            ])
            let again = try await seller.firmlink(["warehouses", "import"])
            #expect(again.stdout.contains("nothing to import"))

            let text = try await seller.firmlink(["warehouses", "list"])
            #expect(text.stdout.contains("bl_2       Magazyn Poznań              2 Magazyn Poznań"), "\(text.stdout)")

            let moved = try await seller.firmlink(["warehouses", "map", "bl_2", "1"])
            #expect(moved.status == 0, "\(moved.stderr)")
            #expect(moved.lines == [
                "bl_2 → store warehouse 1 (Magazyn główny, PL).",
                "Store warehouse 2 (Magazyn Poznań) is no longer linked to bl_2.",
                "bl_1 is no longer mapped (firmlink warehouses list).",
            ])
            let unknown = try await seller.firmlink(["warehouses", "map", "bl_9", "1"])
            #expect(unknown.status == 2 && unknown.stderr.contains("BaseLinker has no warehouse bl_9"), "\(unknown.stderr)")
            let after = try await seller.json(["warehouses", "list"])
            #expect(after["baselinker"]?.arrayValue?.map { $0["mapped_to"]?.integer } == [nil, 1, 3, nil])
            let offline = try await seller.json(["warehouses", "list", "--offline"])
            #expect(offline["baselinker"]?.isNull == true && offline["store"]?.arrayValue?.count == 3)
        }
    }

    @Test("warehouses import at a terminal asks the country of each warehouse it makes, Enter taking the seller's")
    func warehousesImportAsks() async throws {
        try await SandboxSeller.with(orders: 0, configuration: Self.firminoSeller()) { seller in
            let terminal = try PseudoTerminal(
                ["warehouses", "import", "--country", "bl_2=PL"], in: seller.folder.url,
                environment: ["BASELINKER_TOKEN": SandboxSeller.token])
            try await terminal.expect("Country of bl_1 (Magazyn główny) [PL]")
            terminal.type("")
            try await terminal.expect("Country of bl_3 (Lager Berlin) [PL]")
            terminal.type("Niemcy")
            try await terminal.expect("a two-letter country code, such as PL or DE")
            terminal.type("de")
            try await terminal.expect("bl_3 → store warehouse 3 (Lager Berlin, DE)")
            #expect(try await terminal.wait() == 0)
            let listed = try await seller.json(["warehouses", "list", "--offline"])
            #expect(listed["store"]?.arrayValue?.compactMap { $0["country"]?.stringValue } == ["PL", "PL", "DE"])
        }
    }

    @Test("products add, edit and import make and change cards, and say what changed")
    func addEditImport() async throws {
        try await SandboxSeller.with(orders: 0, configuration: Self.firminoSeller()) { seller in
            _ = try await seller.firmlink(["warehouses", "import", "--country", "bl_1=PL", "--country", "bl_2=PL", "--country", "bl_3=DE"])
            let added = try await seller.firmlink(["products", "add", "--name", "Kubek 300 ml", "--sku", "KUB-300", "--vat", "23", "--price", "29,90", "--stock", "1=40"])
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.lines == ["Product 1 added: Kubek 300 ml", "    stock warehouse 1: 0 → 40", "The next sync sends it to BaseLinker."])

            let edited = try await seller.firmlink(["products", "edit", "1", "--price", "34.90", "--stock", "1=38"])
            #expect(edited.lines.prefix(3) == ["Product 1 changed: Kubek 300 ml", "    price_gross: 29.90 → 34.90", "    stock warehouse 1: 40 → 38"])
            let bad = try await seller.firmlink(["products", "edit", "1", "--vat", "22"])
            #expect(bad.status == 2 && bad.stderr.contains("product 1: vat_rate: '22' is not a VAT rate"), "\(bad.stderr)")
            let none = try await seller.firmlink(["products", "edit", "7", "--price", "1"])
            #expect(none.status == 2 && none.stderr.contains("there is no product 7"), "\(none.stderr)")

            try seller.folder.write("cards.csv", "sku;name;price_gross;vat_rate;stock:2\nKUB-300;;35,90;;\nTAL-1;Talerz;19,99;8;5\nMIS-1;Miska;abc;8;\n")
            let refused = try await seller.firmlink(["products", "import", "cards.csv"])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("cards.csv: line 4: price_gross: 'abc' is not an amount"), "\(refused.stderr)")
            #expect(refused.stderr.contains("1 bad row; nothing was imported"), "\(refused.stderr)")
            #expect(try await seller.json(["products", "list"]).arrayValue?.count == 1)

            let skipped = try await seller.firmlink(["products", "import", "cards.csv", "--skip-bad"])
            #expect(skipped.status == 1)
            #expect(skipped.stdout.contains("added product 2: Talerz"))
            #expect(skipped.stdout.contains("changed product 1: Kubek 300 ml\n    price_gross: 34.90 → 35.90"), "\(skipped.stdout)")
            #expect(skipped.stdout.contains("1 added, 1 changed, 0 unchanged, 1 skipped"))
            #expect(skipped.stderr.contains("line 4: price_gross"))
            let rows = (1...25).map { "B-\($0);Zły \($0);x;8;" }.joined(separator: "\n")
            try seller.folder.write("bad.csv", "sku;name;price_gross;vat_rate;stock:2\n" + rows + "\n")
            let flood = try await seller.firmlink(["products", "import", "bad.csv"])
            #expect(flood.stderr.split(separator: "\n").count == 22, "20 rows, the rest counted, the verdict: \(flood.stderr)")
            #expect(flood.stderr.contains("bad.csv: … and 5 more rows like these"))
            let stock = try await seller.json(["stock"])
            #expect(stock.arrayValue?.contains { $0["product_id"]?.integer == 2 && $0["warehouse_id"]?.integer == 2 && $0["quantity"]?.integer == 5 } == true)
        }
    }

    @Test("products pull and push refuse the direction that would overwrite the source, and plan before they do")
    func pullAndPush() async throws {
        try await SandboxSeller.with(orders: 0, configuration: Self.firminoSeller()) { seller in
            let pull = try await seller.firmlink(["products", "pull", "--dry-run"])
            #expect(pull.status == 2 && pull.stderr.contains("mode = \"firmino\" makes the store the source"), "\(pull.stderr)")
        }
        try await SandboxSeller.with(orders: 0, configuration: Self.firminoSeller(mode: "baselinker")) { seller in
            let push = try await seller.firmlink(["products", "push"])
            #expect(push.status == 2 && push.stderr.contains("mode = \"baselinker\" makes BaseLinker the source"), "\(push.stderr)")
        }
        try await SandboxSeller.with(orders: 0, configuration: Self.firminoSeller(mode: "manual")) { seller in
            let count = await seller.sandbox.account.products().reduce(0) { $0 + max(1, $1.variants.count) }
            let plan = try await seller.firmlink(["products", "pull", "--dry-run"])
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stdout.hasPrefix("Dry run: nothing was written or sent."))
            #expect(plan.stdout.contains("Products created                \(count)"), "\(plan.stdout)")
            #expect(plan.stdout.contains("    price_gross: "))
            #expect(try await seller.firmlink(["products", "list"]).status == 2, "a dry run makes no store")

            let pulled = try await seller.json(["products", "pull"])
            #expect(pulled["products"]?["created"]?.integer == Int64(count))
            _ = try await seller.firmlink(["products", "add", "--name", "Nowy", "--sku", "NEW-1", "--price", "5"])
            let pushPlan = try await seller.firmlink(["products", "push", "--dry-run"])
            #expect(pushPlan.stdout.contains("created product \(count + 1) (BaseLinker new): Nowy"), "\(pushPlan.stdout)")
            let productCount = await seller.sandbox.account.products().count
            #expect(!(await seller.sandbox.account.products().contains { $0.sku == "NEW-1" }))
            let pushed = try await seller.json(["products", "push"])
            #expect(pushed["products"]?["pushed"]?.integer == 1)
            #expect(await seller.sandbox.account.products().count == productCount + 1)
            #expect(await seller.sandbox.account.products().contains { $0.sku == "NEW-1" && $0.name == "Nowy" })
        }
    }
}
