import LuaHost
import Testing

struct LuaValueTests {
    let runtime: LuaRuntime
    let echo: LuaScript

    init() throws {
        runtime = try makeRuntime()
        echo = try runtime.load(
            """
            function echo(...) return ... end
            function types(...)
              local out = {}
              for i = 1, select('#', ...) do
                local v = select(i, ...)
                out[i] = type(v) == "number" and math.type(v) or type(v)
              end
              return table.concat(out, " ")
            end
            function make() return "a\\0b", 3, 3.0, -0.0, math.maxinteger, 2^63, {1, 2, 3, n = "x", [10] = true} end
            function cyclic() local t = {} t.self = t return t end
            function fn() return {f = print or tostring} end
            function keyed() return {[{}] = 1} end
            """, name: "echo.lua")
    }

    @Test("strings keep embedded zeros and bytes that are not UTF-8")
    func bytes() throws {
        let bytes: [UInt8] = [0x61, 0x00, 0x62, 0xFF, 0xFE, 0x00]
        let value = LuaValue.string(LuaString(bytes: bytes))
        let back = try echo.call("echo", value)
        #expect(back == [value])
        #expect(back.first.map { if case .string(let s) = $0 { s.bytes } else { [] } } == bytes)
        #expect(try echo.call("make").first == .string(LuaString(bytes: [0x61, 0, 0x62])))
    }

    @Test("integers stay integers and floats stay floats, both ways")
    func numbers() throws {
        #expect(try echo.call("types", 3, 3.0, .integer(Int64.max), .number(-0.0)) == ["integer float integer float"])
        let made = try echo.call("make")
        #expect(made[1] == .integer(3))
        #expect(made[2] == .number(3.0))
        #expect(made[4] == .integer(Int64.max))
        #expect(made[5] == .number(9_223_372_036_854_775_808.0))
        #expect(try echo.call("echo", .integer(Int64.min), .number(0.1)) == [.integer(Int64.min), .number(0.1)])
    }

    @Test("a table with keys 1...n is an array; other keys are fields")
    func tables() throws {
        let made = try echo.call("make")[6]
        #expect(made.tableValue?.array == [1, 2, 3])
        #expect(made.tableValue?.fields == ["n": "x", .integer(10): true])
        #expect(made[2] == 2)
        #expect(made["n"] == "x")
    }

    @Test("nested tables round-trip")
    func nested() throws {
        let order: LuaValue = [
            "id": 7, "want_invoice": false, "total": 12.5,
            "buyer": ["name": "Zażółć Gęślą", "country_code": "PL"],
            "lines": [["sku": "A", "quantity": 2], ["sku": "B", "quantity": 1, "tags": ["x", "y"]]],
            "empty": [:],
        ]
        #expect(try echo.call("echo", order) == [order])
    }

    @Test("nil in an array leaves a hole, and the rest is read back as fields")
    func holes() throws {
        let back = try echo.call("echo", [1, .nil, 3])
        #expect(back.first?.tableValue?.array == [1])
        #expect(back.first?.tableValue?.fields == [.integer(3): 3])
    }

    @Test("a cyclic table is an error, not a crash, and the runtime goes on")
    func cycle() throws {
        let error = scriptError { _ = try echo.call("cyclic") }
        #expect(error?.kind == .invalidValue)
        #expect(error?.message.contains("cycle") == true)
        #expect(try echo.call("echo", 1) == [1])
    }

    @Test("functions and table keys cannot leave Lua")
    func nonData() throws {
        #expect(scriptError { _ = try echo.call("fn") }?.kind == .invalidValue)
        #expect(scriptError { _ = try echo.call("keyed") }?.kind == .invalidValue)
        #expect(try echo.call("echo", "ok") == ["ok"])
    }

    @Test("a NaN table key is refused before it reaches Lua")
    func nanKey() throws {
        let table = LuaValue.table(LuaTable(array: [], fields: [.number(.nan): 1]))
        #expect(scriptError { _ = try echo.call("echo", table) }?.kind == .invalidValue)
        #expect(try echo.call("echo", 2) == [2])
    }

    @Test("a retained table is passed by reference and keeps the script's changes")
    func retained() throws {
        let script = try runtime.load("function bump(t) t.n = t.n + 1 return t.n end", name: "bump.lua")
        let counter = try runtime.retain(["n": 0])
        #expect(try script.call("bump", .reference(counter)) == [1])
        #expect(try script.call("bump", .reference(counter)) == [2])
        #expect(try runtime.value(of: counter) == ["n": 2])
        runtime.release(counter)
    }

    @Test("set writes a nested field of a retained table in place; a path through a non-table is refused")
    func setInPlace() throws {
        let order = try runtime.retain(["lines": .table(LuaTable(array: [["name": "Kubek"], ["name": "Talerz"]])), "id": 7])
        try runtime.set(.integer(3), at: ["lines", 2, "warehouse_id"], in: order)
        try runtime.set("PL", at: ["country"], in: order)
        #expect(try runtime.value(of: order) == [
            "lines": .table(LuaTable(array: [["name": "Kubek"], ["name": "Talerz", "warehouse_id": 3]])), "id": 7, "country": "PL",
        ])
        #expect(scriptError { try runtime.set(1, at: ["id", "x"], in: order) }?.kind == .invalidValue)
        #expect(scriptError { try runtime.set(1, at: ["lines", 5, "x"], in: order) }?.kind == .invalidValue)
        runtime.release(order)
    }

    @Test("a reference from another runtime is refused")
    func foreignReference() throws {
        let other = try makeRuntime()
        let reference = try other.retain(["x": 1])
        #expect(scriptError { _ = try echo.call("echo", .reference(reference)) }?.kind == .invalidValue)
    }

    @Test("a reference from a freed runtime is refused by a runtime made after it, even at the same address")
    func staleReference() throws {
        // A new state often lands where the freed one was; try a few times so that it does.
        for _ in 0..<8 {
            let stale = try { () throws -> LuaReference in
                let old = try makeRuntime()
                return try old.retain(["secret": 1])
            }()
            let fresh = try makeRuntime()
            let own = try fresh.retain(["x": 2])
            #expect(scriptError { _ = try fresh.value(of: stale) }?.kind == .invalidValue)
            #expect(try fresh.value(of: own) == ["x": 2])
        }
    }

    @Test("descriptions read like Lua source")
    func descriptions() {
        let value: LuaValue = [1, 2.5, "a\"b"]
        #expect(value.description == #"{1, 2.5, "a\"b"}"#)
        let map: LuaValue = ["b": true, "a": .nil, "x y": 1]
        #expect(map.description == #"{["x y"] = 1, a = nil, b = true}"#)
    }
}
