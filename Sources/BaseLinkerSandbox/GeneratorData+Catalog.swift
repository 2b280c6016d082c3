/// What the seeded shop sells: product lines with their VAT rate, price range and variants.
struct ProductTemplate {
    let base: String
    let variants: [String]
    let taxRate: Double
    let priceCents: ClosedRange<Int>
    let weight: Double
    let skuPrefix: String
    let categoryId: Int
    let manufacturerId: Int
}

enum CatalogData {
    static let templates: [ProductTemplate] = [
        .init(base: "Kubek ceramiczny 300 ml", variants: ["biały", "czarny", "zielony", "różowy", "żółty", "granatowy"],
              taxRate: 23, priceCents: 2499...4999, weight: 0.35, skuPrefix: "KUB", categoryId: 11, manufacturerId: 3),
        .init(base: "Ręcznik bawełniany 50×90 cm", variants: ["biały", "szary", "miętowy", "pudrowy róż", "grafitowy"],
              taxRate: 23, priceCents: 2999...6999, weight: 0.4, skuPrefix: "REC", categoryId: 12, manufacturerId: 5),
        .init(base: "Świeca sojowa 180 g", variants: ["lawenda", "wanilia", "cynamon z pomarańczą", "drzewo sandałowe", "bursztyn", "świeże pranie"],
              taxRate: 23, priceCents: 1999...5999, weight: 0.3, skuPrefix: "SWI", categoryId: 13, manufacturerId: 7),
        .init(base: "Koc z mikrofibry 150×200 cm", variants: ["musztardowy", "butelkowa zieleń", "beżowy", "śliwkowy"],
              taxRate: 23, priceCents: 7999...14999, weight: 1.2, skuPrefix: "KOC", categoryId: 12, manufacturerId: 5),
        .init(base: "Poduszka dekoracyjna 45×45 cm", variants: ["w paski", "w kratę", "z haftem łowickim", "łączka", "geometryczna"],
              taxRate: 23, priceCents: 3999...8999, weight: 0.5, skuPrefix: "POD", categoryId: 12, manufacturerId: 5),
        .init(base: "Kawa ziarnista 1 kg", variants: ["Brazylia Santos", "Etiopia Sidamo", "Kolumbia Supremo", "Gwatemala Huehuetenango"],
              taxRate: 23, priceCents: 5999...11999, weight: 1.0, skuPrefix: "KAW", categoryId: 21, manufacturerId: 9),
        .init(base: "Miód 400 g", variants: ["lipowy", "gryczany", "spadziowy", "wielokwiatowy z Kaszub", "akacjowy", "rzepakowy z Podlasia"],
              taxRate: 5, priceCents: 2499...4499, weight: 0.5, skuPrefix: "MIO", categoryId: 22, manufacturerId: 11),
        .init(base: "Herbata liściasta 100 g", variants: ["czarna Assam", "zielona Sencha", "owocowa z żurawiną", "rooibos z pomarańczą", "biała Pai Mu Tan"],
              taxRate: 5, priceCents: 1499...3999, weight: 0.12, skuPrefix: "HER", categoryId: 21, manufacturerId: 9),
        .init(base: "Książka kucharska", variants: ["„Kuchnia polska babci Zosi”", "„Pierogi na sto sposobów”", "„Słodkości z Żuław”", "„Zupy świata”"],
              taxRate: 5, priceCents: 3999...7999, weight: 0.8, skuPrefix: "KSI", categoryId: 31, manufacturerId: 13),
        .init(base: "Zestaw nasion ziół", variants: ["bazylia", "tymianek", "koperek", "pietruszka naciowa", "szczypiorek"],
              taxRate: 8, priceCents: 799...1999, weight: 0.05, skuPrefix: "NAS", categoryId: 41, manufacturerId: 15),
        .init(base: "Doniczka z żywymi ziołami", variants: ["mięta", "rozmaryn", "lubczyk", "melisa"],
              taxRate: 8, priceCents: 1299...2499, weight: 0.6, skuPrefix: "ZIO", categoryId: 41, manufacturerId: 15),
        .init(base: "Tablet edukacyjny dla szkół 10\"", variants: ["32 GB", "64 GB"],
              taxRate: 0, priceCents: 49900...89900, weight: 0.55, skuPrefix: "TAB", categoryId: 51, manufacturerId: 17),
        .init(base: "Warsztaty ceramiczne – voucher", variants: ["dla 1 osoby", "dla 2 osób"],
              taxRate: -1, priceCents: 9900...24900, weight: 0, skuPrefix: "VOU", categoryId: 61, manufacturerId: 3),
        .init(base: "Kurs online: parzenie kawy", variants: ["podstawowy", "dla zaawansowanych"],
              taxRate: -1, priceCents: 14900...29900, weight: 0, skuPrefix: "KUR", categoryId: 61, manufacturerId: 9),
    ]

    /// Sold on marketplaces or in the shop but not kept in the inventory.
    static let outsideInventory: [(name: String, taxRate: Double, cents: ClosedRange<Int>)] = [
        ("Zestaw upominkowy „Polska Złota Jesień”", 23, 8999...15999),
        ("Kartka okolicznościowa – Wesołych Świąt", 23, 599...1299),
        ("Torba papierowa ozdobna", 23, 299...799),
        ("Pakowanie prezentowe", 23, 999...1499),
        ("Pierniki toruńskie w puszce 300 g", 5, 2499...3999),
        ("Opłata za pobranie", -0.02, 500...500),
    ]

    static let descriptions = [
        "Produkt polskiej marki, pakowany ręcznie w Łodzi.",
        "Idealny na prezent. Wysyłka w ciągu 24 godzin.",
        "Wyprodukowano w Polsce z dbałością o środowisko.",
    ]

    /// A valid EAN-13 with the Polish prefix 590.
    static func ean(_ random: inout SeededRandom) -> String {
        var digits = [5, 9, 0]
        for _ in 0..<9 { digits.append(random.int(0...9)) }
        var sum = 0
        for (index, digit) in digits.enumerated() { sum += digit * (index % 2 == 0 ? 1 : 3) }
        digits.append((10 - sum % 10) % 10)
        return digits.map(String.init).joined()
    }
}
