import BaseLinkerModels
import BaseLinkerSandbox
import FirminoStore
import Foundation
import Testing

/// `firmlink run SCRIPT --config FILE [--dry-run] [--json]`: a migration with BaseLinker and the
/// store in reach, its store writes one transaction, and what it changed printed at the end.
struct MigrationCommandTests {
    /// Writes `source` as `migration.lua` in the seller's folder and runs it with the seller's
    /// configuration and `options`.
    func migrate(_ seller: SandboxSeller, _ source: String, _ options: [String] = []) async throws -> FirmlinkProcess.Result {
        try seller.folder.write("migration.lua", source)
        return try await seller.firmlink(["run", "migration.lua", "--config", "firmlink.toml"] + options)
    }

    func store(_ seller: SandboxSeller) -> String { seller.folder.url.appendingPathComponent("firmlink.sqlite").path }

    /// The sandbox seller's configuration with BaseLinker's limit at two requests a minute and
    /// `[rules] timeout_ms` at `timeout`.
    static func limited(timeout: Int) -> (URL) -> String {
        { url in
            sandboxConfiguration(url: url, extra: "[rules]\ntimeout_ms = \(timeout)\n")
                .replacingOccurrences(of: "requests_per_minute = 0 ", with: "requests_per_minute = 2 ")
        }
    }

