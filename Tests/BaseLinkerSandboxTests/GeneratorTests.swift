import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

@Suite("The seeded account")
struct GeneratorTests {
    @Test("the same seed gives a byte-identical account")
    func sameSeedSameAccount() async {
        let first = await SandboxAccount(seed: 42, orders: 150, products: 80).snapshotData()
        let second = await SandboxAccount(seed: 42, orders: 150, products: 80).snapshotData()
        #expect(first.count > 100_000)
        #expect(first == second)
    }

    @Test("a different seed gives a different account of the same shape")
    func differentSeedDifferentAccount() async {
        let first = SandboxAccount(seed: 1, orders: 100, products: 50)
        let second = SandboxAccount(seed: 2, orders: 100, products: 50)
        #expect(await first.snapshotData() != second.snapshotData())
        #expect(await first.orders().count == 100)
        #expect(await second.orders().count == 100)
        #expect(await first.orders().map(\.lines) != second.orders().map(\.lines))
    }

    @Test("orders are confirmed from 2026-11-01 00:00 Europe/Warsaw onward, or from a chosen start")
    func ordersStartAtTheConfiguredDay() async throws {
        #expect(SandboxAccount.defaultOrdersStart == Date(timeIntervalSince1970: 1_793_487_600))  // 2026-10-31 23:00 UTC
        let orders = await SandboxAccount(seed: 3, orders: 200, products: 30).orders()
        let confirmed = orders.filter(\.confirmed)
        #expect(confirmed.allSatisfy { $0.dateConfirmed >= 1_793_487_600 && $0.dateConfirmed >= $0.dateAdd })
        #expect(orders.contains { !$0.confirmed && $0.dateConfirmed == 0 })
        let later = try #require(SandboxConfiguration.warsawMidnight("2027-07-01"))
        #expect(later == Date(timeIntervalSince1970: 1_814_392_800))  // 2027-06-30 22:00 UTC (summer time)
        let moved = await SandboxAccount(seed: 3, orders: 20, products: 10, ordersStart: later).orders()
        #expect(moved.allSatisfy { $0.dateAdd >= 1_814_392_800 })
    }

    @Test("most orders wait in 'Nowe zamówienia' or 'Do wysłania'")
    func statusesAreSkewedToTheFirstTwo() async {
        let account = SandboxAccount(seed: 5, orders: 300, products: 40)
        let names = await account.statuses.map(\.name)
        #expect(names.starts(with: ["Nowe zamówienia", "Do wysłania", "W realizacji", "Wysłane", "Anulowane"]))
        let orders = await account.orders()
        let firstTwo = orders.filter { $0.statusId == 1001 || $0.statusId == 1002 }.count
        #expect(firstTwo * 2 > orders.count)
        #expect(Set(orders.map(\.statusId)).isSuperset(of: [1001, 1002, 1003, 1004, 1005]))
    }

    @Test("there are three bl_ warehouses, one in Germany, and one inventory with price groups")
    func warehousesAndInventory() async {
        let account = SandboxAccount(seed: 1, orders: 0, products: 10)
        let bl = await account.warehouses.filter { $0.type == "bl" }
        #expect(bl.map(\.key) == ["bl_1", "bl_2", "bl_3"])
        #expect(bl.map(\.country) == ["PL", "PL", "DE"])
        #expect(bl.first?.isDefault == true)
        let inventory = await account.inventories
        #expect(inventory.count == 1)
        #expect(inventory.first?.priceGroups.count == 3)
        #expect(await account.series.contains { $0.type == "INVOICE" })
        #expect(await account.series.contains { $0.type == "RECEIPT" })
    }

    @Test("products have Polish names, SKUs, valid EANs, every VAT rate and stock per warehouse")
    func productsLookReal() async {
        let products = await SandboxAccount(seed: 9, orders: 0, products: 120).products()
        #expect(products.count == 120)
        #expect(Set(products.map(\.taxRate)).isSuperset(of: [23, 8, 5, 0, -1]))
        #expect(products.contains { $0.name.contains { "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains($0) } })
        #expect(products.filter { !$0.sku.isEmpty }.count > 100)
        for product in products where !product.ean.isEmpty {
            let digits = product.ean.compactMap(\.wholeNumberValue)
            let sum = digits.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
            #expect(digits.count == 13 && sum % 10 == 0, "EAN \(product.ean)")
        }
        #expect(products.allSatisfy { Set($0.stock.keys) == [1, 2, 3] && $0.prices.count == 3 })
        #expect(Set(products.map(\.name)).count == products.count - 1, "one name repeats under another SKU")
    }

    @Test("orders cover every row of the document table, from the Polish and the German warehouse")
    func ordersCoverTheDocumentTable() async {
        for (orders, seed) in [(200, UInt64(1)), (26, 7), (1000, 11)] {
            let account = SandboxAccount(seed: seed, orders: orders, products: 60)
            let table = DocumentTable(warehouses: await account.warehouses)
            var decisions = Set<DocumentTable.Decision>()
            for order in await account.orders() {
                guard let json = await account.orderJSON(order.id) else { continue }
                decisions.insert(table.decide(json))
            }
            let rowsAtHome = Set(decisions.filter { $0.warehouseCountry == "PL" }.map(\.row))
            #expect(rowsAtHome == Set(DocumentTable.Row.allCases), "\(orders) orders, PL warehouse")
            let rowsAbroad = Set(decisions.filter { $0.warehouseCountry == "DE" }.map(\.row))
            #expect(rowsAbroad.isSuperset(of: [.export, .wdt, .invoiceTaxId, .defaultDocument]), "\(orders) orders, DE")
            #expect(decisions.contains { $0.warehouseCountry == "DE" && $0.buyerCountry == "DE" && $0.row == .defaultDocument })
            #expect(decisions.contains { $0.warehouseCountry == "PL" && $0.buyerCountry == "DE" && $0.row == .defaultDocument })
        }
    }

