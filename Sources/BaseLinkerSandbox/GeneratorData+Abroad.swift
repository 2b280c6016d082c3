/// Buyers from abroad: EU member states and countries outside the EU.
struct ForeignCountry {
    let code: String
    /// The name as a Polish panel shows it.
    let polishName: String
    let isEU: Bool
    let people: [String]
    let companies: [String]
    /// Street, postcode, city, state.
    let addresses: [(String, String, String, String)]
    /// Makes a tax id in the country's own format; nil when companies there have none we print.
    let taxId: (@Sendable (inout SeededRandom) -> String)?
    /// Currencies an order from there is paid in, with weights.
    let currencies: [(String, Double)]
}

enum AbroadData {
    static func digits(_ count: Int, _ random: inout SeededRandom) -> String {
        var text = String(random.int(1...9))
        for _ in 1..<count { text += String(random.int(0...9)) }
        return text
    }

    static let countries: [ForeignCountry] = [
        ForeignCountry(
            code: "DE", polishName: "Niemcy", isEU: true,
            people: ["Jürgen Weiß", "Anna Schröder", "Lukas Müller", "Sophie Bäcker", "Björn Köhler"],
            companies: ["Müller Haushaltswaren GmbH", "Schäfer & Söhne KG", "Weißbach Handel GmbH"],
            addresses: [("Hauptstraße 5", "10115", "Berlin", ""), ("Lindenallee 22", "80331", "München", ""),
                        ("Königstraße 8", "70173", "Stuttgart", ""), ("Große Bergstraße 154", "22767", "Hamburg", "")],
            taxId: { r in r.chance(0.3) ? "DE " + spaced(digits(9, &r)) : "DE" + digits(9, &r) },
            currencies: [("EUR", 0.75), ("PLN", 0.25)]),
        ForeignCountry(
            code: "CZ", polishName: "Czechy", isEU: true,
            people: ["Jiří Dvořák", "Lucie Černá", "Tomáš Procházka", "Kateřina Nováková"],
            companies: ["Dvořák Interiér s.r.o.", "Kavárna U Zlatého Klíče s.r.o."],
            addresses: [("Václavské náměstí 12", "110 00", "Praha", ""), ("Masarykova 4", "602 00", "Brno", "")],
            taxId: { r in "CZ" + digits(8, &r) },
            currencies: [("EUR", 0.5), ("PLN", 0.5)]),
        ForeignCountry(
            code: "SK", polishName: "Słowacja", isEU: true,
            people: ["Ľubomír Kováč", "Zuzana Horváthová"],
            companies: ["Štúdio Ľalia s.r.o."],
            addresses: [("Hlavná 15", "040 01", "Košice", ""), ("Obchodná 7", "811 06", "Bratislava", "")],
            taxId: { r in "SK" + digits(10, &r) },
            currencies: [("EUR", 0.8), ("PLN", 0.2)]),
        ForeignCountry(
            code: "FR", polishName: "Francja", isEU: true,
            people: ["Élodie Lefèvre", "François Dubois"],
            companies: ["Maison Lefèvre SARL"],
            addresses: [("12 rue de la Paix", "75002", "Paris", ""), ("8 quai Saint-Antoine", "69002", "Lyon", "")],
            taxId: { r in "FR" + String(r.int(10...99)) + digits(9, &r) },
            currencies: [("EUR", 1)]),
        ForeignCountry(
            code: "AT", polishName: "Austria", isEU: true,
            people: ["Lena Gruber", "Florian Pichler"],
            companies: ["Grüner Tisch GmbH"],
            addresses: [("Mariahilfer Straße 45", "1060", "Wien", ""), ("Getreidegasse 9", "5020", "Salzburg", "")],
            taxId: { r in "ATU" + digits(8, &r) },
            currencies: [("EUR", 1)]),
        ForeignCountry(
            code: "LT", polishName: "Litwa", isEU: true,
            people: ["Gintarė Žukauskienė", "Mantas Kazlauskas"],
            companies: ["UAB Žalia Giria"],
            addresses: [("Gedimino pr. 9", "LT-01103", "Vilnius", "")],
            taxId: { r in "LT" + digits(9, &r) },
            currencies: [("EUR", 0.6), ("PLN", 0.4)]),
        ForeignCountry(
            code: "GR", polishName: "Grecja", isEU: true,
            people: ["Nikos Papadakis", "Eleni Georgiou"],
            companies: ["Papadakis Emporiki IKE", "Athina Home OE"],
            addresses: [("Ermou 25", "105 63", "Athina", ""), ("Tsimiski 41", "546 23", "Thessaloniki", "")],
            taxId: { r in "EL" + digits(9, &r) },
            currencies: [("EUR", 1)]),
        ForeignCountry(
            code: "NL", polishName: "Holandia", isEU: true,
            people: ["Sanne de Vries", "Daan Jansen"],
            companies: ["Van der Berg Wonen B.V."],
            addresses: [("Keizersgracht 101", "1015 CJ", "Amsterdam", "")],
            taxId: { r in "NL" + digits(9, &r) + "B01" },
            currencies: [("EUR", 1)]),
        ForeignCountry(
            code: "GB", polishName: "Wielka Brytania", isEU: false,
            people: ["Oliver Smith", "Amelia Clarke", "Harry O'Connor", "Ewa Nowak-Brown"],
            companies: ["Oakridge Home Ltd", "Thistle & Rose Trading Ltd"],
            addresses: [("221 Baker Street", "NW1 6XE", "London", ""), ("14 Deansgate", "M3 2BW", "Manchester", ""),
                        ("3 Royal Mile", "EH1 1RE", "Edinburgh", "")],
            taxId: { r in "GB" + digits(9, &r) },
            currencies: [("GBP", 0.8), ("PLN", 0.2)]),
        ForeignCountry(
            code: "US", polishName: "Stany Zjednoczone", isEU: false,
            people: ["Emily Johnson", "Michael Kowalczyk", "Grace Lee"],
            companies: ["Maple Street Goods LLC"],
            addresses: [("350 Fifth Avenue", "10118", "New York", "NY"), ("5420 N Milwaukee Ave", "60630", "Chicago", "IL")],
            taxId: nil,
            currencies: [("EUR", 0.4), ("PLN", 0.6)]),
        ForeignCountry(
            code: "NO", polishName: "Norwegia", isEU: false,
            people: ["Ingrid Sørensen", "Håkon Berg"],
            companies: ["Fjordhus Interiør AS"],
            addresses: [("Karl Johans gate 10", "0154", "Oslo", ""), ("Bryggen 7", "5003", "Bergen", "")],
            taxId: { r in "NO" + digits(9, &r) + "MVA" },
            currencies: [("EUR", 0.5), ("PLN", 0.5)]),
        ForeignCountry(
            code: "CH", polishName: "Szwajcaria", isEU: false,
            people: ["Lukas Brunner", "Chiara Rüegg"],
            companies: ["Bergblick Handels AG"],
            addresses: [("Bahnhofstrasse 21", "8001", "Zürich", ""), ("Rue du Rhône 30", "1204", "Genève", "")],
            taxId: { r in "CHE-" + digits(3, &r) + "." + digits(3, &r) + "." + digits(3, &r) + " MWST" },
            currencies: [("EUR", 0.6), ("PLN", 0.4)]),
        ForeignCountry(
            code: "UA", polishName: "Ukraina", isEU: false,
            people: ["Oksana Kovalenko", "Andrii Shevchenko", "Olena Bondarenko"],
            companies: ["TOV Lvivska Kava", "FOP Kovalenko Oksana"],
            addresses: [("vul. Khreshchatyk 22", "01001", "Kyiv", ""), ("vul. Svobody 5", "79000", "Lviv", "")],
            taxId: { r in digits(8, &r) },
            currencies: [("PLN", 0.7), ("EUR", 0.3)]),
    ]

    static func country(_ code: String) -> ForeignCountry {
        countries.first { $0.code == code } ?? countries[0]
    }

    static let euCodes = countries.filter(\.isEU).map(\.code)
    static let nonEUCodes = countries.filter { !$0.isEU }.map(\.code)

    /// `811234567` → `811 234 567`.
    static func spaced(_ digits: String) -> String {
        var text = ""
        for (index, character) in digits.enumerated() {
            if index > 0, index % 3 == 0 { text += " " }
            text.append(character)
        }
        return text
    }

    struct ForeignDelivery {
        let method: String
        let module: String
        let pricesCents: [Int]
    }

    static let delivery: [ForeignDelivery] = [
        .init(method: "DHL Parcel International", module: "dhl", pricesCents: [4999, 5999, 0]),
        .init(method: "UPS Standard", module: "ups", pricesCents: [6999, 4999]),
        .init(method: "DPD Classic Europe", module: "dpd", pricesCents: [3999, 2999, 0]),
    ]
    static let prepaidMethods = ["PayPal", "Karta płatnicza", "Przelew SEPA"]
}
