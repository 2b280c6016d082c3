/// Facts about countries and tax ids: what the rules use (`ctx.util.is_eu`,
/// `ctx.util.valid_nip`) and what the configuration checks of the seller.
public enum TaxFacts {
    /// The 27 member states; Greece as `GR` (ISO 3166) or `EL` (its VAT prefix).
    public static let euCountries: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU",
        "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ]

    public static func isEU(_ countryCode: String) -> Bool {
        euCountries.contains(countryCode.trimmingSpaces.uppercased())
    }

    /// A Polish NIP: ten digits (after removing spaces, dashes, dots and an optional `PL`)
    /// whose check digit is the weighted sum 6,5,7,2,3,4,5,6,7 modulo 11.
    public static func isValidNIP(_ text: String) -> Bool {
        var normalized = Normalize.taxId(text)
        if normalized.hasPrefix("PL") { normalized.removeFirst(2) }
        let digits = normalized.compactMap(\.wholeNumberValue)
        guard digits.count == 10, normalized.count == 10 else { return false }
        let weights = [6, 5, 7, 2, 3, 4, 5, 6, 7]
        let sum = zip(weights, digits).reduce(0) { $0 + $1.0 * $1.1 }
        let check = sum % 11
        return check != 10 && check == digits[9]
    }
}
