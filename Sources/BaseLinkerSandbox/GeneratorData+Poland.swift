/// Polish names, places and firms the generator draws buyers from.
enum PolandData {
    static let maleFirstNames = [
        "Łukasz", "Michał", "Paweł", "Grzegorz", "Wojciech", "Józef", "Mikołaj", "Jędrzej",
        "Krzysztof", "Tomasz", "Bartłomiej", "Zbigniew", "Maciej", "Jan", "Andrzej", "Sławomir",
    ]
    static let femaleFirstNames = [
        "Małgorzata", "Katarzyna", "Agnieszka", "Żaneta", "Bożena", "Zofia", "Ewa", "Urszula",
        "Jadwiga", "Magdalena", "Łucja", "Anna", "Joanna", "Dorota", "Halina", "Gabriela",
    ]
    /// Masculine and feminine forms.
    static let surnames: [(String, String)] = [
        ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"), ("Wójcik", "Wójcik"),
        ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"),
        ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"),
        ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"), ("Mazur", "Mazur"),
        ("Kwiatkowski", "Kwiatkowska"), ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"),
        ("Grabowski", "Grabowska"), ("Pawłowski", "Pawłowska"), ("Michalski", "Michalska"),
        ("Król", "Król"), ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"),
        ("Wróbel", "Wróbel"), ("Stępień", "Stępień"), ("Górski", "Górska"), ("Łuczak", "Łuczak"),
        ("Żak", "Żak"), ("Ślusarczyk", "Ślusarczyk"), ("Sołtysiak", "Sołtysiak"),
    ]
    /// City and the first two digits of its postcodes.
    static let cities: [(city: String, postcode: String)] = [
        ("Warszawa", "02"), ("Kraków", "31"), ("Łódź", "90"), ("Wrocław", "50"), ("Poznań", "61"),
        ("Gdańsk", "80"), ("Szczecin", "70"), ("Lublin", "20"), ("Białystok", "15"),
        ("Katowice", "40"), ("Toruń", "87"), ("Rzeszów", "35"), ("Olsztyn", "10"),
        ("Zielona Góra", "65"), ("Bielsko-Biała", "43"), ("Częstochowa", "42"), ("Zakopane", "34"),
        ("Świnoujście", "72"), ("Łomża", "18"), ("Żyrardów", "96"), ("Gniezno", "62"),
        ("Sopot", "81"), ("Kętrzyn", "11"), ("Głogów", "67"), ("Ełk", "19"), ("Śrem", "63"),
    ]
    static let streets = [
        "ul. Marszałkowska", "ul. Świętokrzyska", "ul. Żeromskiego", "al. Jerozolimskie",
        "ul. Piłsudskiego", "ul. Łąkowa", "ul. Źródlana", "ul. Kościuszki", "ul. Mickiewicza",
        "ul. Słowackiego", "ul. Wrzosowa", "ul. Jaśminowa", "ul. Grunwaldzka", "ul. Żółkiewskiego",
        "os. Tysiąclecia", "ul. Bohaterów Września", "ul. Ćwiklińskiej", "ul. Ogrodowa",
        "pl. Wolności", "ul. Długa", "ul. Księdza Skorupki", "ul. Wąska", "ul. Różana",
    ]
    static let companies = [
        "Przedsiębiorstwo Handlowe „Żuraw” Sp. z o.o.", "Kwiaciarnia Róża Anna Wiśniewska",
        "Biuro Rachunkowe Ślęża s.c.", "Hurtownia Łączność sp.j.", "Zakład Stolarski Dąb Józef Kowalczyk",
        "Pracownia Ceramiki Gliniana Łapa", "Kawiarnia Pod Żółtym Parasolem",
        "Księgarnia Źródło S.A.", "Agroturystyka Pod Świerkami", "Gabinet Stomatologiczny Uśmiech",
        "Szkoła Językowa Świat Słów Sp. z o.o.", "Restauracja Gęś w Kapuście",
        "Piekarnia Złoty Kłos Sp. z o.o.", "Drukarnia Żółw s.c. Paweł i Ewa Łęccy",
    ]
    static let emailDomains = ["gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl", "poczta.fm"]

    struct DeliveryOption {
        let method: String
        let module: String
        let pricesCents: [Int]
        let parcelPoint: Bool
    }

    static let shopDelivery: [DeliveryOption] = [
        .init(method: "InPost Paczkomat 24/7", module: "inpost", pricesCents: [1299, 999, 0], parcelPoint: true),
        .init(method: "Kurier DPD", module: "dpd", pricesCents: [1699, 1499, 0], parcelPoint: false),
        .init(method: "Kurier InPost", module: "inpost", pricesCents: [1499, 0], parcelPoint: false),
        .init(method: "Poczta Polska – Pocztex", module: "pocztapolska", pricesCents: [1399, 1199], parcelPoint: false),
        .init(method: "Orlen Paczka", module: "orlen", pricesCents: [899, 0], parcelPoint: true),
    ]
    static let allegroDelivery: [DeliveryOption] = [
        .init(method: "Allegro Paczkomaty InPost", module: "allegrokurier", pricesCents: [899, 0], parcelPoint: true),
        .init(method: "Allegro One Box", module: "allegrokurier", pricesCents: [799, 0], parcelPoint: true),
        .init(method: "Allegro Kurier DPD", module: "allegrokurier", pricesCents: [1299, 0], parcelPoint: false),
    ]
    static let pickup = DeliveryOption(method: "Odbiór osobisty", module: "", pricesCents: [0], parcelPoint: false)
    static let parcelPoints = [
        ("WAW12M", "Paczkomat WAW12M", "ul. Grójecka 17"), ("KRA08N", "Paczkomat KRA08N", "ul. Długa 40"),
        ("POZ33A", "Paczkomat POZ33A", "ul. Głogowska 112"), ("GDA21H", "Paczkomat GDA21H", "ul. Łąkowa 2"),
        ("LOD05M", "Paczkomat LOD05M", "ul. Piotrkowska 210"), ("WRO77K", "Paczkomat WRO77K", "ul. Świdnicka 8"),
    ]
    static let prepaidMethods = ["Przelewy24", "BLIK", "PayU", "Przelew tradycyjny", "Karta płatnicza"]
    static let userComments = [
        "", "", "", "", "Proszę o staranne zapakowanie – to prezent.", "Dzwonić przed doręczeniem.",
        "Proszę nie dzwonić domofonem, śpi dziecko.", "Faktura na firmę, dane w zamówieniu.",
    ]

    /// Polish letters and a few neighbours' ones written plainly, for logins and e-mails.
    static func ascii(_ text: String) -> String {
        let map: [Character: String] = [
            "ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z",
            "Ą": "a", "Ć": "c", "Ę": "e", "Ł": "l", "Ń": "n", "Ó": "o", "Ś": "s", "Ź": "z", "Ż": "z",
            "ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "á": "a", "í": "i", "ř": "r",
            "š": "s", "č": "c", "ž": "z", "ý": "y", "ě": "e", "ů": "u", "ø": "o", "å": "a", "ľ": "l",
            "ė": "e", "ū": "u", "Ž": "z", "Š": "s", "Č": "c", "Ř": "r", "Ľ": "l",
        ]
        var result = ""
        for character in text.lowercased() {
            if let plain = map[character] {
                result += plain
            } else if character.isASCII, character.isLetter || character.isNumber {
                result.append(character)
            } else if character == " " || character == "-" {
                result += "."
            }
        }
        return result
    }
}
