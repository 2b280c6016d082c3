/// A gross total in Polish words, as invoices print it: `"sto dwadzieścia trzy złote 45/100"`.
/// Złoty takes its plural form; other currencies are named by their code (`"… EUR 45/100"`).
public enum AmountInWords {
    public static func polish(_ amount: Money, currency: String) -> String {
        let magnitude = amount.minorUnits.magnitude
        let whole = magnitude / 100
        let cents = magnitude % 100
        var words = number(whole)
        if amount.minorUnits < 0 { words = "minus " + words }
        let unit = currency.uppercased() == "PLN" ? plural(whole, ("złoty", "złote", "złotych")) : currency.uppercased()
        return "\(words) \(unit) \(cents < 10 ? "0" : "")\(cents)/100"
    }

    /// A whole number in words: `1234` → `"tysiąc dwieście trzydzieści cztery"`.
    static func number(_ value: UInt64) -> String {
        guard value > 0 else { return "zero" }
        var parts: [String] = []
        var rest = value
        var groupIndex = 0
        while rest > 0 {
            let group = rest % 1000
            if group > 0 {
                var words = groupIndex > 0 && group == 1 ? "" : hundreds(group)
                if groupIndex > 0 {
                    let name = plural(group, groups[groupIndex - 1])
                    words = words.isEmpty ? name : words + " " + name
                }
                parts.insert(words, at: 0)
            }
            rest /= 1000
            groupIndex += 1
        }
        return parts.joined(separator: " ")
    }

    private static func hundreds(_ value: UInt64) -> String {
        var words: [String] = []
        let h = Int(value / 100)
        let t = Int(value % 100 / 10)
        let u = Int(value % 10)
        if h > 0 { words.append(hundredNames[h]) }
        if t == 1 {
            words.append(teens[u])
        } else {
            if t > 1 { words.append(tens[t]) }
            if u > 0 { words.append(units[u]) }
        }
        return words.joined(separator: " ")
    }

    /// The Polish plural: one, few (2–4 but not 12–14), many.
    private static func plural(_ value: UInt64, _ forms: (String, String, String)) -> String {
        if value == 1 { return forms.0 }
        let lastTwo = value % 100
        let last = value % 10
        if (2...4).contains(last), !(12...14).contains(lastTwo) { return forms.1 }
        return forms.2
    }

    private static let units = ["", "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć"]
    private static let teens = [
        "dziesięć", "jedenaście", "dwanaście", "trzynaście", "czternaście", "piętnaście", "szesnaście",
        "siedemnaście", "osiemnaście", "dziewiętnaście",
    ]
    private static let tens = [
        "", "", "dwadzieścia", "trzydzieści", "czterdzieści", "pięćdziesiąt", "sześćdziesiąt",
        "siedemdziesiąt", "osiemdziesiąt", "dziewięćdziesiąt",
    ]
    private static let hundredNames = [
        "", "sto", "dwieście", "trzysta", "czterysta", "pięćset", "sześćset", "siedemset", "osiemset", "dziewięćset",
    ]
    private static let groups = [
        ("tysiąc", "tysiące", "tysięcy"), ("milion", "miliony", "milionów"), ("miliard", "miliardy", "miliardów"),
        ("bilion", "biliony", "bilionów"), ("biliard", "biliardy", "biliardów"), ("trylion", "tryliony", "trylionów"),
    ]
}

extension Money {
    /// `"1 234,56"`: the Polish way of printing an amount (a space between thousands, a decimal comma).
    var polishString: String {
        let magnitude = minorUnits.magnitude
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = " " + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let cents = magnitude % 100
        return "\(minorUnits < 0 ? "-" : "")\(whole)\(grouped),\(cents < 10 ? "0" : "")\(cents)"
    }
}

extension VATRate {
    /// How a printout labels the rate: `"23%"`, `"5,5%"`, `"zw"`, `"np"`, `"oo"`, `"0% WDT"`, `"0% eksport"`.
    var printedLabel: String {
        switch self {
        case .percent: return String(name.map { $0 == "." ? "," : $0 }) + "%"
        case .zeroWDT: return "0% WDT"
        case .zeroExport: return "0% eksport"
        default: return name
        }
    }
}
