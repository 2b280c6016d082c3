public import GRDB

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

/// A contractor: a row of `contractors`, with the normalised name and tax id that look-ups
/// compare. Setting ``fields`` keeps them in step.
public struct Contractor: Identifiable, Hashable, Sendable, Codable {
    var rowID: Int64?
    public private(set) var name: String
    public private(set) var taxId: String
    public private(set) var address: String
    public private(set) var postcode: String
    public private(set) var city: String
    public private(set) var country: String
    public private(set) var email: String
    public private(set) var phone: String
    /// ``Normalize/name(_:)`` of the name.
    public private(set) var normalizedName: String
    /// ``Normalize/taxId(_:)`` of the tax id.
    public private(set) var normalizedTaxId: String

    /// The fields a caller sets, as one value.
    public var fields: ContractorFields {
        get {
            ContractorFields(
                name: name, taxId: taxId, address: address, postcode: postcode, city: city, country: country,
                email: email, phone: phone)
        }
        set { self = Contractor(newValue, id: rowID) }
    }

    /// A contractor to insert (`id` nil: the next free one).
    init(_ fields: ContractorFields, id: Int64?) {
        rowID = id
        name = fields.name
        taxId = fields.taxId
        address = fields.address
        postcode = fields.postcode
        city = fields.city
        country = fields.country
        email = fields.email
        phone = fields.phone
        normalizedName = Normalize.name(fields.name)
        normalizedTaxId = Normalize.taxId(fields.taxId)
    }

    /// The `contractors` columns, which are also the coding keys.
    public enum Columns: String, CodingKey, ColumnExpression, CaseIterable {
        case rowID = "id", name, address, postcode, city, country, email, phone
        case normalizedName = "name_normalized", taxId = "tax_id", normalizedTaxId = "tax_id_normalized"
    }

    typealias CodingKeys = Columns
}

extension Contractor: FetchableRecord, MutablePersistableRecord, RowIDRecord, KeptInsert {
    public static let databaseTableName = "contractors"
    static let insertSQL = makeInsertSQL()
}

extension ContractorFields {
    func validated() throws -> ContractorFields {
        var fields = self
        fields.name = Normalize.printable(name).trimmingSpaces
        fields.taxId = taxId.trimmingSpaces
        fields.country = country.trimmingSpaces.uppercased()
        guard !fields.name.isEmpty else { throw StoreError.invalid("a contractor needs a name") }
        return fields
    }
}
