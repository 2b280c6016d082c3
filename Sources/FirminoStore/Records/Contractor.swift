import GRDB

/// What a caller sets on a contractor (a buyer). Empty strings stand for unknown values.
public struct ContractorFields: Hashable, Sendable {
    public var name: String
    public var taxId: String
    public var address: String
    public var postcode: String
    public var city: String
    /// ISO 3166 alpha-2, kept upper-case.
    public var country: String
    public var email: String
    public var phone: String

    public init(
        name: String, taxId: String = "", address: String = "", postcode: String = "",
        city: String = "", country: String = "PL", email: String = "", phone: String = ""
    ) {
        self.name = name
        self.taxId = taxId
        self.address = address
        self.postcode = postcode
        self.city = city
        self.country = country
        self.email = email
        self.phone = phone
    }
}

/// A contractor, with the normalised name and tax id that look-ups compare.
@dynamicMemberLookup
public struct Contractor: Identifiable, Hashable, Sendable {
    public let id: Int64
    public var fields: ContractorFields
    public var normalizedName: String
    public var normalizedTaxId: String

    public subscript<T>(dynamicMember keyPath: KeyPath<ContractorFields, T>) -> T {
        fields[keyPath: keyPath]
    }
}

extension Contractor {
    static let columns =
        "id, name, name_normalized, tax_id, tax_id_normalized, address, postcode, city, country, email, phone"

    init(row: Row) {
        id = row["id"]
        normalizedName = row["name_normalized"]
        normalizedTaxId = row["tax_id_normalized"]
        fields = ContractorFields(
            name: row["name"], taxId: row["tax_id"], address: row["address"],
            postcode: row["postcode"], city: row["city"], country: row["country"],
            email: row["email"], phone: row["phone"])
    }
}

extension ContractorFields {
    func validated() throws -> ContractorFields {
        var fields = self
        fields.name = name.trimmingSpaces
        fields.taxId = taxId.trimmingSpaces
        fields.country = country.trimmingSpaces.uppercased()
        guard !fields.name.isEmpty else { throw StoreError.invalid("a contractor needs a name") }
        return fields
    }
}
