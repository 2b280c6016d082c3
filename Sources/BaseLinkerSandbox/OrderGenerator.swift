import Foundation

/// What an order is about: who buys, from where, and which warehouse ships the first line.
/// Together with the warehouses' countries this fixes the document the built-in rules choose (docs/rules.md).
struct Scenario {
    var isCompany = false
    var country = "PL"
    var wantInvoice = false
    /// The `bl_` warehouse of the first line (1 and 2 are Polish, 3 is German).
    var firstWarehouse = AccountGenerator.mainWarehouse
    var mixedWarehouses = false
    var linesOutsideInventory = false
    /// No lines and free delivery: an order with nothing to issue.
    var noLines = false
    /// A pick-up at the counter with no country anywhere: the buyer country is the warehouse's.
    var noCountryCodes = false
    var quirks: OrderQuirks = []
}

/// Makes the account's orders, one after another in time.
struct OrderGenerator {
    var random: SeededRandom
    let products: [SandboxProduct]
    var returningBuyers: [String: [Buyer]] = [:]
    var lastAdd: Int
    var lastConfirmed = 0
    var nextShopOrderId = 24_001
    /// Chooses which of a product's variants a line sells. A stream of its own, so that every
    /// other draw of the orders is the one it was before products had variants.
    var variantRandom: SeededRandom

    init(seed: UInt64, start: Date, products: [SandboxProduct]) {
        random = SeededRandom(seed: seed, stream: "orders")
        variantRandom = SeededRandom(seed: seed, stream: "order-variants")
        self.products = products
        lastAdd = Int(start.timeIntervalSince1970)
    }

    /// One order for every row of the document-type table (docs/rules.md), with the default warehouse Polish and with the
    /// German one, plus the fall-backs (no invoice country, no country at all, no lines).
    static let coverage: [Scenario] = [
        Scenario(),                                                              // receipt (default)
        Scenario(wantInvoice: true),                                             // invoice: want_invoice
        Scenario(isCompany: true, wantInvoice: true),                            // invoice: NIP
        Scenario(isCompany: true, country: "DE", wantInvoice: true),             // WDT
        Scenario(isCompany: true, country: "GR", wantInvoice: true),             // WDT, EL number
        Scenario(isCompany: true, country: "CZ", quirks: .missingInvoiceCountryCode),  // WDT via delivery
        Scenario(country: "DE"),                                                 // default: EU consumer
        Scenario(country: "FR", wantInvoice: true),                              // invoice: EU consumer asks
        Scenario(country: "GB"),                                                 // export
        Scenario(country: "US"),                                                 // export
        Scenario(isCompany: true, country: "NO", wantInvoice: true),             // export, company
        Scenario(country: "CH"),                                                 // export
        Scenario(country: "UA"),                                                 // export
        Scenario(isCompany: true, country: "GB", quirks: .missingInvoiceCountryCode),  // export via delivery
        Scenario(country: "DE", firstWarehouse: 3),                              // default: local sale abroad
        Scenario(isCompany: true, country: "DE", wantInvoice: true, firstWarehouse: 3),  // invoice, C = W
        Scenario(isCompany: true, wantInvoice: true, firstWarehouse: 3),         // WDT from Germany to PL
        Scenario(firstWarehouse: 3),                                             // default: PL consumer from DE
        Scenario(country: "GB", firstWarehouse: 3),                              // export from DE
        Scenario(noCountryCodes: true),                                          // C falls back to W
        Scenario(mixedWarehouses: true),                                         // several warehouses
        Scenario(isCompany: true, country: "DE", firstWarehouse: 3, mixedWarehouses: true),
        Scenario(isCompany: true, wantInvoice: true, noLines: true),             // no lines: default W, nothing to issue
        Scenario(linesOutsideInventory: true),                                   // lines not in inventory
        Scenario(isCompany: true, country: "AT", wantInvoice: true, firstWarehouse: 2),  // WDT from Poznań
        Scenario(country: "SK", wantInvoice: true, firstWarehouse: 3),           // invoice: EU consumer, DE W
    ]

