import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

/// The seeded accounts other suites are written against (the command line's default, the sync
/// harness's, the end-to-end seller's), pinned by digest: growing the sandbox must not move one
/// order or one product field they rely on. A digest changes only when the generator's
/// existing draws change; new data must come from new random streams.
@Suite("Seeded data that must not move")
struct GeneratorPinTests {
    /// 64-bit FNV-1a: small, stable across platforms and Swift versions.
    static func digest(_ data: Data) -> UInt64 {
        data.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }

    static func digest(_ text: String) -> UInt64 { digest(Data(text.utf8)) }

    /// Every order exactly as `getOrders` sends it.
    static func ordersDigest(_ account: SandboxAccount) async throws -> UInt64 {
        var orders: [JSONValue] = []
        for order in await account.orders() {
            orders.append(try #require(await account.orderJSON(order.id)))
        }
        return digest(try JSONValue.array(orders).serialized())
    }

    /// The fields a product had before products had variants.
    static func productFields(_ product: SandboxProduct) -> String {
        let prices = product.prices.keys.sorted().map { "\($0)=\(product.prices[$0] ?? 0)" }
        let stock = product.stock.keys.sorted().map { "\($0)=\(product.stock[$0] ?? 0)" }
        let locations = product.locations.keys.sorted().map { "\($0)=\(product.locations[$0] ?? "")" }
        return [
            String(product.id), product.sku, product.ean, product.name, product.description, "\(product.taxRate)",
            "\(product.weight)", String(product.categoryId), String(product.manufacturerId),
            prices.joined(separator: ","), stock.joined(separator: ","), locations.joined(separator: ","),
            product.tags.joined(separator: ","),
        ].joined(separator: "|")
    }

    @Test("the generated orders are exactly as they were", arguments: [
        (UInt64(1), 200, 100, UInt64(11_018_069_481_873_214_320)),  // firmlink sandbox's defaults
        (7, 60, 40, 10_574_738_214_493_410_992),                    // the sync harness
        (31, 24, 30, 12_278_627_382_162_057_047),                   // the end-to-end seller
        (1, 5, 2600, 13_780_987_730_481_882_203),                   // a large catalogue
    ])
    func ordersDoNotMove(seed: UInt64, orders: Int, products: Int, expected: UInt64) async throws {
        let account = SandboxAccount(seed: seed, orders: orders, products: products)
        let digest = try await Self.ordersDigest(account)
        #expect(digest == expected, "seed \(seed), \(orders) orders, \(products) products")
    }

    @Test("the generated products keep every field they had", arguments: [
        (UInt64(1), 100, UInt64(18_095_484_365_917_263_907)), (7, 40, 17_796_675_816_786_112_800),
        (1, 2600, 3_861_046_859_652_964_810),
    ])
    func productsDoNotMove(seed: UInt64, products: Int, expected: UInt64) async {
        let all = await SandboxAccount(seed: seed, orders: 0, products: products).products()
        #expect(all.count == products)
        #expect(Self.digest(all.map(Self.productFields).joined(separator: "\n")) == expected, "seed \(seed)")
    }

    @Test("orders generated later keep their buyers, dates, statuses, quantities and warehouses")
    func laterOrdersKeepTheirShape() async {
        let account = SandboxAccount(seed: 1, orders: 60, products: 40)
        let added = await account.addGeneratedOrders(30, seed: 77)
        let shape = added.map { order in
            let lines = order.lines.map { "\($0.storage):\($0.warehouseId)x\($0.quantity)" }.joined(separator: ",")
            return "\(order.id)|\(order.dateAdd)|\(order.dateConfirmed)|\(order.statusId)|\(order.email)|"
                + "\(order.delivery.fullname)|\(order.currency)|\(order.paymentMethod)|\(lines)"
        }
        #expect(Self.digest(shape.joined(separator: "\n")) == 8_677_444_516_641_867_992)
    }
}
