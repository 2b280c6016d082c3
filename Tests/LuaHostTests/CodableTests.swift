import LuaHost
import Testing

struct CodableTests {
    struct Line: Codable, Equatable {
        var name: String
        var quantity: Int
        var price_gross: Double
        var baselinker_warehouse: String?
    }

    struct Order: Codable, Equatable {
        var id: Int64
        var want_invoice: Bool
        var currency: String
        var lines: [Line]
        var note: String?
        var raw: LuaValue
    }

    let order = Order(
        id: 123, want_invoice: true, currency: "PLN",
        lines: [
            Line(name: "Kubek", quantity: 2, price_gross: 10, baselinker_warehouse: "bl_1"),
            Line(name: "Talerz\0ukryty", quantity: 1, price_gross: 7.5, baselinker_warehouse: nil),
        ],
        note: nil, raw: ["order_id": 123, "extra": [1, 2]])

    @Test("a Codable struct encodes to a Lua table with integers kept apart from floats")
    func encode() throws {
        let value = try LuaEncoder().encode(order)
        #expect(value["id"] == .integer(123))
        #expect(value["lines"][1]["quantity"] == .integer(2))
        #expect(value["lines"][1]["price_gross"] == .number(10))
        #expect(value["lines"][2]["baselinker_warehouse"] == .nil)
        #expect(value["note"] == .nil)
        #expect(value.tableValue?.fields.keys.contains("note") == false)
        #expect(value["raw"] == ["order_id": 123, "extra": [1, 2]])
    }

    @Test("a Codable struct survives a trip through a script")
    func roundTrip() throws {
        let runtime = try makeRuntime()
        let script = try runtime.load(
            """
            function touch(order)
              order.lines[1].quantity = order.lines[1].quantity + 1
              return order, math.type(order.lines[1].quantity), math.type(order.lines[1].price_gross)
            end
            """, name: "touch.lua")
        let results = try script.call("touch", LuaEncoder().encode(order))
        var expected = order
        expected.lines[0].quantity = 3
        #expect(try LuaDecoder().decode(Order.self, from: results[0]) == expected)
        #expect(results[1] == "integer")
        #expect(results[2] == "float")
    }

    @Test("decoding converts numbers only when exact")
    func exactNumbers() throws {
        #expect(try LuaDecoder().decode(Int.self, from: .number(3.0)) == 3)
        #expect(try LuaDecoder().decode(Double.self, from: .integer(3)) == 3.0)
        #expect(throws: DecodingError.self) { try LuaDecoder().decode(Int.self, from: .number(3.5)) }
        #expect(throws: DecodingError.self) { try LuaDecoder().decode(UInt8.self, from: .integer(300)) }
        #expect(throws: DecodingError.self) { try LuaDecoder().decode(Int.self, from: "3") }
    }

    @Test("a missing key names its path")
    func missingKey() throws {
        let value: LuaValue = ["id": 1, "want_invoice": true, "currency": "PLN", "lines": [["name": "x"]], "raw": [:]]
        do {
            _ = try LuaDecoder().decode(Order.self, from: value)
            Issue.record("decoded a line without quantity")
        } catch let DecodingError.keyNotFound(key, context) {
            #expect(key.stringValue == "quantity")
            #expect(context.codingPath.map(\.stringValue) == ["lines", "0"])
        }
    }

    @Test("a map is not an array")
    func mapIsNotArray() {
        #expect(throws: DecodingError.self) { try LuaDecoder().decode([Int].self, from: .table(LuaTable(array: [1, 2], fields: ["x": 3]))) }
    }

    @Test("an integer beyond Int64 cannot be encoded")
    func hugeInteger() {
        #expect(throws: EncodingError.self) { try LuaEncoder().encode(UInt64.max) }
    }

    final class Node: Encodable {
        var next: Node?
    }

    @Test("a cyclic object graph is an error, not a crash")
    func cyclicGraph() {
        let node = Node()
        node.next = node
        #expect(throws: EncodingError.self) { try LuaEncoder().encode(node) }
        node.next = nil
    }
}
