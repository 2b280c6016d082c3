import BaseLinkerModels
import BaseLinkerSandbox
import FirminoStore
import Foundation
import Testing

/// The examples in `scripts/migrations/`, each run against the sandbox with `--dry-run` (nothing
/// sent, nothing kept) and without (the change made, in BaseLinker or the store).
struct MigrationExampleTests {
    static func example(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("scripts/migrations/\(name)").path
    }

    func products(_ seller: SandboxSeller) throws -> [Product] {
        let store = try Store(path: seller.folder.url.appendingPathComponent("firmlink.sqlite").path)
        defer { try? store.close() }
        return try store.read { try $0.products() }
    }

    @Test("set-status-documented: a dry run sets no status; a run sets Dokument wystawiony on every documented order")
    func setStatusOnDocumentedOrders() async throws {
        // A seller who synced without status_after.
        try await SandboxSeller.with(orders: 24, configuration: { url in
            sandboxConfiguration(url: url, orders: "statuses = \(SandboxSellerConfiguration.defaultStatuses)")
        }) { seller in
            let sync = try await seller.firmlink(["sync"])
            #expect([0, 1].contains(sync.status), "\(sync.output)")
            let store = try Store(path: seller.folder.url.appendingPathComponent("firmlink.sqlite").path)
            let documented = try store.read { try $0.documents() }.compactMap(\.baselinkerOrderId).map { Int($0) }
            try store.close()
            #expect(documented.count > 5)
            func statuses() async -> [Int?] {
                var statuses: [Int?] = []
                for id in documented { statuses.append(await seller.sandbox.account.order(id)?.statusId) }
                return statuses
            }
            let before = await statuses()
            #expect(!before.contains(1006))

            let script = Self.example("set-status-documented.lua")
            let dry = try await seller.json(["run", script, "--config", "firmlink.toml", "--dry-run"])
            let writes = dry["changes"]?["baselinker_writes"]
            #expect(writes?["count"]?.integer == 1, "\(dry)")
            #expect(writes?["first"]?[0]?["method"] == "setOrderStatuses")
            #expect(writes?["first"]?[0]?["sent"] == false)
            let listed = writes?["first"]?[0]?["parameters"]?["order_ids"]?.arrayValue?.compactMap(\.integer) ?? []
            #expect(Set(listed.map { Int($0) }) == Set(documented))
            #expect(await statuses() == before, "a dry run sends no status")
            #expect(await seller.sandbox.stats.requests["setOrderStatuses", default: 0] == 0)

            let run = try await seller.firmlink(["run", script, "--config", "firmlink.toml"])
            #expect(run.status == 0, "\(run.output)")
            #expect(run.lines.first == "orders with a document set to Dokument wystawiony (1006): \(documented.count)", "\(run.stdout)")
            #expect(await statuses() == documented.map { _ in 1006 })
        }
    }

    @Test("relink-by-ean: a dry run links nothing; a run links each product to the inventory product with its EAN")
    func relinkByEAN() async throws {
        try await SandboxSeller.with(orders: 24) { seller in
            let sync = try await seller.firmlink(["sync"])
            #expect([0, 1].contains(sync.status), "\(sync.output)")
            #expect(try products(seller).allSatisfy { $0.baselinkerProductId == nil }, "lines make unlinked products")

            let script = Self.example("relink-by-ean.lua")
            let dry = try await seller.json(["run", script, "--config", "firmlink.toml", "--dry-run"])
            let planned = try #require(dry["changes"]?["products_linked"]?["count"]?.integer)
            #expect(planned > 3, "\(dry)")
            #expect(try products(seller).allSatisfy { $0.baselinkerProductId == nil }, "a dry run keeps nothing")

            let run = try await seller.firmlink(["run", script, "--config", "firmlink.toml"])
            #expect(run.status == 0, "\(run.output)")
            let linked = try products(seller).filter { $0.baselinkerProductId != nil }
            #expect(linked.count == Int(planned))
            #expect(run.stdout.contains("products linked by EAN: \(planned);"), "\(run.stdout)")
            for product in linked {
                let inventory = await seller.sandbox.account.product(Int(product.baselinkerProductId ?? 0))
                #expect(inventory?.ean == product.ean, "product \(product.id) \(product.name)")
            }
            #expect(Set(linked.compactMap(\.baselinkerProductId)).count == linked.count, "one store product per link")
        }
    }

    @Test("fill-missing-eans: a dry run fills nothing; a run fills EANs from the linked product, else the same SKU")
    func fillMissingEANs() async throws {
        try await SandboxSeller.with(orders: 2) { seller in
            let catalog = await seller.sandbox.account.products().filter { !$0.sku.isEmpty && !$0.ean.isEmpty }
            try #require(catalog.count >= 4)
            let store = try Store(path: seller.folder.url.appendingPathComponent("firmlink.sqlite").path)
            try store.write { tx in
                for product in catalog.prefix(3) {  // 1-3: the same SKU in another spelling
                    try tx.insertProduct(ProductFields(name: "Sklep: \(product.name)", sku: " \(product.sku.lowercased()) "))
                }
                // 4: linked, under a SKU of its own; 5: nothing to go by; 6: has an EAN already.
                try tx.insertProduct(ProductFields(name: catalog[3].name, sku: "INNY-1", baselinkerProductId: Int64(catalog[3].id)))
                try tx.insertProduct(ProductFields(name: "Nieznany towar", sku: "BRAK-1"))
                try tx.insertProduct(ProductFields(name: "Z kodem", sku: catalog[0].sku + "-B", ean: "5901234123457"))
            }
            try store.close()

            let script = Self.example("fill-missing-eans.lua")
            let dry = try await seller.json(["run", script, "--config", "firmlink.toml", "--dry-run"])
            #expect(dry["changes"]?["products_updated"]?["count"]?.integer == 4, "\(dry)")
            #expect(dry["changes"]?["products_updated"]?["first"]?[0]?["fields"] == ["ean"])
            #expect(try products(seller).map(\.ean) == [nil, nil, nil, nil, nil, "5901234123457"], "a dry run keeps nothing")

            let run = try await seller.firmlink(["run", script, "--config", "firmlink.toml"])
            #expect(run.status == 0, "\(run.output)")
            #expect(run.lines.first == "EANs filled in: 4; products still without one: 1", "\(run.stdout)")
            #expect(try products(seller).map(\.ean) == catalog.prefix(4).map { Optional($0.ean) } + [nil, "5901234123457"])
        }
    }
}
