/// An order status from `getOrderStatusList`.
public struct OrderStatus: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var nameForCustomer: String
    /// A hex colour such as `"#FF0000"`, or `""`.
    public var color: String

    public init(id: Int, name: String, nameForCustomer: String = "", color: String = "") {
        self.id = id
        self.name = name
        self.nameForCustomer = nameForCustomer
        self.color = color
    }

    public init(json: JSONValue) throws(BaseLinkerError) {
        let fields: FieldReader
        (id, fields) = try FieldReader.record(json, "status", id: "id")
        name = try fields.string("name")
        nameForCustomer = try fields.string("name_for_customer")
        color = try fields.string("color")
    }
}

/// One order source from `getOrderSources`: a type (`"personal"`, `"shop"`, `"allegro"`…) and
/// an id that is unique only within its type.
public struct OrderSource: Sendable, Hashable {
    public var type: String
    public var id: Int
    public var name: String

    /// Reads the `sources` object (type → id → name), sorted by type then id.
    package static func list(from sources: JSONValue) throws(BaseLinkerError) -> [OrderSource] {
        guard let types = sources.lenientObject else {
            throw FieldReader.error("sources: expected an object, got \(sources.excerpt)")
        }
        var result: [OrderSource] = []
        for (type, names) in types {
            let reader = FieldReader(object: ["names": names], context: "sources[\"\(type)\"]")
            for (key, name) in try reader.stringMap("names") {
                guard let id = Int(key) else {
                    throw FieldReader.error("sources[\"\(type)\"]: id \"\(key)\" is not a number")
                }
                result.append(OrderSource(type: type, id: id, name: name))
            }
        }
        return result.sorted { ($0.type, $0.id) < ($1.type, $1.id) }
    }
}

/// One event from `getJournalList`.
public struct JournalEntry: Sendable, Hashable {
    public var id: Int
    public var orderID: Int
    /// 1 order created, 7 invoice issued, 18 status changed, … (BaseLinker's event list).
    public var type: Int
    /// Depends on the type: the new status id for 18, the invoice id for 7, …; 0 when none.
    public var objectID: Int
    /// Unix seconds.
    public var date: Int

    public init(json: JSONValue) throws(BaseLinkerError) {
        let fields: FieldReader
        (id, fields) = try FieldReader.record(json, "log", id: "id")
        orderID = try fields.int("order_id") ?? 0
        type = try fields.requiredInt("log_type")
        objectID = try fields.int("object_id") ?? 0
        date = try fields.int("date") ?? 0
    }
}
