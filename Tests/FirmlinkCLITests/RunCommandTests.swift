import Foundation
import Testing

/// `firmlink run FILE`: a Lua script in the rule sandbox, with a `print` to standard output;
/// script errors and limits exit with 1 and say where, an unreadable file exits with 2.
struct RunCommandTests {
    /// Writes `script.lua` holding `source` in a fresh folder and runs `firmlink run script.lua`
    /// there with `options` after the file.
    func run(_ source: String, options: [String] = []) async throws -> FirmlinkProcess.Result {
        try await FirmlinkProcess.launch(["run", "script.lua"] + options, files: ["script.lua": source])
    }

    @Test("print writes its arguments tab-separated, as Lua's tostring shows them, one line per call")
    func printIsLuaPrint() async throws {
        let result = try await run("""
            print("zażółć", 1, 2.5, true, nil, 10 // 3)
            print()
            local t = {}
            for i = 1, 3 do t[#t + 1] = i * i end
            print(table.concat(t, ","), #"gęś", utf8.len("gęś"), math.maxinteger)
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "zażółć\t1\t2.5\ttrue\tnil\t3\n\n1,4,9\t5\t3\t9223372036854775807\n")
        #expect(result.stderr.isEmpty)
    }

    @Test("a first line starting with # (a shebang) is skipped, and the lines keep their numbers")
    func shebang() async throws {
        let result = try await run("#!/usr/bin/env -S firmlink run\nprint(\"hej\")\nerror(\"stop\")\n")
        #expect(result.status == 1)
        #expect(result.stdout == "hej\n")
        #expect(result.stderr.hasPrefix("script.lua:3: stop"), "\(result.stderr)")
    }

    @Test("a memory cap too large to express is a usage error, not a wrapped-around tiny cap")
    func hugeMemoryCap() async throws {
        let result = try await run("print(\"hi\")\n", options: ["--memory-mb", "17592186044416"])
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("--memory-mb"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a runtime error prints file:line: message and a traceback to standard error and exits with 1")
    func runtimeError() async throws {
        let result = try await run("""
            print("before")
            local function check(n)
              if n > 2 then error("too many boxes: " .. n) end
            end
            check(3)
            print("after")
            """)
        #expect(result.status == 1)
        #expect(result.stdout == "before\n", "the script ran up to the error, and no further")
        #expect(result.stderr.contains("script.lua:3: too many boxes: 3"), "\(result.stderr)")
        #expect(result.stderr.contains("stack traceback"), "\(result.stderr)")
        #expect(result.stderr.contains("script.lua:5"), "the traceback names the calling line: \(result.stderr)")
    }

    @Test("an operation on nil is a runtime error naming its line")
    func nilArithmetic() async throws {
        let result = try await run("local total = 0\nlocal missing\ntotal = total + missing.price\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("script.lua:3:"), "\(result.stderr)")
        #expect(result.stderr.contains("missing"), "\(result.stderr)")
    }

    @Test("a syntax error names the file and line, runs nothing and exits with 1")
    func syntaxError() async throws {
        let result = try await run("print(\"first\")\n\nlocal x = = 2\n")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty, "nothing ran: \(result.stdout)")
        #expect(result.stderr.contains("script.lua:3:"), "\(result.stderr)")
        #expect(result.stderr.contains("'='") || result.stderr.contains("unexpected symbol"), "\(result.stderr)")
    }

    @Test("an endless loop stops at the instruction budget and says so")
    func instructionLimit() async throws {
        let result = try await run("local n = 0\nwhile true do n = n + 1 end\n", options: ["--instructions", "100000", "--timeout-ms", "0"])
        #expect(result.status == 1)
        #expect(result.stderr.lowercased().contains("instruction"), "\(result.stderr)")
        #expect(result.stderr.contains("script.lua:2"), "\(result.stderr)")
    }

    @Test("an endless loop stops at the wall-clock deadline and says so")
    func timeoutLimit() async throws {
        let result = try await run("while true do end\n", options: ["--instructions", "0", "--timeout-ms", "200"])
        #expect(result.status == 1)
        let message = result.stderr.lowercased()
        #expect(message.contains("time") || message.contains("deadline"), "\(result.stderr)")
        #expect(!message.contains("instruction"), "the budget was off; the deadline fired: \(result.stderr)")
    }

    @Test("a script that keeps allocating stops at the memory cap and says so, even inside pcall")
    func memoryLimit() async throws {
        // The deadline is only a guard against a hang should the cap not fire.
        let result = try await run("""
            local ok, err = pcall(function()
              local t = {}
              for i = 1, 1e9 do t[i] = string.rep("x", 1024) .. i end
            end)
            print("survived", ok, err)
            """, options: ["--memory-mb", "4", "--instructions", "0", "--timeout-ms", "60000"])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("survived"), "pcall must not swallow the cap: \(result.stdout)")
        #expect(result.stderr.lowercased().contains("memory"), "\(result.stderr)")
        #expect(result.stderr.contains("stack traceback:\n\tscript.lua:3:"), "with the traceback: \(result.stderr)")
    }

    @Test("os, io, package and debug are not there; os.execute and io.open fail and touch nothing")
    func noSystemAccess() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("globals.lua", "print(os, io, package, debug, dofile, loadfile, require)\n")
        let globals = try await FirmlinkProcess.launch(["run", "globals.lua"], in: folder.url)
        #expect(globals.status == 0, "\(globals.stderr)")
        #expect(globals.stdout == "nil\tnil\tnil\tnil\tnil\tnil\tnil\n")

        try folder.write("execute.lua", "os.execute(\"touch pwned\")\n")
        let execute = try await FirmlinkProcess.launch(["run", "execute.lua"], in: folder.url)
        #expect(execute.status == 1)
        #expect(execute.stderr.contains("execute.lua:1:"), "\(execute.stderr)")
        #expect(execute.stderr.contains("os"), "\(execute.stderr)")

        try folder.write("open.lua", "local f = io.open(\"written.txt\", \"w\")\nf:write(\"x\")\n")
        let open = try await FirmlinkProcess.launch(["run", "open.lua"], in: folder.url)
        #expect(open.status == 1)
        #expect(open.stderr.contains("open.lua:1:"), "\(open.stderr)")
        #expect(open.stderr.contains("io"), "\(open.stderr)")

        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(left == ["execute.lua", "globals.lua", "open.lua"])
    }

    @Test("a missing script is a clear usage error with status 2")
    func missingFile() async throws {
        let result = try await FirmlinkProcess.launch(["run", "migration.lua"], files: [:])
        #expect(result.status == 2)
        #expect(result.stderr.contains("migration.lua"), "\(result.stderr)")
        #expect(result.stderr.contains("no such file"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a folder given as the script is a usage error with status 2")
    func folderAsScript() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let result = try await FirmlinkProcess.launch(["run", "scripts"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("scripts"), "\(result.stderr)")
        #expect(result.stderr.contains("folder"), "\(result.stderr)")
    }

    @Test("a negative limit is a usage error with status 2 naming the option")
    func negativeLimit() async throws {
        let result = try await run("print(1)\n", options: ["--instructions", "-5"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--instructions"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