    @Test("buyers come from Poland, the EU and beyond, with valid NIPs and EU VAT numbers")
    func buyersAreVaried() async {
        let orders = await SandboxAccount(seed: 1, orders: 400, products: 60).orders()
        let countries = Set(orders.map(\.delivery.countryCode))
        #expect(countries.isSuperset(of: ["PL", "DE", "CZ", "GR", "GB", "US", "NO", "CH", "UA"]))
        let nips = orders.filter { $0.delivery.countryCode == "PL" && !$0.invoiceNip.isEmpty }.map(\.invoiceNip)
        #expect(nips.count > 10)
        for nip in nips {
            let digits = nip.compactMap(\.wholeNumberValue)
            let weights = [6, 5, 7, 2, 3, 4, 5, 6, 7]
            let check = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11
            #expect(digits.count == 10 && check == digits[9], "NIP \(nip)")
        }
        #expect(Set(nips.map { $0.contains("-") || $0.hasPrefix("PL") }) == [true, false])
        #expect(orders.contains { $0.invoiceNip.hasPrefix("EL") && $0.delivery.countryCode == "GR" })
        #expect(orders.contains { $0.invoiceNip.hasPrefix("DE") })
        #expect(orders.contains { $0.invoiceNip.hasPrefix("CZ") })
        #expect(orders.contains { $0.delivery.fullname.contains { "ąćęłńóśźżŁŚŻ".contains($0) } })
        #expect(orders.contains { $0.delivery.city.contains { "ąćęłńóśźżŁŚŻ".contains($0) } })
    }

    @Test("orders mix payment, delivery, currencies, warehouses and lines in and outside the inventory")
    func ordersAreVaried() async {
        let account = SandboxAccount(seed: 1, orders: 300, products: 60)
        let orders = await account.orders()
        let productNames = Set(await account.products().map(\.name))
        #expect(orders.contains { $0.cashOnDelivery })
        #expect(orders.contains { !$0.cashOnDelivery && $0.paymentDone > 0 })
        #expect(orders.contains { $0.deliveryPrice == 0 } && orders.contains { $0.deliveryPrice > 0 })
        #expect(orders.contains { $0.invoiceNip.isEmpty && $0.wantInvoice })
        let currencies = orders.map(\.currency)
        #expect(currencies.filter { $0 == "PLN" }.count * 2 > orders.count)
        #expect(Set(currencies) == ["PLN", "EUR", "GBP"])
        #expect(orders.contains { Set($0.lines.map(\.warehouseId).filter { $0 > 0 }).count >= 2 })
        #expect(orders.contains { $0.lines.count >= 3 })
        let lines = orders.flatMap(\.lines)
        #expect(lines.contains { productNames.contains($0.name) })
        #expect(lines.contains { $0.storage == "db" && !productNames.contains($0.name) })
        #expect(lines.contains { $0.storage == "shop" && $0.warehouseId == 0 })
        #expect(orders.contains { $0.lines.isEmpty })
        let seconds = Dictionary(grouping: orders.filter(\.confirmed), by: \.dateConfirmed)
        #expect(seconds.values.contains { $0.count > 1 }, "some orders share a date_confirmed second")
    }

    @Test("every account of at least 23 orders has one without lines and with free delivery: nothing to issue")
    func anOrderWithNothingToIssue() async {
        for (seed, orders) in [(UInt64(1), 200), (7, 60), (7, 40), (31, 24), (11, 1000)] {
            let all = await SandboxAccount(seed: seed, orders: orders, products: 30).orders()
            let empty = all.filter(\.lines.isEmpty)
            #expect(!empty.isEmpty && empty.allSatisfy { $0.deliveryPrice == 0 && $0.paymentDone == 0 },
                    "seed \(seed), \(orders) orders")
        }
    }

    @Test("order JSON shows BaseLinker's type variance, decided by the seed")
    func ordersShowTypeQuirks() async throws {
        let account = SandboxAccount(seed: 1, orders: 200, products: 40)
        var seen: [String: Bool] = [:]
        for order in await account.orders() {
            let json = try #require(await account.orderJSON(order.id))
            if case .string = json["order_id"] { seen["order id as text"] = true }
            if case .int = json["order_id"] { seen["order id as number"] = true }
            if case .string = json["payment_done"] { seen["payment_done as text"] = true }
            if json["invoice_country_code"] == nil { seen["no invoice_country_code"] = true }
            if case .string = json["want_invoice"] { seen["want_invoice as \"1\"/\"0\""] = true }
            if case .int = json["want_invoice"] { seen["want_invoice as 1/0"] = true }
            if case .bool = json["want_invoice"] { seen["want_invoice as true/false"] = true }
            if json["pick_status"] != nil { seen["pick_status"] = true }
            if json["confirmed"] == nil { seen["no confirmed"] = true }
            for line in json["products"]?.arrayValue ?? [] {
                if line["variant_id"] == "0" { seen["variant_id \"0\""] = true }
                if line["variant_id"] == 0 { seen["variant_id 0"] = true }
                if case .string = line["warehouse_id"] { seen["warehouse_id as text"] = true }
            }
        }
        #expect(seen.count == 12, "seen: \(seen.keys.sorted())")
    }
}
