import BaseLinker
import BaseLinkerModels
import FirminoStore
import LuaHost

/// The `order` and `line` tables the hooks receive (docs/rules.md): BaseLinker's order normalised —
/// numbers are numbers, flags booleans, countries upper-case, VAT rates a number (`23`, `5.5`)
/// or a name (`"zw"`, `"np"`, `"oo"`), amounts in the order's currency units — plus `raw`, the
/// order object exactly as BaseLinker sent it.
enum OrderTable {
    /// The order table; `warehouses` (one store warehouse id per line, once `line_warehouse`
    /// has run) sets each line's `warehouse_id`.
    static func value(_ order: SyncOrder, warehouses: [Int64]? = nil) -> LuaValue {
        var table = LuaTable()
        table.fields.reserveCapacity(20)  // the fields below: set without growing the table
        table["id"] = .integer(Int64(order.id))
        table["source"] = .string(LuaString(order.source))
        table["status_id"] = order.statusId.map { .integer(Int64($0)) } ?? .nil
        table["status"] = order.statusName.map { .string(LuaString($0)) } ?? .nil
        table["want_invoice"] = .boolean(order.wantInvoice)
        table["currency"] = .string(LuaString(order.currency))
        table["date_confirmed"] = .integer(Int64(order.dateConfirmed))
        table["email"] = .string(LuaString(order.email))
        table["phone"] = .string(LuaString(order.phone))
        table["payment_method"] = .string(LuaString(order.paymentMethod))
        table["cod"] = .boolean(order.cashOnDelivery)
        table["delivery_method"] = .string(LuaString(order.deliveryMethod))
        table["delivery_price"] = amount(order.deliveryPrice)
        table["total_gross"] = totalGross(order)
        table["buyer"] = party(order.buyer)
        table["delivery"] = party(order.delivery)
        table["lines"] = .table(LuaTable(array: order.lines.indices.map { index in
            line(order.lines[index], warehouse: warehouses?[index])
        }))
        table["raw"] = json(order.raw)
        return .table(table)
    }

    static func line(_ line: SyncOrder.Line, warehouse: Int64? = nil) -> LuaValue {
        var table = LuaTable()
        table.fields.reserveCapacity(11)
        table["name"] = .string(LuaString(line.name))
        table["sku"] = .string(LuaString(line.sku))
        table["ean"] = .string(LuaString(line.ean))
        table["quantity"] = .integer(Int64(line.quantity))
        table["price_gross"] = amount(line.unitGross)
        table["total_gross"] = totalGross(line)
        table["vat_rate"] = vatRate(line.vatRate)
        table["baselinker_warehouse"] = line.baselinkerWarehouse.map { .string(LuaString($0)) } ?? .nil
        table["baselinker_product_id"] = line.baselinkerProductId.map { .string(LuaString($0)) } ?? .nil
        table["baselinker_variant_id"] = line.baselinkerVariantId.map { .string(LuaString($0)) } ?? .nil
        table["warehouse_id"] = warehouse.map { .integer($0) } ?? .nil
        return .table(table)
    }

    static func party(_ party: SyncOrder.Party) -> LuaValue {
        [
            "name": .string(LuaString(party.name)),
            "company": .string(LuaString(party.company)),
            "tax_id": .string(LuaString(party.taxId)),
            "address": .string(LuaString(party.address)),
            "postcode": .string(LuaString(party.postcode)),
            "city": .string(LuaString(party.city)),
            "country_code": .string(LuaString(party.countryCode)),
        ]
    }

    /// The order's gross value: its lines plus delivery, summed in minor units (in floating
    /// point only past what 64-bit minor units hold, which no document can be issued for).
    static func totalGross(_ order: SyncOrder) -> LuaValue {
        var total: Money? = order.deliveryPrice
        for line in order.lines {
            total = total.flatMap { sum in line.unitGross.multiplied(by: line.quantity).flatMap(sum.adding) }
        }
        if let total { return amount(total) }
        let lines = order.lines.map { Double($0.unitGross.minorUnits) * Double($0.quantity) }.reduce(0, +)
        return .number((lines + Double(order.deliveryPrice.minorUnits)) / 100)
    }

    /// A line's gross value: its unit gross price times its quantity.
    static func totalGross(_ line: SyncOrder.Line) -> LuaValue {
        if let total = line.unitGross.multiplied(by: line.quantity) { return amount(total) }
        return .number(Double(line.unitGross.minorUnits) * Double(line.quantity) / 100)
    }

    /// An amount as a Lua number in currency units (`29.99`); whole amounts stay floats.
    static func amount(_ money: Money) -> LuaValue {
        .number(Double(money.minorUnits) / 100)
    }

    /// A percentage as a number (an integer when whole), a named rate as its name.
    static func vatRate(_ rate: VATRate) -> LuaValue {
        switch rate {
        case .percent(let hundredths):
            return hundredths % 100 == 0 ? .integer(Int64(hundredths / 100)) : .number(Double(hundredths) / 100)
        default:
            return .string(LuaString(rate.name))
        }
    }

    /// JSON as Lua data: objects and arrays become tables, `null` becomes nil.
    static func json(_ value: JSONValue) -> LuaValue {
        switch value {
        case .null: return .nil
        case .bool(let flag): return .boolean(flag)
        case .int(let number): return .integer(number)
        case .double(let number): return .number(number)
        case .string(let text): return .string(LuaString(text))
        case .array(let items): return .table(LuaTable(array: items.map(json)))
        case .object(let object):
            var fields: [LuaKey: LuaValue] = [:]
            fields.reserveCapacity(object.count)
            for (key, item) in object where item != .null { fields[.string(LuaString(key))] = json(item) }
            return .table(LuaTable(array: [], fields: fields))
        }
    }
}
