public import Foundation

/// The stable JSON shapes of the command line's listings, documented in the README: scripts
/// read them, so a key is never renamed or dropped. Keys are snake_case, money is a decimal
/// string (`"123.45"`), VAT rates are their names (`"23"`, `"zw"`, `"0wdt"`), dates are
/// `YYYY-MM-DD`, and an absent link is an explicit `null` (``ExplicitNull``), never a missing key.
public enum Listings {
    /// `documents list --json`: one object per document.
    public struct Document: Codable, Hashable, Sendable {
        public var id: Int64
        public var number: String
        public var type: DocumentType
        @ExplicitNull public var baselinkerOrderId: Int64?
        @ExplicitNull public var contractorId: Int64?
        public var issueDate: BusinessDate
        public var currency: String
        public var totalNet: Money
        public var totalVAT: Money
        public var totalGross: Money
        public var lines: [Line]

        public struct Line: Codable, Hashable, Sendable {
            public var name: String
            @ExplicitNull public var productId: Int64?
            @ExplicitNull public var warehouseId: Int64?
            public var quantity: Int
            /// The unit gross price.
            public var priceGross: Money
            public var vatRate: VATRate

            enum CodingKeys: String, CodingKey {
                case name, productId = "product_id", warehouseId = "warehouse_id", quantity
                case priceGross = "price_gross", vatRate = "vat_rate"
            }
        }

        enum CodingKeys: String, CodingKey {
            case id, number, type, baselinkerOrderId = "baselinker_order_id", contractorId = "contractor_id"
            case issueDate = "issue_date", currency
            case totalNet = "total_net", totalVAT = "total_vat", totalGross = "total_gross", lines
        }

        public init(_ document: FirminoStore.Document) {
            id = document.id
            number = document.number
            type = document.type
            baselinkerOrderId = document.baselinkerOrderId
            contractorId = document.contractorId
            issueDate = document.issueDate
            currency = document.currency
            totalNet = document.totalNet
            totalVAT = document.totalVAT
            totalGross = document.totalGross
            lines = document.lines.map {
                Line(name: $0.name, productId: $0.productId, warehouseId: $0.warehouseId, quantity: $0.quantity,
                     priceGross: $0.unitGross, vatRate: $0.vatRate)
            }
        }
    }

    /// `stock --json`: one object per product and warehouse whose stock ever moved.
    public struct Stock: Codable, Hashable, Sendable {
        public var productId: Int64
        public var warehouseId: Int64
        public var quantity: Int

        enum CodingKeys: String, CodingKey {
            case productId = "product_id", warehouseId = "warehouse_id", quantity
        }

        public init(_ level: StockLevel) {
            productId = level.productId
            warehouseId = level.warehouseId
            quantity = level.quantity
        }
    }

    /// `products list --json`: one object per product card.
    public struct Product: Codable, Hashable, Sendable {
        public var id: Int64
        public var name: String
        @ExplicitNull public var sku: String?
        @ExplicitNull public var ean: String?
        public var unit: String
        public var vatRate: VATRate
        public var priceGross: Money
        @ExplicitNull public var baselinkerProductId: Int64?
        /// The linked variant of ``baselinkerProductId``; null for a plain product.
        @ExplicitNull public var baselinkerVariantId: Int64?
        /// Raised on every change: what `products push` compares with its cursor.
        public var revision: Int64

        enum CodingKeys: String, CodingKey {
            case id, name, sku, ean, unit, vatRate = "vat_rate", priceGross = "price_gross"
            case baselinkerProductId = "baselinker_product_id", baselinkerVariantId = "baselinker_variant_id", revision
        }

        public init(_ product: FirminoStore.Product) {
            id = product.id
            name = product.name
            sku = product.sku
            ean = product.ean
            unit = product.unit
            vatRate = product.vatRate
            priceGross = product.grossPrice
            baselinkerProductId = product.baselinkerProductId
            baselinkerVariantId = product.baselinkerVariantId
            revision = product.revision
        }
    }