    /// Per-order quirks that do not change what the order means.
    static let quirkCycle: [OrderQuirks] = [
        .idsAsStrings, .flagsAsInts, .paymentDoneAsString, .variantIdAsInt, .productIdAsInt,
        .pickPackStatusStrings, .flagsAsBools, .lowercaseCountryCodes, .numbersAsStrings,
        .missingConfirmed, .emptyInvoiceCountryCode,
    ]

    /// The scenario of order `index` of `count`: coverage scenarios spread evenly over the
    /// orders (every one of them when there are at least as many orders), the rest drawn.
    mutating func scenario(index: Int, of count: Int) -> (Scenario, slot: Int?) {
        let coverage = Self.coverage
        if count <= coverage.count {
            return (coverage[index], index)
        }
        let step = Double(count) / Double(coverage.count)
        let slot = Int((Double(index) / step).rounded(.up))
        if slot < coverage.count, Int((Double(slot) * step).rounded(.down)) == index {
            return (coverage[slot], slot)
        }
        return (randomScenario(), nil)
    }

    private mutating func randomScenario() -> Scenario {
        var scenario = Scenario()
        let kind = random.weighted([
            ("plConsumer", 55.0), ("plCompany", 12), ("euConsumer", 10), ("euCompany", 6),
            ("worldConsumer", 7), ("worldCompany", 3), ("counter", 2),
        ])
        switch kind {
        case "plCompany": scenario.isCompany = true
        case "euConsumer": scenario.country = random.pick(AbroadData.euCodes)
        case "euCompany": scenario.isCompany = true; scenario.country = random.pick(AbroadData.euCodes)
        case "worldConsumer": scenario.country = random.pick(AbroadData.nonEUCodes)
        case "worldCompany": scenario.isCompany = true; scenario.country = random.pick(AbroadData.nonEUCodes)
        case "counter": scenario.noCountryCodes = true
        default: break
        }
        scenario.wantInvoice = scenario.isCompany ? random.chance(0.8) : random.chance(0.12)
        scenario.firstWarehouse = random.weighted([(1, 85.0), (2, 8), (3, 7)])
        if scenario.firstWarehouse == 3, !scenario.noCountryCodes, random.chance(0.6) { scenario.country = "DE" }
        scenario.mixedWarehouses = random.chance(0.12)
        scenario.quirks = randomQuirks()
        return scenario
    }

    private mutating func randomQuirks() -> OrderQuirks {
        var quirks: OrderQuirks = []
        if random.chance(0.12) { quirks.insert(.idsAsStrings) }
        if random.chance(0.10) { quirks.insert(.flagsAsInts) } else if random.chance(0.07) { quirks.insert(.flagsAsBools) }
        if random.chance(0.30) { quirks.insert(.paymentDoneAsString) }
        if random.chance(0.08) { quirks.insert(.missingInvoiceCountryCode) } else if random.chance(0.04) {
            quirks.insert(.emptyInvoiceCountryCode)
        }
        if random.chance(0.20) { quirks.insert(.variantIdAsInt) }
        if random.chance(0.10) { quirks.insert(.productIdAsInt) }
        if random.chance(0.10) { quirks.insert(.pickPackStatusStrings) }
        if random.chance(0.03) { quirks.insert(.lowercaseCountryCodes) }
        if random.chance(0.08) { quirks.insert(.numbersAsStrings) }
        if random.chance(0.05) { quirks.insert(.missingConfirmed) }
        return quirks
    }

