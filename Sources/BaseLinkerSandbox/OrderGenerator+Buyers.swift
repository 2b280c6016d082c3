import Foundation

/// A buyer as an order carries it: where the parcel goes and whom the invoice names.
struct Buyer {
    var delivery: SandboxAddress
    /// All empty when the buyer gave no invoice data (common for consumers).
    var invoice: SandboxAddress
    var nip: String
    var email: String
    var phone: String
    var login: String
}

extension OrderGenerator {
    /// A buyer for the scenario; a quarter of the time a returning one of the same kind.
    mutating func buyer(for scenario: Scenario) -> Buyer {
        let key = "\(scenario.isCompany)-\(scenario.country)-\(scenario.wantInvoice)"
        if let known = returningBuyers[key], !known.isEmpty, random.chance(0.25) {
            return random.pick(known)
        }
        let buyer = scenario.country == "PL" ? polishBuyer(scenario) : foreignBuyer(scenario)
        returningBuyers[key, default: []].append(buyer)
        return buyer
    }

    private mutating func polishPerson() -> String {
        let surname = random.pick(PolandData.surnames)
        return random.chance(0.5)
            ? "\(random.pick(PolandData.maleFirstNames)) \(surname.0)"
            : "\(random.pick(PolandData.femaleFirstNames)) \(surname.1)"
    }

    private mutating func polishAddress(name: String, company: String) -> SandboxAddress {
        let place = random.pick(PolandData.cities)
        var number = String(random.int(1...180))
        if random.chance(0.4) { number += "/\(random.int(1...60))" } else if random.chance(0.1) { number += "A" }
        return SandboxAddress(
            fullname: name, company: company, address: "\(random.pick(PolandData.streets)) \(number)",
            postcode: "\(place.postcode)-\(String(format: "%03d", random.int(0...999)))", city: place.city,
            country: "Polska", countryCode: "PL")
    }

    private mutating func polishBuyer(_ scenario: Scenario) -> Buyer {
        let person = polishPerson()
        let plain = PolandData.ascii(person)
        let email = "\(plain)\(random.chance(0.5) ? String(random.int(1...99)) : "")@\(random.pick(PolandData.emailDomains))"
        let phone = random.chance(0.5)
            ? "+48 \(random.int(500...899)) \(random.int(100...999)) \(random.int(100...999))"
            : "\(random.int(500...899))\(random.int(100_000...999_999))"
        let login = plain.replacingOccurrences(of: ".", with: "_") + String(random.int(10...99))
        if scenario.isCompany {
            let company = random.pick(PolandData.companies)
            let seat = polishAddress(name: random.chance(0.5) ? person : "", company: company)
            var delivery = random.chance(0.7) ? seat : polishAddress(name: person, company: company)
            delivery.fullname = person
            if random.chance(0.3) { delivery.company = "" }
            return Buyer(delivery: delivery, invoice: seat, nip: formattedNIP(), email: email, phone: phone, login: login)
        }
        let delivery = polishAddress(name: person, company: "")
        let invoice = scenario.wantInvoice || random.chance(0.6) ? delivery : SandboxAddress()
        return Buyer(delivery: delivery, invoice: invoice, nip: "", email: email, phone: phone, login: login)
    }

    private mutating func foreignBuyer(_ scenario: Scenario) -> Buyer {
        let country = AbroadData.country(scenario.country)
        let person = random.pick(country.people)
        let (street, postcode, city, state) = random.pick(country.addresses)
        let plain = PolandData.ascii(person)
        let email = "\(plain)@\(random.pick(["gmail.com", "outlook.com", "web.de", "seznam.cz", "yahoo.com"]))"
        let phone = "+\(random.int(30...49)) \(random.int(100...999)) \(random.int(100_000...999_999))"
        var delivery = SandboxAddress(
            fullname: person, address: street, postcode: postcode, city: city, state: state,
            country: country.polishName, countryCode: country.code)
        if scenario.isCompany {
            let company = random.pick(country.companies)
            delivery.company = company
            var invoice = delivery
            if random.chance(0.5) { invoice.fullname = "" }
            let taxId = country.taxId.map { $0(&random) } ?? ""
            return Buyer(delivery: delivery, invoice: invoice, nip: taxId, email: email, phone: phone, login: plain)
        }
        let invoice = scenario.wantInvoice || random.chance(0.5) ? delivery : SandboxAddress()
        return Buyer(delivery: delivery, invoice: invoice, nip: "", email: email, phone: phone, login: plain)
    }

    /// A valid NIP, written the ways sellers and buyers write it.
    private mutating func formattedNIP() -> String {
        let nip = Self.validNIP(&random)
        let d = Array(nip)
        switch random.int(0...9) {
        case 0...4: return nip
        case 5, 6: return "PL" + nip
        case 7, 8: return "\(String(d[0..<3]))-\(String(d[3..<6]))-\(String(d[6..<8]))-\(String(d[8..<10]))"
        default: return "PL \(String(d[0..<3])) \(String(d[3..<6])) \(String(d[6..<8])) \(String(d[8..<10]))"
        }
    }

    /// Ten digits whose weighted sum (6 5 7 2 3 4 5 6 7) mod 11 is the last digit.
    static func validNIP(_ random: inout SeededRandom) -> String {
        let weights = [6, 5, 7, 2, 3, 4, 5, 6, 7]
        while true {
            var digits = [random.int(1...9)]
            for _ in 1..<9 { digits.append(random.int(0...9)) }
            let check = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11
            if check == 10 { continue }
            return (digits + [check]).map(String.init).joined()
        }
    }
}
