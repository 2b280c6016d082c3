import LuaHost
import Testing

/// `string.find`, `match`, `gmatch`, `gsub` and `rep` run on the host's own code (the bounded
/// matcher), yet answer exactly as Lua 5.4's own functions: results, errors and their messages.
/// Each case is a Lua expression and what Lua 5.4.4 returned for it, through the evaluator below
/// (the cases: `PatternConformanceCases+Matching.swift`, `+Replacing.swift`).
struct PatternConformanceTests {
    struct Case: Sendable, CustomStringConvertible {
        let expression: String
        /// `pcall`'s results for the expression: strings quoted, bytes outside printable ASCII
        /// as `\ddd`, other values by `tostring` or their type.
        let expected: String

        init(_ expression: String, _ expected: String) {
            self.expression = expression
            self.expected = expected
        }

        var description: String { expression }
    }

    /// Runs one expression under `pcall` and shows its results; `each` shows every result of an
    /// iterator. It uses no pattern function itself, so it cannot hide a wrong one.
    static let evaluator = #"""
        local function quote(s)
          local out = {}
          for i = 1, #s do
            local b = string.byte(s, i)
            if b == 34 or b == 92 then out[i] = "\\" .. string.char(b)
            elseif b >= 32 and b < 127 then out[i] = string.char(b)
            else out[i] = string.format("\\%03d", b) end
          end
          return '"' .. table.concat(out) .. '"'
        end
        local function show(...)
          local out = {}
          for i = 1, select("#", ...) do
            local v = select(i, ...)
            local kind = type(v)
            if kind == "string" then out[i] = quote(v)
            elseif kind == "number" or kind == "boolean" or kind == "nil" then out[i] = tostring(v)
            else out[i] = kind end
          end
          return table.concat(out, ", ")
        end
        function each(iterator)
          local rows = {}
          for _ = 1, 100 do
            local row = table.pack(iterator())
            if row.n == 0 or row[1] == nil then break end
            rows[#rows + 1] = "{" .. show(table.unpack(row, 1, row.n)) .. "}"
          end
          return table.concat(rows, " ")
        end
        function eval(expression)
          local chunk = assert(load("return " .. expression, "=case"))
          return show(pcall(chunk))
        end
        """#

    static let groups: [(name: String, cases: [Case])] = [
        ("the manual's examples", manualExamples),
        ("find, plain and with init", find),
        ("match", match),
        ("anchors", anchors),
        ("character classes and escapes", classes),
        ("sets, ranges and %]", sets),
        ("quantifiers", quantifiers),
        ("captures, position captures and back-references", captures),
        ("%b and %f", balanceAndFrontier),
        ("gmatch, empty matches and init", gmatch),
        ("gsub replacements and n", gsub),
        ("errors for malformed patterns and bad arguments", errors),
        ("rep", rep),
        ("UTF-8 text as bytes", utf8Bytes),
    ]

    @Test("the string functions answer as Lua 5.4 does", arguments: groups.map(\.name))
    func conformance(group: String) throws {
        let cases = try #require(Self.groups.first { $0.name == group }).cases
        let runtime = try makeRuntime(limits: LuaLimits(instructions: 10_000_000, timeout: .seconds(20), memory: 64 << 20))
        let script = try runtime.load(Self.evaluator, name: "eval.lua")
        for item in cases {
            let answer = try script.call("eval", .string(LuaString(item.expression)))
            #expect(answer == [.string(LuaString(item.expected))], "\(item.expression)")
        }
    }
}
