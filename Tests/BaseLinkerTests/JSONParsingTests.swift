import BaseLinker
import BaseLinkerModels
import Foundation
import Testing

@Suite("JSON parsing")
struct JSONParsingTests {
    func parse(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: Data(text.utf8))
    }

    @Test("values keep their JSON types: whole numbers are ints, others doubles")
    func types() throws {
        let value = try parse(#" { "a": 1, "b": -2, "c": 2.5, "d": 1e3, "e": "x", "f": true, "g": false, "h": null, "i": [], "j": {} } "#)
        #expect(value == ["a": 1, "b": -2, "c": 2.5, "d": 1000.0, "e": "x", "f": true, "g": false, "h": nil, "i": [], "j": [:]])
        #expect(try parse("9223372036854775807") == .int(Int64.max))
        #expect(try parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try parse("-0") == .int(0))
        #expect(try parse("0.1") == .double(0.1))
    }

    @Test("strings keep Polish letters and read every escape, surrogate pairs included")
    func strings() throws {
        #expect(try parse(#""Zażółć gęślą jaźń""#) == "Zażółć gęślą jaźń")
        #expect(try parse(#""Sp\u00f3\u0142ka \"X\"\\\/\n\t""#) == "Spółka \"X\"\\/\n\t")
        #expect(try parse(#""\ud83d\ude00""#) == "😀")
        #expect(try parse(#""\ud83d x""#) == "\u{FFFD} x")
    }

    @Test("a page of orders reads the same as through Codable")
    func matchesCodable() throws {
        let text = #"{"status":"SUCCESS","orders":[{"order_id":"6200051","products":[{"price_brutto":29.99,"tax_rate":-0.02,"name":"Kubek \"XL\"","quantity":"2"}],"want_invoice":"1","delivery_price":0,"payment_done":"50","custom_extra_fields":[]}]}"#
        let direct = try parse(text)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(direct == decoded)
        #expect(try JSONValue(parsing: direct.serialized()) == direct)
    }

    @Test("bad JSON is an error with the byte offset", arguments: [
        (#"{"a": 1,}"#, 8), (#"{"a" 1}"#, 5), (#"[1, 2"#, 5), (#""abc"#, 4), ("[1] x", 4),
        ("{\"a\": \"x\ny\"}", 8), ("tru", 0), ("-", 1), ("1.", 2), ("", 0), ("<html>", 0),
    ])
    func errors(text: String, offset: Int) throws {
        let error = try #require(throws: JSONParsingError.self) { try parse(text) }
        #expect(error.offset == offset, "\(error)")
    }

    @Test("nesting deeper than 512 levels is refused, not a crash")
    func depth() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParsingError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try parse(fine) }
    }
}
