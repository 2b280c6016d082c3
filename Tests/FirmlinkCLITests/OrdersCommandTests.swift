import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

/// What a seller does with an order that will not go through, and with a warehouse in the wrong
/// country: `orders list|skip|retry`, `warehouses set-country`, and `rules explain --config`.
struct OrdersCommandTests {
    @Test("orders list shows a failing order's reason, since when and its tries; skip makes the next sync exit 0; retry brings it back")
    func listSkipRetry() async throws {
        // No status_failed: a failing order stays in its selected status and is read again.
        try await SandboxSeller.with(orders: 40, seed: 7, configuration: { url in
            sandboxConfiguration(url: url, orders: #"statuses = ["Nowe zamówienia", "Do wysłania"]"#)
        }) { seller in
            let first = try await seller.firmlink(["sync", "--json"])
            #expect(first.status == 1, "\(first.stderr)")
            let failed = try #require(try first.json()["orders"]?["failed"]?.arrayValue)
            let id = try #require(failed.first?["order_id"]?.integer, "a failing order: \(first.stdout)")
            _ = try await seller.firmlink(["sync"])

            let listed = try await seller.json(["orders", "list", "--failed"])
            let entry = try #require(listed.arrayValue?.first { $0["order_id"]?.integer == id }, "\(listed)")
            #expect(entry.keys == ["kind", "last_seen", "order_id", "reason", "since", "state", "tries"])
            #expect(entry["state"] == "failed" && entry["tries"] == 2 && entry["kind"] == "order_data")
            #expect(entry["reason"]?.stringValue?.contains("nothing to issue") == true)
            let text = try await seller.firmlink(["orders", "list"])
            #expect(text.stdout.contains("\(id)") && text.stdout.contains("failed"), "\(text.stdout)")

            let noReason = try await seller.firmlink(["orders", "skip", "\(id)"])
            #expect(noReason.status == 2 && noReason.stderr.contains("--reason"), "\(noReason.stderr)")
            for failing in failed.compactMap({ $0["order_id"]?.integer }) {
                let skip = try await seller.firmlink(["orders", "skip", "\(failing)", "--reason", "zamówienie testowe"])
                #expect(skip.status == 0, "\(skip.stderr)")
            }
            let third = try await seller.firmlink(["sync", "--json"])
            #expect(third.status == 0, "\(third.stdout)\n\(third.stderr)")
            let setAside = try #require(try third.json()["orders"]?["set_aside"]?.arrayValue)
            #expect(setAside.contains { $0["order_id"]?.integer == id && $0["reason"] == "zamówienie testowe" })
            #expect(try await seller.firmlink(["sync"]).stdout.contains("skipped by hand"))

            #expect(try await seller.firmlink(["orders", "retry", "\(id)"]).status == 0)
            let fourth = try await seller.firmlink(["sync", "--json"])
            #expect(fourth.status == 1)
            #expect(try fourth.json()["orders"]?["failed"]?.arrayValue?.contains { $0["order_id"]?.integer == id } == true)
        }
    }

    @Test("warehouses set-country corrects a warehouse, and refuses one whose country [warehouses] countries sets")
    func setCountry() async throws {
        try await SandboxSeller.with(orders: 10) { seller in
            #expect(try await seller.firmlink(["sync"]).status <= 1)
            let set = try await seller.firmlink(["warehouses", "set-country", "2", "cz"])
            #expect(set.status == 0, "\(set.stderr)")
            #expect(set.stdout.contains("PL → CZ"), "\(set.stdout)")
            let warehouses = try await seller.json(["warehouses", "list"])
            #expect(warehouses["store"]?.arrayValue?.first { $0["id"]?.integer == 2 }?["country"] == "CZ")

            let refused = try await seller.firmlink(["warehouses", "set-country", "3", "PL"])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("[warehouses] countries gives bl_3 the country DE"), "\(refused.stderr)")
            let unknown = try await seller.firmlink(["warehouses", "set-country", "99", "DE"])
            #expect(unknown.status == 2 && unknown.stderr.contains("no warehouse 99"), "\(unknown.stderr)")
        }
    }

    @Test("rules explain --config uses the configured rules, [warehouses] and a copy of the real store, and exits 1 for an order that would fail")
    func explainWithConfiguration() async throws {
        try await SandboxSeller.with(orders: 30, seed: 7, configuration: { url in
            sandboxConfiguration(url: url, extra: "\n[rules]\nscript = \"rules.lua\"\n")
        }) { seller in
            try seller.folder.write("rules.lua", """
                function accept_order(order, ctx)
                  ctx.log("seen by rules.lua")
                  return defaults.accept_order(order, ctx)
                end
                """)
            #expect(try await seller.firmlink(["sync"]).status <= 1)
            let products = try await seller.json(["products", "list"])
            let card = try #require(products.arrayValue?.first)
            let (cardId, cardName) = (try #require(card["id"]?.integer), try #require(card["name"]?.stringValue))
            // A Berlin buyer of a product the real store has, shipped from bl_3, which
            // [warehouses] countries puts in Germany.
            let order = """
                {"order_id": 999001, "order_status_id": 1001, "date_confirmed": 1794000000, "currency": "EUR",
                 "delivery_fullname": "Klara Schmidt", "delivery_country_code": "DE", "delivery_city": "Berlin",
                 "products": [{"name": "\(cardName)", "price_brutto": 20, "tax_rate": 23, "quantity": 1, "warehouse_id": 3}]}
                """
            try seller.folder.write("order.json", order)
            let store = seller.folder.url.appendingPathComponent("firmlink.sqlite")
            let before = try Data(contentsOf: store)
            let result = try await seller.firmlink(["rules", "explain", "--order", "order.json", "--config", "firmlink.toml"])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(result.lines.first?.hasPrefix("order 999001: rules ") == true && result.stdout.contains("rules.lua"), "\(result.stdout)")
            #expect(result.stdout.contains("log: seen by rules.lua"), "\(result.stdout)")
            #expect(result.stdout.contains("line_warehouse → 3"), "\(result.stdout)")
            // Same country as the warehouse: a receipt, not an export invoice.
            #expect(result.stdout.contains("document_type → \"receipt\""), "\(result.stdout)")
            // The real store's products are there: the line links to the existing card.
            #expect(result.stdout.contains("match_product → \(cardId) for"), "\(result.stdout)")
            #expect(try Data(contentsOf: store) == before, "the real store was only read")

            try seller.folder.write("empty.json", #"{"order_id": 999002, "order_status_id": 1001, "date_confirmed": 1794000000, "products": []}"#)
            let failing = try await seller.firmlink(["rules", "explain", "--order", "empty.json", "--config", "firmlink.toml"])
            #expect(failing.status == 1, "\(failing.stdout)\n\(failing.stderr)")
            #expect(failing.stdout.contains("failed: the order has no lines and free delivery"), "\(failing.stdout)")
        }
    }
}
