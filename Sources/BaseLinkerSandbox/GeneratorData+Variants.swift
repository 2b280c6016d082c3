/// A way a product line comes in several variants, and what each costs on top of the product.
struct VariantOption {
    let name: String
    let extraCents: Int
}

extension CatalogData {
    /// Per product line (by SKU prefix): the variants a seller offers of one of its products.
    /// The product's own name already says its colour or kind, so these are the other axis:
    /// finish, pack size, cover, roast.
    static let variantOptions: [String: [VariantOption]] = [
        "KUB": [.init(name: "matowy", extraCents: 0), .init(name: "błyszczący", extraCents: 0),
                .init(name: "z nadrukiem „Mama”", extraCents: 800), .init(name: "z nadrukiem „Tata”", extraCents: 800),
                .init(name: "w pudełku prezentowym", extraCents: 1000)],
        "REC": [.init(name: "1 szt.", extraCents: 0), .init(name: "komplet 2 szt.", extraCents: 2500),
                .init(name: "komplet 3 szt.", extraCents: 4500), .init(name: "z haftem imienia", extraCents: 1500)],
        "SWI": [.init(name: "w szkle", extraCents: 0), .init(name: "w puszce", extraCents: -300),
                .init(name: "w ceramice", extraCents: 1500), .init(name: "z drewnianym knotem", extraCents: 500)],
        "KOC": [.init(name: "z frędzlami", extraCents: 0), .init(name: "bez frędzli", extraCents: 0),
                .init(name: "w lnianym worku", extraCents: 2000)],
        "POD": [.init(name: "z wypełnieniem", extraCents: 0), .init(name: "sama poszewka", extraCents: -1500),
                .init(name: "komplet 2 szt.", extraCents: 3500)],
        "KAW": [.init(name: "palenie jasne", extraCents: 0), .init(name: "palenie średnie", extraCents: 0),
                .init(name: "palenie ciemne", extraCents: 0), .init(name: "mielona do ekspresu", extraCents: 500),
                .init(name: "mielona do kawiarki", extraCents: 500)],
        "MIO": [.init(name: "płynny", extraCents: 0), .init(name: "kremowany", extraCents: 300),
                .init(name: "z pyłkiem pszczelim", extraCents: 800)],
        "HER": [.init(name: "w puszce", extraCents: 0), .init(name: "w torebce strunowej", extraCents: -400),
                .init(name: "zestaw 3 × 100 g", extraCents: 4000)],
        "KSI": [.init(name: "okładka miękka", extraCents: 0), .init(name: "okładka twarda", extraCents: 1500),
                .init(name: "z dedykacją autora", extraCents: 2500)],
        "NAS": [.init(name: "1 saszetka", extraCents: 0), .init(name: "3 saszetki", extraCents: 1200),
                .init(name: "5 saszetek", extraCents: 2000)],
        "ZIO": [.init(name: "doniczka 12 cm", extraCents: 0), .init(name: "doniczka 14 cm", extraCents: 500),
                .init(name: "w osłonce ceramicznej", extraCents: 1500)],
        "TAB": [.init(name: "bez etui", extraCents: 0), .init(name: "z etui", extraCents: 4900),
                .init(name: "z etui i klawiaturą", extraCents: 14_900)],
        "VOU": [.init(name: "ważny 6 miesięcy", extraCents: 0), .init(name: "ważny 12 miesięcy", extraCents: 2000),
                .init(name: "w kopercie prezentowej", extraCents: 1000)],
        "KUR": [.init(name: "dostęp na 3 miesiące", extraCents: 0), .init(name: "dostęp na 12 miesięcy", extraCents: 5000),
                .init(name: "z konsultacją online", extraCents: 10_000)],
    ]
}
