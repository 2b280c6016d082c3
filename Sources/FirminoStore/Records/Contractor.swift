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
    /// The `id` column: nil only for a contractor built to be inserted, until the insert gives
    /// it (``didInsert(_:)``). None leaves the store without one, hence ``id``.
    private var rowID: Int64?
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

    /// The contractor's id. Every contractor the store hands out was read or inserted, so it
    /// has one.
    public var id: Int64 {
        guard let rowID else { preconditionFailure("a contractor was used before it was inserted") }
        return rowID
    }

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

    enum CodingKeys: String, CodingKey {
        case rowID = "id", name, address, postcode, city, country, email, phone
        case normalizedName = "name_normalized", taxId = "tax_id", normalizedTaxId = "tax_id_normalized"
    }
}

extension Contractor: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "contractors"

    /// The columns, for the query interface. Public only because GRDB's `TableRecord` names
    /// the type; the store alone queries its tables.
    public enum Columns {
        static let id = Column(CodingKeys.rowID)
        static let name = Column(CodingKeys.name)
        static let normalizedName = Column(CodingKeys.normalizedName)
        static let taxId = Column(CodingKeys.taxId)
        static let normalizedTaxId = Column(CodingKeys.normalizedTaxId)
        static let address = Column(CodingKeys.address)
        static let postcode = Column(CodingKeys.postcode)
        static let city = Column(CodingKeys.city)
        static let country = Column(CodingKeys.country)
        static let email = Column(CodingKeys.email)
        static let phone = Column(CodingKeys.phone)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        rowID = inserted.rowID
    }

    // Column by column rather than through `Codable`: read and written for most orders.

    public init(row: Row) throws {
        rowID = try row.decode(forColumn: "id")
        name = try row.decode(forColumn: "name")
        taxId = try row.decode(forColumn: "tax_id")
        address = try row.decode(forColumn: "address")
        postcode = try row.decode(forColumn: "postcode")
        city = try row.decode(forColumn: "city")
        country = try row.decode(forColumn: "country")
        email = try row.decode(forColumn: "email")
        phone = try row.decode(forColumn: "phone")
        normalizedName = try row.decode(forColumn: "name_normalized")
        normalizedTaxId = try row.decode(forColumn: "tax_id_normalized")
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = rowID
        container["name"] = name
        container["tax_id"] = taxId
        container["address"] = address
        container["postcode"] = postcode
        container["city"] = city
        container["country"] = country
        container["email"] = email
        container["phone"] = phone
        container["name_normalized"] = normalizedName
        container["tax_id_normalized"] = normalizedTaxId
    }
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

extension Contractor: KeptInsert {
    static let insertColumns: [String] = [
        CodingKeys.rowID, .name, .taxId, .address, .postcode, .city, .country, .email, .phone, .normalizedName,
        .normalizedTaxId,
    ].map(\.stringValue)
    static let insertSQL = makeInsertSQL()

    var insertArguments: StatementArguments {
        [rowID, name, taxId, address, postcode, city, country, email, phone, normalizedName, normalizedTaxId]
    }

    mutating func inserted(rowID: Int64) { self.rowID = rowID }
}
