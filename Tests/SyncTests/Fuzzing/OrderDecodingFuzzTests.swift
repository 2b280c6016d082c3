import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import PropertyBased
import Testing

/// The order decoder against broken and odd input: a `getOrders` order as the sandbox sends it,
/// its bytes mutated or its fields given values of other types. Whatever comes in, reading
/// ends — with an order, an order set aside with the field named, or an error saying where.
struct OrderDecodingFuzzTests {
    /// Orders of every kind the sandbox makes (companies, consumers, abroad, several lines,
    /// odd field types), as JSON objects.
    static func orders() async -> [JSONValue] {
        let account = SandboxAccount(seed: 7, orders: 40, products: 20)
        var values: [JSONValue] = []
        for order in await account.orders() {
            if let json = await account.orderJSON(order.id) { values.append(json) }
        }
        return values
    }

    /// Values of every type, and the texts BaseLinker's PHP has been seen to send.
    static let oddValues: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(0), .int(-1), .int(.max), .int(.min), .double(1e300), .double(-0.0),
        .double(0.5), .double(.leastNonzeroMagnitude), .string(""), .string(" "), .string("abc"), .string("1e400"), .string("NaN"),
        .string("29,99"), .string("-0"), .string("9223372036854775808"), .string("0x10"), .string("\u{0}"),
        .array([]), .array([.int(1)]), .object([:]), .object(["0": .string("x")]),
        (0..<400).reduce(JSONValue.int(1)) { inner, _ in .array([inner]) },
    ]

    @Test("mutated order bytes: parsed or refused at a byte offset; read, set aside naming the field, or refused naming the order")
    func mutatedBytes() async {
        let texts = await Self.orders().map { String(decoding: (try? $0.serialized()) ?? Data(), as: UTF8.self) }
        await propertyCheck(count: fuzzIterations(300), input: Gen.int(in: 0...(texts.count - 1)), Mutation.plans) {
            index, mutations in
            let bytes = Mutation.apply(mutations, to: texts[index])
            let value: JSONValue
            do {
                value = try JSONValue(parsing: Data(bytes))
            } catch let error as JSONParsingError {
                #expect((0...bytes.count).contains(error.offset), "\(error)")
                return
            } catch {
                Issue.record("not a JSONParsingError: \(error)")
                return
            }
            Self.expectClearReading(value)
        }
    }

    @Test("fields of another type: the order is read, or set aside with its id and the field named")
    func oddTypes() async {
        let orders = await Self.orders()
        let keys = orders.flatMap { $0.objectValue?.keys.map { $0 } ?? [] }
        let fieldKeys = Array(Set(keys)).sorted()
        let lineKeys = Array(Set(orders.flatMap { order in
            order["products"]?.arrayValue?.flatMap { $0.objectValue?.keys.map { $0 } ?? [] } ?? []
        })).sorted()
        let change = zip(
            Gen.bool, Gen.int(in: 0...10_000), Gen.int(in: 0...(Self.oddValues.count - 1)))
        await propertyCheck(
            count: fuzzIterations(300), input: Gen.int(in: 0...(orders.count - 1)), change.array(of: 1...4)
        ) { index, changes in
            var order = orders[index]
            for (inLine, which, valueIndex) in changes {
                let value = Self.oddValues[valueIndex]
                if inLine, case .array(var lines)? = order["products"], !lines.isEmpty {
                    let key = lineKeys[which % lineKeys.count]
                    let line = which % lines.count
                    lines[line] = Self.setting(key, to: value, in: lines[line])
                    order = Self.setting("products", to: .array(lines), in: order)
                } else {
                    let key = fieldKeys[which % fieldKeys.count]
                    order = Self.setting(key, to: value, in: order)
                }
            }
            Self.expectClearReading(order)
        }
    }

    @Test("a page nested past the parser's limit is refused, not a crash")
    func deepNesting() throws {
        for opener in ["[", "{\"a\":"] {
            let text = String(repeating: opener, count: 100_000) + "1"
            #expect(throws: JSONParsingError.self) { try JSONValue(parsing: Data(text.utf8)) }
        }
        let deep = String(repeating: "[", count: 500) + "1" + String(repeating: "]", count: 500)
        let order = #"{"order_id": 5, "products": "# + deep + "}"
        Self.expectClearReading(try JSONValue(parsing: Data(order.utf8)))
    }

    static func setting(_ key: String, to value: JSONValue, in object: JSONValue) -> JSONValue {
        guard case .object(var fields) = object else { return object }
        fields[key] = value
        return .object(fields)
    }

    /// Reading ends in one of the three clear ways.
    static func expectClearReading(_ value: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let order = try Order.reading(value)
            if let error = order.readError {
                #expect(error.message.contains("order \(order.id)"), "\(error)", sourceLocation: sourceLocation)
            }
        } catch {
            #expect(error.message.hasPrefix("order"), "\(error)", sourceLocation: sourceLocation)
        }
    }
}