    mutating func makeOrder(index: Int, of count: Int) -> SandboxOrder {
        var (scenario, slot) = scenario(index: index, of: count)
        if let slot {
            scenario.quirks.insert(Self.quirkCycle[slot % Self.quirkCycle.count])
        }
        let buyer = buyer(for: scenario)
        let source = source(for: scenario)
        let currency = scenario.country == "PL" || scenario.noCountryCodes
            ? "PLN" : random.weighted(AbroadData.country(scenario.country).currencies)
        var order = SandboxOrder(
            statusId: 1001, dateConfirmed: 0, currency: currency, delivery: buyer.delivery, invoice: buyer.invoice,
            invoiceNip: buyer.nip, wantInvoice: scenario.wantInvoice, lines: [], source: source.type,
            sourceId: source.id, quirks: scenario.quirks)
        if scenario.noCountryCodes {
            order.delivery = SandboxAddress(fullname: buyer.delivery.fullname)
            order.invoice = scenario.isCompany ? order.delivery : SandboxAddress()
        }
        order.lines = makeLines(scenario, currency: currency, source: source.type)
        order.email = buyer.email
        order.phone = buyer.phone
        order.userLogin = source.type == "allegro" ? buyer.login : ""
        order.userComments = random.pick(PolandData.userComments)
        assignIdentifiers(&order, source: source.type)
        assignDelivery(&order, scenario: scenario)
        if scenario.noLines { order.deliveryPrice = 0 }
        assignPayment(&order, scenario: scenario)
        assignDatesAndStatus(&order, slot: slot)
        return order
    }

    private mutating func source(for scenario: Scenario) -> (type: String, id: Int) {
        if scenario.noCountryCodes { return ("personal", 0) }
        let type: String
        switch scenario.country {
        case "PL": type = random.weighted([("allegro", 45.0), ("shop", 45), ("personal", 10)])
        case "GB": type = random.weighted([("ebay", 60.0), ("amazon", 20), ("shop", 20)])
        case let code where AbroadData.euCodes.contains(code):
            type = random.weighted([("amazon", 50.0), ("shop", 30), ("ebay", 20)])
        default: type = random.weighted([("shop", 60.0), ("ebay", 40)])
        }
        let ids = ["personal": 0, "shop": AccountGenerator.shopSourceId, "allegro": 2301, "amazon": 3401, "ebay": 4501]
        return (type, ids[type] ?? 0)
    }

    private mutating func assignIdentifiers(_ order: inout SandboxOrder, source: String) {
        switch source {
        case "shop":
            order.shopOrderId = nextShopOrderId
            nextShopOrderId += 1
        case "allegro":
            let hex = (0..<32).map { _ in String(random.int(0...15), radix: 16) }.joined()
            let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4),
                         hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
            order.externalOrderId = parts.map(String.init).joined(separator: "-")
        case "amazon":
            order.externalOrderId = "302-\(random.int(1_000_000...9_999_999))-\(random.int(1_000_000...9_999_999))"
        case "ebay":
            order.externalOrderId = "\(random.int(10...29))-\(random.int(10_000...99_999))-\(random.int(10_000...99_999))"
        default: break
        }
    }

    /// Orders arrive one to forty minutes apart; most are confirmed within two minutes, some
    /// hours later (so ids and confirmation times disagree). One in twelve comes in the same
    /// import as the order before it, with the same `date_add` and `date_confirmed` second, as
    /// marketplace imports do. One in fifty is never confirmed. Most wait in the first two
    /// statuses.
    private mutating func assignDatesAndStatus(_ order: inout SandboxOrder, slot: Int?) {
        let sameImport = random.chance(0.08) && lastConfirmed > 0 && lastConfirmed >= lastAdd
        if !sameImport { lastAdd += random.int(60...2400) }
        order.dateAdd = lastAdd
        if slot == nil, !sameImport, random.chance(0.02) {
            order.confirmed = false
            order.dateConfirmed = 0
            order.dateInStatus = order.dateAdd
            order.statusId = 1001
            return
        }
        let confirmed = sameImport
            ? lastConfirmed : lastAdd + (random.chance(0.7) ? random.int(0...120) : random.int(300...10_800))
        lastConfirmed = confirmed
        order.confirmed = true
        order.dateConfirmed = confirmed
        if let slot {
            order.statusId = slot % 2 == 0 ? 1001 : 1002
        } else {
            order.statusId = random.weighted([(1001, 45.0), (1002, 30), (1003, 12), (1004, 8), (1005, 5)])
        }
        order.dateInStatus = order.statusId == 1001 ? confirmed : confirmed + random.int(600...172_800)
        if order.statusId == 1004 {
            order.deliveryPackageNumber = String(random.int(100_000_000...999_999_999)) + String(random.int(100_000...999_999))
        }
    }
}
