import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

/// What a seller reads after a real sync (docs/json.md): `documents list|show|pdf`, `stock`,
/// `products list` and `warehouses list`, their JSON shapes and their agreement with each other.
struct StoreCommandsTests {
    static let documentKeys = [
        "baselinker_order_id", "contractor_id", "currency", "id", "issue_date", "lines", "number", "total_gross",
        "total_net", "total_vat", "type",
    ]
    static let lineKeys = ["name", "price_gross", "product_id", "quantity", "vat_rate", "warehouse_id"]

    /// `"123.45"` in minor units; nil for anything else (a number, `"123.4"`, `"1,00"`).
    func cents(_ value: JSONValue?) -> Int64? {
        guard let text = value?.stringValue, text.wholeMatch(of: /-?\d+\.\d\d/) != nil else { return nil }
        return Int64(text.replacingOccurrences(of: ".", with: ""))
    }

    /// A synced seller: the summary of its first sync and its `documents list --json`.
    func withSyncedSeller(
        configuration: ((URL) -> String)? = nil, _ body: (SandboxSeller, JSONValue, [JSONValue]) async throws -> Void
    ) async throws {
        try await SandboxSeller.with(orders: 24, configuration: configuration) { seller in
            let summary = try await seller.json(["sync"], statuses: [0, 1])
            let listed = try await seller.json(["documents", "list"])
            let documents = try #require(listed.arrayValue)
            try await body(seller, summary, documents)
        }
    }

