public import Foundation

/// The stable JSON shapes of the command line's listings, documented in the README: scripts
/// read them, so a key is never renamed or dropped. Keys are snake_case, money is a decimal
/// string (`"123.45"`), VAT rates are their names (`"23"`, `"zw"`, `"0wdt"`), dates are
/// `YYYY-MM-DD`, and an absent link is an explicit `null`, never a missing key.
public enum Listings {
    /// `documents list --json`: one object per document.
    public struct Document: Codable, Hashable, Sendable {
        public var id: Int64
        public var number: String
        public var type: DocumentType
        public var baselinkerOrderId: Int64?
        public var contractorId: Int64?
        public var issueDate: BusinessDate
        public var currency: String
        public var totalNet: Money
        public var totalVAT: Money
        public var totalGross: Money
        public var lines: [Line]

        public struct Line: Codable, Hashable, Sendable {
            public var name: String
            public var productId: Int64?
            public var warehouseId: Int64?
            public var quantity: Int
            /// The unit gross price.
            public var priceGross: Money
            public var vatRate: VATRate

            enum CodingKeys: String, CodingKey {
                case name, quantity
                case productId = "product_id", warehouseId = "warehouse_id", priceGross = "price_gross", vatRate = "vat_rate"
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(name, forKey: .name)
                try container.encode(productId, forKey: .productId)
                try container.encode(warehouseId, forKey: .warehouseId)
                try container.encode(quantity, forKey: .quantity)
                try container.encode(priceGross, forKey: .priceGross)
                try container.encode(vatRate, forKey: .vatRate)
            }
        }

        enum CodingKeys: String, CodingKey {
            case id, number, type, currency, lines
            case baselinkerOrderId = "baselinker_order_id", contractorId = "contractor_id", issueDate = "issue_date"
            case totalNet = "total_net", totalVAT = "total_vat", totalGross = "total_gross"
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

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(number, forKey: .number)
            try container.encode(type, forKey: .type)
            try container.encode(baselinkerOrderId, forKey: .baselinkerOrderId)
            try container.encode(contractorId, forKey: .contractorId)
            try container.encode(issueDate, forKey: .issueDate)
            try container.encode(currency, forKey: .currency)
            try container.encode(totalNet, forKey: .totalNet)
            try container.encode(totalVAT, forKey: .totalVAT)
            try container.encode(totalGross, forKey: .totalGross)
            try container.encode(lines, forKey: .lines)
        }
    }

    /// `stock --json`: one object per product and warehouse whose stock ever moved.
    public struct Stock: Codable, Hashable, Sendable {
        public var productId: Int64
        public var warehouseId: Int64
        public var quantity: Int

        enum CodingKeys: String, CodingKey {
            case quantity
            case productId = "product_id", warehouseId = "warehouse_id"
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
        public var sku: String?
        public var ean: String?
        public var unit: String
        public var vatRate: VATRate
        public var priceGross: Money
        public var baselinkerProductId: Int64?
        /// Raised on every change: what `products push` compares with its cursor.
        public var revision: Int64

        enum CodingKeys: String, CodingKey {
            case id, name, sku, ean, unit, revision
            case vatRate = "vat_rate", priceGross = "price_gross", baselinkerProductId = "baselinker_product_id"
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
            revision = product.revision
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(sku, forKey: .sku)
            try container.encode(ean, forKey: .ean)
            try container.encode(unit, forKey: .unit)
            try container.encode(vatRate, forKey: .vatRate)
            try container.encode(priceGross, forKey: .priceGross)
            try container.encode(baselinkerProductId, forKey: .baselinkerProductId)
            try container.encode(revision, forKey: .revision)
        }
    }

    /// `warehouses list --json`: one object per store warehouse.
    public struct Warehouse: Codable, Hashable, Sendable {
        public var id: Int64
        public var name: String
        public var country: String
        public var isDefault: Bool
        /// `bl_<id>`, or null when not linked.
        public var baselinkerWarehouse: String?

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

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(country, forKey: .country)
            try container.encode(isDefault, forKey: .isDefault)
            try container.encode(baselinkerWarehouse, forKey: .baselinkerWarehouse)
        }
    }

    /// The listings as the command line prints them: compact JSON, keys sorted, slashes as is.
    public static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