    /// `warehouses list --json`: one object per store warehouse.
    public struct Warehouse: Codable, Hashable, Sendable {
        public var id: Int64
        public var name: String
        public var country: String
        public var isDefault: Bool
        /// `bl_<id>`, or null when not linked.
        @ExplicitNull public var baselinkerWarehouse: String?

        enum CodingKeys: String, CodingKey {
            case id, name, country
            case isDefault = "default", baselinkerWarehouse = "baselinker_warehouse"
        }

        public init(_ warehouse: FirminoStore.Warehouse) {
            id = warehouse.id
            name = warehouse.name
            country = warehouse.country
            isDefault = warehouse.isDefault
            baselinkerWarehouse = warehouse.baselinkerWarehouse
        }
    }

    /// `warehouses list --json`: both sides and the mapping. `baselinker` is null when
    /// BaseLinker was not asked (`--offline`) or not reached (`baselinker_error` says why).
    public struct Warehouses: Codable, Hashable, Sendable {
        public var store: [Warehouse]
        @ExplicitNull public var baselinker: [BaseLinkerWarehouse]?
        @ExplicitNull public var baselinkerError: String?

        enum CodingKeys: String, CodingKey {
            case store, baselinker, baselinkerError = "baselinker_error"
        }

        public init(store: [Warehouse], baselinker: [BaseLinkerWarehouse]?, baselinkerError: String?) {
            self.store = store
            self.baselinker = baselinker
            self.baselinkerError = baselinkerError
        }
    }

    /// One of BaseLinker's warehouses: `bl_1`, `shop_5`…; `mapped_to` is the store warehouse
    /// linked to it, or null.
    public struct BaseLinkerWarehouse: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var isDefault: Bool
        @ExplicitNull public var mappedTo: Int64?

        enum CodingKeys: String, CodingKey {
            case id, name, isDefault = "default", mappedTo = "mapped_to"
        }

        public init(id: String, name: String, isDefault: Bool, mappedTo: Int64?) {
            self.id = id
            self.name = name
            self.isDefault = isDefault
            self.mappedTo = mappedTo
        }
    }

    /// `orders list --json`: one object per order set aside. Instants are ISO 8601 in UTC.
    public struct OrderIssue: Codable, Hashable, Sendable {
        public var orderId: Int64
        /// `failed`, `held`, `skipped` or `retry`.
        public var state: String
        public var reason: String
        /// A failure's kind (`hook_answer`, …), else null.
        @ExplicitNull public var kind: String?
        public var since: String
        public var lastSeen: String
        public var tries: Int

        enum CodingKeys: String, CodingKey {
            case orderId = "order_id", state, reason, kind, since, lastSeen = "last_seen", tries
        }

        public init(_ issue: FirminoStore.OrderIssue) {
            orderId = issue.orderId
            state = issue.state.rawValue
            reason = issue.reason
            kind = issue.kind
            since = issue.since.formatted(.iso8601)
            lastSeen = issue.lastSeen.formatted(.iso8601)
            tries = issue.tries
        }
    }

    /// The listings as the command line prints them: compact JSON, keys sorted, slashes as is.
    public static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// An optional that encodes as an explicit `null` when absent. Synthesised `Encodable`
    /// leaves a nil optional's key out; a listing's keys are all there, whatever the row holds.
    /// Decoding reads `null` or a missing key as nil. (Public only because public properties
    /// wear it.)
    @propertyWrapper
    public struct ExplicitNull<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
        public var wrappedValue: Value?

        public init(wrappedValue: Value?) {
            self.wrappedValue = wrappedValue
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if let wrappedValue {
                try container.encode(wrappedValue)
            } else {
                try container.encodeNil()
            }
        }
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as nil, as it does for a plain optional.
    func decode<Value>(
        _ type: Listings.ExplicitNull<Value>.Type, forKey key: Key
    ) throws -> Listings.ExplicitNull<Value> {
        Listings.ExplicitNull(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
}