    @Test("the store API reads and writes in one transaction, and the JSON lists every change by kind")
    func storeReadsAndWrites() async throws {
        try await SandboxSeller.with(orders: 2) { seller in
            let script = """
                local w = store.add_warehouse{ name = "Magazyn Gdańsk", country = "pl", baselinker_warehouse = "bl_9" }
                local w2 = store.add_warehouse{ name = "Magazyn Poznań" }
                local p = store.add_product{ name = "Kubek 300 ml", sku = "KUB-1", price_gross = "29.99", vat_rate = 23 }
                store.update_product(p, { ean = "5901234123457" })
                store.update_product(p, { ean = "5901234123457" })
                store.link_product(p, 7001)
                local c = store.add_contractor{ name = "ACME GmbH", tax_id = "DE123456789", country = "DE" }
                store.update_contractor(c, { city = "Berlin" })
                store.update_warehouse(w, { name = "Gdańsk" })
                store.update_warehouse(w2, { default = true })
                assert(store.move_stock(p, w, 5, "counted") == 5)
                assert(store.move_stock(p, w, -2, "broken") == 3)
                local product = store.product(p)
                assert(product.ean == "5901234123457" and product.price_gross == "29.99" and product.vat_rate == "23")
                assert(product.baselinker_product_id == 7001 and product.sku == "KUB-1")
                assert(store.contractor(c).city == "Berlin" and #store.contractors() == 1 and #store.products() == 1)
                local found = {}
                for _, warehouse in ipairs(store.warehouses()) do found[warehouse.id] = warehouse end
                assert(found[w].name == "Gdańsk" and found[w].baselinker_warehouse == "bl_9" and found[w].country == "PL")
                assert(found[w2].default and not found[w].default and found[w2].baselinker_warehouse == nil)
                assert(#store.stock() == 1 and store.stock()[1].quantity == 3)
                assert(#store.documents() == 0 and #store.documents{ type = "invoice", from = "2026-01-01" } == 0)
                local function fails(f) print(select(2, pcall(f))) end
                fails(function() store.update_product(p, { eans = "1" }) end)
                fails(function() store.link_product(p, 7001, 12) end)
                fails(function() store.add_product{ sku = "X" } end)
                fails(function() store.move_stock(999, w, 1, "x") end)
                fails(function() store.documents{ type = "paragon" } end)
                fails(function() store.add_product{ name = "Kubek 2", baselinker_product_id = 7001 } end)
                """
            let dry = try await migrate(seller, script, ["--dry-run", "--json"])
            #expect(dry.status == 0, "\(dry.output)")
            #expect(!FileManager.default.fileExists(atPath: store(seller)), "a dry run on a new store leaves no file behind")

            let result = try await migrate(seller, script, ["--json"])
            #expect(result.status == 0, "\(result.output)")
            // With --json the script's print goes to standard error.
            let printed = result.stderr.split(separator: "\n").map(String.init)
            #expect(printed == [
                "migration.lua:24: store.update_product: there is no field 'eans'; the fields are name, sku, ean, unit, "
                    + "vat_rate, price_gross, baselinker_product_id, baselinker_variant_id",
                "migration.lua:25: store.link_product: this store links a product to a BaseLinker product only "
                    + "(baselinker_product_id), not yet to one of its variants; leave the variant id out (or 0)",
                "migration.lua:26: store.add_product: a product needs a name",
                "migration.lua:27: store.move_stock: there is no product with id 999 in the store",
                "migration.lua:28: store.documents: type must be one of receipt, invoice, invoice_wdt, invoice_export, not \"paragon\"",
                "migration.lua:29: store.add_product: BaseLinker product 7001 is already linked to product 1 ('Kubek 300 ml')",
            ], "\(result.stderr)")
            let report = try result.json()
            #expect(report.keys == ["changes", "dry_run", "error", "requests", "store"])
            #expect(report["dry_run"] == false && report["store"] == "committed" && report["error"]?.isNull == true)
            let changes = try #require(report["changes"])
            let counts = Dictionary(uniqueKeysWithValues: changes.keys.map { ($0, changes[$0]?["count"]?.integer ?? -1) })
            #expect(counts == [
                "products_added": 1, "products_updated": 1, "products_linked": 1, "contractors_added": 1,
                "contractors_updated": 1, "warehouses_added": 2, "warehouses_updated": 2, "stock_moved": 2,
                "baselinker_writes": 0,
            ])
            #expect(changes["products_updated"]?["first"]?[0]?["fields"] == ["ean"])
            #expect(changes["warehouses_updated"]?["first"]?[0]?["fields"] == ["name"])
            #expect(changes["warehouses_updated"]?["first"]?[1]?["fields"] == ["default"])
            #expect(changes["stock_moved"]?["first"]?[1] == ["product_id": 1, "warehouse_id": 1, "delta": -2, "reason": "broken"])

            let products = try await seller.json(["products", "list"])
            #expect(products.arrayValue?.count == 1)
            #expect(products[0]?["ean"] == "5901234123457" && products[0]?["baselinker_product_id"] == 7001)
            let stock = try await seller.json(["stock"])
            #expect(stock == [["product_id": 1, "warehouse_id": 1, "quantity": 3]])
        }
    }

    @Test("a script that fails rolls the store back, exits with 1, and lists the BaseLinker writes it sent")
    func failureRollsBack() async throws {
        try await SandboxSeller.with(orders: 2) { seller in
            let order = try #require(await seller.sandbox.account.orders().first)
            let result = try await migrate(seller, """
                store.add_product{ name = "Kubek 300 ml" }
                bl.call("setOrderStatus", { order_id = \(order.id), status_id = 1006 })
                error("stop here")
                """)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("migration.lua:3: stop here"), "\(result.stderr)")
            #expect(result.stdout.contains("products added: 1\n  product 1 Kubek 300 ml\n"), "\(result.stdout)")
            #expect(result.stdout.contains("BaseLinker writes: 1\n  setOrderStatus {\"order_id\":\(order.id),\"status_id\":1006}"),
                    "\(result.stdout)")
            #expect(result.stdout.contains("store: rolled back, nothing of the script's store changes was kept"), "\(result.stdout)")
            #expect(result.stdout.contains("the BaseLinker writes above were sent before the script failed"), "\(result.stdout)")
            #expect(await seller.sandbox.account.order(order.id)?.statusId == 1006, "the write was sent")
            let kept = try Store(path: store(seller))
            defer { try? kept.close() }
            #expect(try kept.read { try $0.products() }.isEmpty)

            let json = try await seller.firmlink(["run", "migration.lua", "--config", "firmlink.toml", "--json"])
            #expect(json.status == 1)
            #expect(try json.json()["error"] == "migration.lua:3: stop here")
            #expect(try json.json()["store"] == "rolled_back")
        }
    }

    @Test("bl.call answers the decoded table, and an ERROR raises a Lua error naming BaseLinker's code")
    func baseLinkerCalls() async throws {
        try await SandboxSeller.with(orders: 2) { seller in
            let caught = try await migrate(seller, """
                local answer = bl.call("getOrderStatusList")
                print(answer.status, #answer.statuses > 0, answer.statuses[1].id)
                local ok, message = pcall(function() return bl.call("setOrderStatus", { order_id = 1, status_id = 1006 }) end)
                print(ok, message)
                """)
            #expect(caught.status == 0, "\(caught.output)")
            #expect(caught.lines.first == "SUCCESS\ttrue\t1001", "\(caught.stdout)")
            #expect(caught.lines.dropFirst().first?.hasPrefix(
                "false\tmigration.lua:3: bl.call: BaseLinker setOrderStatus: ERROR_ORDER_NOT_FOUND") == true, "\(caught.stdout)")

            let uncaught = try await migrate(seller, "bl.call(\"setOrderStatus\", { order_id = 1, status_id = 1006 })\n")
            #expect(uncaught.status == 1)
            #expect(uncaught.stderr.hasPrefix("migration.lua:1: bl.call: BaseLinker setOrderStatus: ERROR_ORDER_NOT_FOUND"),
                    "\(uncaught.stderr)")
        }
    }

    @Test("under --dry-run a method not starting with get is recorded, not sent, and answers SUCCESS with dry_run")
    func dryRunRecordsWrites() async throws {
        try await SandboxSeller.with(orders: 2) { seller in
            let order = try #require(await seller.sandbox.account.orders().first)
            let result = try await migrate(seller, """
                local answer = bl.call("setOrderStatus", { order_id = \(order.id), status_id = 1006 })
                print(answer.status, answer.dry_run, dry_run)
                print(#bl.call("getOrderStatusList").statuses > 0)
                """, ["--dry-run"])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.lines.prefix(2) == ["SUCCESS\ttrue\ttrue", "true"], "\(result.stdout)")
            #expect(result.stdout.contains("BaseLinker writes: 1 (dry run: recorded, not sent)"), "\(result.stdout)")
            #expect(result.lines.last == "store: rolled back (dry run)")
            let stats = await seller.sandbox.stats
            #expect(stats.requests["setOrderStatus", default: 0] == 0)
            #expect(stats.requests["getOrderStatusList", default: 0] == 1)
            #expect(await seller.sandbox.account.order(order.id)?.statusId != 1006)
        }
    }

    @Test("waiting on BaseLinker's request limit does not count against the [rules] deadline")
    func waitingIsNotTheDeadline() async throws {
        try await SandboxSeller.with(orders: 2, configuration: Self.limited(timeout: 400)) { seller in
            // The last run sent two requests 58.5 s ago: the next must wait about 1.5 s for the window.
            try fillRequestWindow(store(seller), secondsAgo: 58.5)
            let started = Date()
            let result = try await migrate(
                seller, "print(bl.call(\"getOrderStatusList\").status)\nwhile true do end\n", ["--instructions", "0"])
            let elapsed = Date().timeIntervalSince(started)
            #expect(result.status == 1)
            #expect(result.stdout.hasPrefix("SUCCESS\n"), "the call came back after its wait: \(result.output)")
            #expect(result.stderr.hasPrefix("migration.lua:2: time limit exceeded (400 ms)"), "\(result.stderr)")
            #expect(elapsed > 1.6, "the deadline was 400 ms; the run took \(elapsed) s")
            #expect(result.stderr.contains("--instructions, --timeout-ms and --memory-mb change them for one run"), "\(result.stderr)")
        }
    }

    @Test("a migration takes the store's writer lock: it is refused while a sync holds it, and refuses a sync")
    func writerLock() async throws {
        try await SandboxSeller.with(orders: 2, configuration: Self.limited(timeout: 10000)) { seller in
            let held = try Store.lockForWriting(path: store(seller))
            let refused = try await migrate(seller, "print(1)\n")
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("is busy: another firmlink process"), "\(refused.stderr)")
            held.release()

            // A migration that waits about 3 s for the request window holds the lock meanwhile.
            try fillRequestWindow(store(seller), secondsAgo: 57)
            let migration = Task { try await migrate(seller, "bl.call(\"getOrderStatusList\")\n") }
            var locked = false
            for _ in 0..<100 where !locked {
                if let lock = try? Store.lockForWriting(path: store(seller)) {
                    lock.release()
                    try await Task.sleep(for: .milliseconds(20))
                } else {
                    locked = true
                }
            }
            #expect(locked, "the migration took the lock")
            let sync = try await seller.firmlink(["sync"])
            #expect(sync.status == 2)
            #expect(sync.stderr.contains("is busy"), "\(sync.stderr)")
            #expect(try await migration.value.status == 0)
        }
    }

    @Test("--dry-run and --json need --config; without it the bare sandbox has no bl, store or ctx")
    func bareSandbox() async throws {
        let files = ["script.lua": "print(bl, store, ctx, dry_run)\n"]
        let bare = try await FirmlinkProcess.launch(["run", "script.lua"], files: files)
        #expect(bare.stdout == "nil\tnil\tnil\tnil\n", "\(bare.output)")
        let dry = try await FirmlinkProcess.launch(["run", "script.lua", "--dry-run"], files: files)
        #expect(dry.status == 2)
        #expect(dry.stderr.contains("--dry-run needs --config"), "\(dry.stderr)")
    }

    /// Keeps two requests made `secondsAgo` in the store's request window, as a run that sent
    /// them would have.
    func fillRequestWindow(_ path: String, secondsAgo: Double) throws {
        let store = try Store(path: path)
        defer { try? store.close() }
        let instant = Date().timeIntervalSince1970 - secondsAgo
        try store.write { try $0.setCursor("baselinker.recent_requests", to: "[\(instant),\(instant)]") }
    }
}

extension JSONValue {
    /// An element of an array (nil past its end, or for anything else).
    subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}
