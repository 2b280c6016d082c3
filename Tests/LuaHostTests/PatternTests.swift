import LuaHost
import Testing

/// The pattern functions are the runtime's own, bounded by the call's limits; these cases pin
/// them to the results of Lua 5.4's string library.
struct PatternTests {
    static let cases: [(expression: String, expected: String)] = [
        (#"string.find("hello world", "o w")"#, #"5, 7"#),
        (#"string.find("hello world", "l+")"#, #"3, 4"#),
        (#"string.find("hello", "l", 1, true)"#, #"3, 3"#),
        (#"string.find("a.b", ".", 1, true)"#, #"2, 2"#),
        (#"string.find("hello", "xyz")"#, #"nil"#),
        (#"string.find("hello", "", 10)"#, #"nil"#),
        (#"string.find("hello", "", 6)"#, #"6, 5"#),
        (#"string.find("hello", "l", -2)"#, #"4, 4"#),
        (#"string.find("  trim me  ", "^%s*(.-)%s*$")"#, #"1, 11, "trim me""#),
        (#"string.match("  trim me  ", "^%s*(.-)%s*$")"#, #""trim me""#),
        (#"string.match("key = value", "(%w+)%s*=%s*(%w+)")"#, #""key", "value""#),
        (#"string.match("2026-11-29", "(%d+)-(%d+)-(%d+)")"#, #""2026", "11", "29""#),
        (#"string.match("hello", "()ll()")"#, #"3, 5"#),
        (#"string.match("THE (quick) fox", "%((%a+)%)")"#, #""quick""#),
        (#"string.match("f(a(b)c)d", "%b()")"#, #""(a(b)c)""#),
        (#"string.match("THE (quick) fox", "%f[%a]%a+", 5)"#, #""quick""#),
        (#"string.match("hello hello", "(h%a+) %1")"#, #""hello""#),
        (#"string.match("abc", "[^a]+")"#, #""bc""#),
        (#"string.match("a]b", "[]]")"#, #""]""#),
        (#"string.match("x-y", "[a-z%-]+")"#, #""x-y""#),
        (#"string.match("café", "[\128-\255]+")"#, #""é""#),
        (#"string.match("a\0b", "%z")"#, #""\0""#),
        (#"string.match("a\0b", "a%zb")"#, #""a\0b""#),
        (#"string.match("price: 12.50 PLN", "(%d+%.?%d*)")"#, #""12.50""#),
        (#"string.match("abc", "^(b)")"#, #"nil"#),
        (#"string.match("abc$", "c%$")"#, #""c$""#),
        (#"string.match("abc", "b$")"#, #"nil"#),
        (#"string.match("aaa", "a-b")"#, #"nil"#),
        (#"string.match("aaab", "a-b")"#, #""aaab""#),
        (#"string.match("ab", "a?b?c?")"#, #""ab""#),
        (#"string.gsub("hello world", "o", "0")"#, #""hell0 w0rld", 2"#),
        (#"string.gsub("hello world", "(%w+)", "<%1>")"#, #""<hello> <world>", 2"#),
        (#"string.gsub("hello world", "%w+", "%0 %0", 1)"#, #""hello hello world", 1"#),
        (#"string.gsub("abc", "", "-")"#, #""-a-b-c-", 4"#),
        (#"string.gsub("abc", "%w*", "x")"#, #""x", 1"#),
        (#"string.gsub("hello", "l", {l = "L"})"#, #""heLLo", 2"#),
        (#"string.gsub("hello", "(h)(e)", function(a, b) return b .. a end)"#, #""ehllo", 1"#),
        (#"string.gsub("hello", ".", function(c) if c == "l" then return false end return c:upper() end)"#, #""HEllO", 5"#),
        (#"string.gsub("$name is $age", "%$(%w+)", {name = "Ann", age = 7})"#, #""Ann is 7", 2"#),
        (#"string.gsub("abc", "^a", "X")"#, #""Xbc", 1"#),
        (#"string.gsub("a,b,,c", ",", ";")"#, #""a;b;;c", 3"#),
        (#"string.gsub("50%", "%%", " percent")"#, #""50 percent", 1"#),
        (#"string.gsub("x", "x", "%%")"#, #""%", 1"#),
        (##"select("#", string.gsub("abc", "b", "%1"))"##, #"2"#),
        (#"(function() local t = {} for w in string.gmatch("one two  three", "%a+") do t[#t+1] = w end return table.concat(t, "|") end)()"#, #""one|two|three""#),
        (#"(function() local t = {} for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do t[#t+1] = k .. v end return table.concat(t, "|") end)()"#, #""a1|b2""#),
        (#"(function() local t = {} for w in string.gmatch("abc", "") do t[#t+1] = "." end return #t end)()"#, #"4"#),
        (#"(function() local t = {} for w in string.gmatch("hello world", "%a+", 7) do t[#t+1] = w end return table.concat(t, "|") end)()"#, #""world""#),
        (#"(function() local t = {} for p in string.gmatch("abc", "()") do t[#t+1] = p end return table.concat(t, ",") end)()"#, #""1,2,3,4""#),
        (#"("x"):rep(3):gsub("x", "y")"#, #""yyy", 3"#),
        (#"("%d"):format(5):match("%d")"#, #""5""#),
        (#"string.find(12345, 34)"#, #"3, 4"#),
        (#"pcall(string.find, "a", "[a")"#, #"false, "malformed pattern (missing ']')""#),
        (#"pcall(string.find, "a", "%")"#, #"false, "malformed pattern (ends with '%')""#),
        (#"pcall(string.match, "a", "(()")"#, #"false, "unfinished capture""#),
        (#"pcall(string.match, "a", "%1")"#, #"false, "invalid capture index %1""#),
        (#"pcall(string.gsub, "a", "a", "%2")"#, #"false, "invalid capture index %2""#),
        (#"pcall(string.gsub, "a", "a", "%x")"#, #"false, "invalid use of '%' in replacement string""#),
        (#"pcall(string.gsub, "a", "a", true)"#, #"false, "bad argument #3 to 'string.gsub' (string/function/table expected, got boolean)""#),
        (#"pcall(string.gsub, "a", "a", function() return {} end)"#, #"false, "invalid replacement value (a table)""#),
        (#"pcall(string.match, "a", "%f")"#, #"false, "missing '[' after '%f' in pattern""#),
        (#"pcall(string.match, "a", "%b")"#, #"false, "malformed pattern (missing arguments to '%b')""#),
        (#"pcall(string.find, "a", "a)")"#, #"true, nil"#),
    ]

    static let evaluator = """
        local function show(...)
          local out = {}
          for i = 1, select("#", ...) do
            local v = select(i, ...)
            if type(v) == "string" then out[#out + 1] = string.format("%q", v)
            else out[#out + 1] = tostring(v) end
          end
          return table.concat(out, ", ")
        end
        function eval(expression) return show(load("return " .. expression)()) end
        """

    @Test("find, match, gmatch and gsub give Lua's results", arguments: cases)
    func compatible(expression: String, expected: String) throws {
        let runtime = try makeRuntime()
        let script = try runtime.load(Self.evaluator, name: "eval.lua")
        #expect(try script.call("eval", .string(LuaString(expression))) == [.string(LuaString(expected))])
    }

    @Test("a backtracking pattern stops at the instruction budget", arguments: [
        #"string.find(string.rep("a", 1000), ".-.-b")"#,
        #"string.match(string.rep("a", 1000), "(.-)(.-)b")"#,
        #"string.gsub(string.rep("a", 1000), ".-.-b", "")"#,
        #"string.gmatch(string.rep("a", 1000), ".-.-b")()"#,
        #"(string.rep("a", 1000)):find(".-.-b")"#,
        #"pcall(string.find, string.rep("a", 1000), ".-.-b") or string.find("x", ".-.-y")"#,
    ])
    func backtracking(expression: String) throws {
        let runtime = try makeRuntime()
        let script = try runtime.load(
            "function attack(e) return load('return ' .. e)() end\nfunction add(a, b) return a + b end",
            name: "attack.lua")
        let error = scriptError { _ = try script.call("attack", .string(LuaString(expression))) }
        #expect(error?.kind == .instructionLimit, "got \(String(describing: error))")
        #expect(try script.call("add", 1, 2) == [3])
    }

    @Test("a backtracking pattern stops at the deadline when there is no instruction budget")
    func backtrackingDeadline() throws {
        let runtime = try makeRuntime(limits: LuaLimits(instructions: nil, timeout: .milliseconds(30), memory: 16 << 20))
        let script = try runtime.load(
            "function attack() return string.find(string.rep('a', 5000), '.-.-.-b') end", name: "attack.lua")
        #expect(scriptError { _ = try script.call("attack") }?.kind == .timeout)
    }
}