    @Test("documents list --json has exactly the documented keys, money as decimal strings, one entry per issued document")
    func documentsListShape() async throws {
        try await withSyncedSeller { seller, summary, documents in
            let issued = summary["orders"]?["documents"]?.objectValue?.values.compactMap(\.integer).reduce(0, +)
            #expect(Int64(documents.count) == issued, "one entry per document issued")
            var orderIds: [Int64] = []
            for document in documents {
                #expect(document.keys == Self.documentKeys, "\(document)")
                #expect(document["id"]?.integer != nil && document["contractor_id"]?.integer != nil, "\(document)")
                #expect(document["issue_date"]?.stringValue?.wholeMatch(of: /\d{4}-\d\d-\d\d/) != nil, "\(document)")
                #expect(["receipt", "invoice", "invoice_wdt", "invoice_export"].contains(document["type"]?.stringValue ?? ""))
                let prefix = ["receipt": "PAR/", "invoice": "FV/", "invoice_wdt": "WDT/", "invoice_export": "EXP/"]
                #expect(document["number"]?.stringValue?.hasPrefix(prefix[document["type"]?.stringValue ?? ""] ?? "?") == true, "\(document)")
                orderIds.append(try #require(document["baselinker_order_id"]?.integer))

                let net = try #require(cents(document["total_net"]), "\(document)")
                let vat = try #require(cents(document["total_vat"]), "\(document)")
                let gross = try #require(cents(document["total_gross"]), "\(document)")
                #expect(net + vat == gross, "\(document)")
                let lines = try #require(document["lines"]?.arrayValue)
                #expect(!lines.isEmpty)
                var sum: Int64 = 0
                for line in lines {
                    #expect(line.keys == Self.lineKeys, "\(line)")
                    let quantity = try #require(line["quantity"]?.integer, "\(line)")
                    sum += quantity * (try #require(cents(line["price_gross"]), "\(line)"))
                    #expect(line["vat_rate"]?.stringValue != nil, "\(line)")
                    #expect(line["warehouse_id"]?.integer != nil || line["product_id"]?.isNull == true, "\(line)")
                }
                #expect(sum == gross, "the lines add up to the total: \(document)")
            }
            #expect(Set(orderIds).count == orderIds.count, "at most one document per order")
            let failed = Set(summary["orders"]?["failed"]?.arrayValue?.compactMap { $0["order_id"]?.integer } ?? [])
            let taken = await seller.sandbox.account.orders().map { Int64($0.id) }
            #expect(Set(orderIds).isDisjoint(with: failed))
            #expect(Set(orderIds).isSubset(of: Set(taken)))
        }
    }

    @Test("with linking off, absent links are an explicit null, not a missing key")
    func absentLinksAreNull() async throws {
        let orders = """
            statuses = [1001, 1002]
            link_products = false
            link_contractors = false
            """
        try await withSyncedSeller(configuration: { sandboxConfiguration(url: $0, orders: orders) }) { seller, summary, documents in
            #expect(!documents.isEmpty)
            for document in documents {
                #expect(document.keys == Self.documentKeys, "\(document)")
                #expect(document["contractor_id"] == .null, "\(document)")
                for line in document["lines"]?.arrayValue ?? [] {
                    #expect(line.keys == Self.lineKeys, "\(line)")
                    #expect(line["product_id"] == .null, "\(line)")
                }
            }
            let stock = try await seller.json(["stock"])
            #expect(stock == .array([]), "unlinked lines move no stock")
            let products = try await seller.json(["products", "list"])
            #expect(products == .array([]), "no product was made")
        }
    }

    @Test("documents show prints the document's number, buyer, lines and total")
    func documentsShow() async throws {
        try await withSyncedSeller { seller, _, documents in
            for document in documents.prefix(3) {
                let number = try #require(document["number"]?.stringValue)
                let result = try await seller.firmlink(["documents", "show", number])
                #expect(result.status == 0, "\(result.stderr)")
                let text = result.stdout
                #expect(text.contains(number))
                let orderId = try #require(document["baselinker_order_id"]?.integer)
                let found = await seller.sandbox.account.order(Int(orderId))
                let order = try #require(found)
                let buyer = [order.invoice.company, order.invoice.fullname, order.delivery.company, order.delivery.fullname]
                    .first { !$0.isEmpty } ?? "(none)"
                #expect(text.contains("Buyer: \(buyer)"), "buyer \(buyer) in:\n\(text)")
                #expect(text.contains("(contractor \(document["contractor_id"]?.integer ?? -1))"), "\(text)")
                for line in document["lines"]?.arrayValue ?? [] {
                    let name = line["name"]?.stringValue ?? "?"
                    #expect(text.contains(String(name.prefix(30))), "line \(name) in:\n\(text)")
                }
                let total = "Total: \(document["total_gross"]?.stringValue ?? "?") \(document["currency"]?.stringValue ?? "?")"
                #expect(result.lines.last == total, "\(text)")
            }
            let missing = try await seller.firmlink(["documents", "show", "FV/999/01/2020"])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("FV/999/01/2020"), "\(missing.stderr)")
        }
    }

    @Test("documents pdf writes a PDF printout holding the number, the buyer's name with its Polish letters and the gross total")
    func documentsPDF() async throws {
        try await withSyncedSeller { seller, _, documents in
            let polish = Set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
            var chosen: (document: JSONValue, word: String)?
            for document in documents {
                guard let orderId = document["baselinker_order_id"]?.integer,
                      let order = await seller.sandbox.account.order(Int(orderId)) else { continue }
                let buyer = [order.invoice.company, order.invoice.fullname, order.delivery.company, order.delivery.fullname]
                    .first { !$0.isEmpty } ?? ""
                if let word = buyer.split(separator: " ").first(where: { $0.contains { polish.contains($0) } }) {
                    chosen = (document, String(word))
                    break
                }
            }
            let (document, buyerWord) = try #require(chosen, "a document whose buyer has a Polish letter")
            let number = try #require(document["number"]?.stringValue)
            let result = try await seller.firmlink(["documents", "pdf", number, "-o", "printout.pdf"])
            #expect(result.status == 0, "\(result.stderr)")
            let file = seller.folder.url.appendingPathComponent("printout.pdf")
            let data = try Data(contentsOf: file)
            #expect(data.starts(with: Array("%PDF".utf8)), "a PDF file")
            #expect(data.count > 1_000)

            let text = try pdfText(file)
            #expect(text.contains(number), "\(text)")
            #expect(text.contains("Sklep Przykład"), "the seller's name with its Polish letter: \(text)")
            #expect(text.contains(buyerWord), "the buyer's \(buyerWord): \(text)")
            let gross = try #require(document["total_gross"]?.stringValue)
            let currency = try #require(document["currency"]?.stringValue)
            #expect(text.contains("Razem do zapłaty: \(Self.polishAmount(gross)) \(currency)"), "the total \(gross): \(text)")
        }
    }

    /// `"1234.50"` as a Polish printout writes it: `"1 234,50"`.
    static func polishAmount(_ decimal: String) -> String {
        let parts = decimal.split(separator: ".")
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = " " + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return whole + grouped + "," + (parts.count > 1 ? String(parts[1]) : "00")
    }

    /// The text of a PDF, through poppler's `pdftotext`.
    func pdfText(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("stock --json lists product, warehouse and quantity, each level the sum of its linked lines sold from zero")
    func stockAgreesWithDocuments() async throws {
        try await withSyncedSeller { seller, _, documents in
            var expected: [String: Int64] = [:]
            for line in documents.flatMap({ $0["lines"]?.arrayValue ?? [] }) {
                guard let product = line["product_id"]?.integer, let warehouse = line["warehouse_id"]?.integer else { continue }
                expected["\(product)@\(warehouse)", default: 0] -= line["quantity"]?.integer ?? 0
            }
            #expect(!expected.isEmpty)
            let stock = try await seller.json(["stock"])
            let levels = try #require(stock.arrayValue)
            var listed: [String: Int64] = [:]
            for level in levels {
                #expect(level.keys == ["product_id", "quantity", "warehouse_id"], "\(level)")
                let key = "\(level["product_id"]?.integer ?? -1)@\(level["warehouse_id"]?.integer ?? -1)"
                #expect(listed[key] == nil, "one level per product and warehouse: \(key)")
                listed[key] = level["quantity"]?.integer
            }
            #expect(listed == expected)

            let text = try await seller.firmlink(["stock"])
            #expect(text.status == 0)
            #expect(text.stdout.contains("\(levels.count) levels are below zero."), "\(text.stdout)")
        }
    }

    @Test("products list and warehouses list --json list what the sync made, the Berlin warehouse in Germany")
    func catalogListings() async throws {
        try await withSyncedSeller { seller, summary, documents in
            let productList = try await seller.json(["products", "list"])
            let products = try #require(productList.arrayValue)
            #expect(Int64(products.count) == summary["products"]?["created"]?.integer, "\(summary)")
            for product in products {
                #expect(product.keys == [
                    "baselinker_product_id", "baselinker_variant_id", "ean", "id", "name", "price_gross", "revision", "sku", "unit", "vat_rate",
                ], "\(product)")
                #expect(cents(product["price_gross"]) != nil, "\(product)")
            }
            let productIds = Set(products.compactMap { $0["id"]?.integer })
            let linked = Set(documents.flatMap { $0["lines"]?.arrayValue ?? [] }.compactMap { $0["product_id"]?.integer })
            #expect(linked == productIds, "every product made is on a line, every linked line's product is listed")

            let warehouseList = try await seller.json(["warehouses", "list"])
            #expect(warehouseList.keys == ["baselinker", "baselinker_error", "store"])
            #expect(warehouseList["baselinker_error"]?.isNull == true)
            let warehouses = try #require(warehouseList["store"]?.arrayValue)
            for warehouse in warehouses {
                #expect(warehouse.keys == ["baselinker_warehouse", "country", "default", "id", "name"], "\(warehouse)")
            }
            let remote = try #require(warehouseList["baselinker"]?.arrayValue)
            #expect(remote.map(\.keys) == Array(repeating: ["default", "id", "mapped_to", "name"], count: remote.count))
            #expect(remote.compactMap { $0["id"]?.stringValue } == ["bl_1", "bl_2", "bl_3", "shop_1201"])
            #expect(remote.map { $0["mapped_to"]?.integer } == [1, 2, 3, nil])
            let byLink = Dictionary(
                warehouses.compactMap { w in w["baselinker_warehouse"]?.stringValue.map { ($0, w) } }, uniquingKeysWith: { a, _ in a })
            for (link, id, country) in [("bl_1", 1, "PL"), ("bl_2", 2, "PL"), ("bl_3", 3, "DE")] {
                let warehouse = try #require(byLink[link], "\(link) in \(warehouses)")
                #expect(warehouse["id"]?.integer == Int64(id), "\(warehouse)")
                #expect(warehouse["country"]?.stringValue == country, "\(warehouse)")
            }
            #expect(warehouses.filter { $0["default"] == .bool(true) }.count == 1, "exactly one default: \(warehouses)")
            let warehouseIds = Set(warehouses.compactMap { $0["id"]?.integer })
            let used = Set(documents.flatMap { $0["lines"]?.arrayValue ?? [] }.compactMap { $0["warehouse_id"]?.integer })
            #expect(used.isSubset(of: warehouseIds))
            #expect(used.contains(3), "some lines left the Berlin warehouse")
        }
    }
}
