public import FirminoStore
import Foundation

/// A change to a product card as a person gives it — the options of `products add|edit` or a
/// row of `products import` — each field as text, nil when not given (an edit leaves it as it
/// is). ``apply(to:in:)`` checks every field before it writes anything, so a bad value never
/// leaves half a card behind.
public struct ProductEdit: Sendable, Equatable {
    public var name: String?
    public var sku: String?
    public var ean: String?
    public var unit: String?
    /// `23`, `8`, `5`, `0`, `zw`, `np`, `oo`, `0wdt`, `0exp` (also `23%`, `5,5`).
    public var vatRate: String?
    /// A decimal amount with a point or a comma: `49.90`, `49,90`.
    public var grossPrice: String?
    /// Stock levels to set, by store warehouse id: whole units, not below zero.
    public var stock: [Int64: String] = [:]

    public init(
        name: String? = nil, sku: String? = nil, ean: String? = nil, unit: String? = nil, vatRate: String? = nil,
        grossPrice: String? = nil, stock: [Int64: String] = [:]
    ) {
        self.name = name
        self.sku = sku
        self.ean = ean
        self.unit = unit
        self.vatRate = vatRate
        self.grossPrice = grossPrice
        self.stock = stock
    }

    /// Whether the edit gives nothing at all.
    public var isEmpty: Bool { self == ProductEdit() }

    /// What the edit did to one card.
    public struct Outcome: Sendable {
        public let product: Product
        public let created: Bool
        /// `field: old → new`, one per field changed, in the order of the card's fields.
        public let changes: [String]
        /// Levels set, as `warehouse <id>: old → new`.
        public let stockChanges: [String]
    }

    /// A field's value the store cannot take, said for a person: `vat_rate: '22' is not a VAT
    /// rate …`.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let field: String
        public let message: String
        public var description: String { "\(field): \(message)" }
    }

    /// The card's fields with the edit applied, `card` nil for a new card (which needs a name;
    /// its unit defaults to `szt`, its rate to 23 and its price to 0).
    public func fields(over card: ProductFields?) throws(Problem) -> ProductFields {
        var fields = card ?? ProductFields(name: "")
        if let name {
            let trimmed = Normalize.printable(name).trimmingSpaces
            guard !trimmed.isEmpty else { throw Problem(field: "name", message: "a product needs a name") }
            fields.name = trimmed
        } else if card == nil {
            throw Problem(field: "name", message: "a new product needs a name")
        }
        if let sku { fields.sku = sku.trimmingSpaces.isEmpty ? nil : sku.trimmingSpaces }
        if let ean {
            let digits = ean.trimmingSpaces
            if !digits.isEmpty, let problem = Self.eanProblem(digits) {
                throw Problem(field: "ean", message: "'\(ean)' \(problem)")
            }
            fields.ean = digits.isEmpty ? nil : digits
        }
        if let unit { fields.unit = unit.trimmingSpaces.isEmpty ? "szt" : unit.trimmingSpaces }
        if let vatRate {
            // A card carries a Polish rate; an OSS sale abroad takes the buyer's country's on the document.
            guard let rate = VATRate(name: vatRate), Self.cardRates.contains(rate) else {
                throw Problem(field: "vat_rate", message: "'\(vatRate)' is not a VAT rate (23, 8, 5, 0, zw, np, oo, 0wdt, 0exp)")
            }
            fields.vatRate = rate
        }
        if let grossPrice {
            let text = grossPrice.trimmingSpaces.replacingOccurrences(of: ",", with: ".")
            let decimals = text.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first ?? ""
            guard decimals.count <= 2, !text.lowercased().contains("e"), let price = Money(decimalString: text), price >= .zero
            else {
                throw Problem(field: "price_gross", message: "'\(grossPrice)' is not an amount such as 49.90")
            }
            fields.grossPrice = price
        }
        return fields
    }

    /// The rates a product card may carry.
    static let cardRates: [VATRate] = [.percent(23), .percent(8), .percent(5), .percent(0), .exempt, .notTaxable, .reverseCharge, .zeroWDT, .zeroExport]

    /// The stock levels to set, checked: whole units, not below zero.
    public func quantities() throws(Problem) -> [Int64: Int] {
        var levels: [Int64: Int] = [:]
        for (warehouse, text) in stock {
            guard let quantity = Int(text.trimmingSpaces), quantity >= 0 else {
                throw Problem(field: "stock:\(warehouse)", message: "'\(text)' is not a whole number of units, 0 or more")
            }
            levels[warehouse] = quantity
        }
        return levels
    }

    /// Creates the card (`id` nil) or changes card `id`, and sets the levels given, in `tx`.
    /// Checks everything first — the fields, the card, the warehouses — and throws a
    /// ``Problem`` without writing when something is wrong.
    public func apply(to id: Int64?, in tx: StoreTransaction) throws -> Outcome {
        let card: Product?
        if let id {
            guard let found = try tx.product(id: id) else {
                throw Problem(field: "id", message: "there is no product \(id) (firmlink products list)")
            }
            card = found
        } else {
            card = nil
        }
        let fields = try fields(over: card?.fields)
        let levels = try quantities()
        for warehouse in levels.keys.sorted() where try tx.warehouse(id: warehouse) == nil {
            throw Problem(field: "stock:\(warehouse)", message: "there is no warehouse \(warehouse) (firmlink warehouses list)")
        }
        if let sku = fields.sku, let holder = try tx.productBySKU(sku), holder.id != card?.id {
            throw Problem(field: "sku", message: "'\(sku)' is the SKU of product \(holder.id) ('\(holder.name)') already")
        }
        let product = try card.map { try tx.updateProduct(id: $0.id, fields) } ?? tx.insertProduct(fields)
        var stockChanges: [String] = []
        for (warehouse, quantity) in levels.sorted(by: { $0.key < $1.key }) {
            let before = try tx.stockLevel(productId: product.id, warehouseId: warehouse)
            guard before != quantity else { continue }
            try tx.setStockLevel(productId: product.id, warehouseId: warehouse, to: quantity, reason: .manual)
            stockChanges.append("warehouse \(warehouse): \(before) → \(quantity)")
        }
        return Outcome(
            product: product, created: card == nil,
            changes: card.map { $0.fields.differences(to: fields) } ?? [], stockChanges: stockChanges)
    }

    /// Why `digits` is not an EAN (GTIN-8, -12, -13 or -14 with its check digit), or nil.
    static func eanProblem(_ digits: String) -> String? {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == digits.count, digits.allSatisfy(\.isASCII) else { return "is not all digits" }
        guard [8, 12, 13, 14].contains(values.count) else { return "has \(values.count) digits; an EAN has 8, 12, 13 or 14" }
        // GS1: from the right, excluding the check digit, weights 3, 1, 3, …
        let body = values.dropLast().reversed()
        let sum = body.enumerated().reduce(0) { $0 + $1.element * ($1.offset.isMultiple(of: 2) ? 3 : 1) }
        let check = (10 - sum % 10) % 10
        return check == values.last ? nil : "has a wrong check digit (\(values.last!); it should be \(check))"
    }
}
