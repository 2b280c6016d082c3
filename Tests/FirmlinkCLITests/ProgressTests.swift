import BaseLinkerModels
import BaseLinkerSandbox
import FirminoStore
import Foundation
import Testing

/// The progress of a sync on standard error (docs/operations.md, "Progress"): a live line on a
/// terminal, with a wait for the request limit shown as such; plain lines on a pipe; nothing with
/// `--json`.
struct ProgressTests {
    @Test("on a pipe each phase ends with one plain line; with --json there is no progress at all")
    func plainAndJSON() async throws {
        try await SandboxSeller.with { seller in
            let plain = try await seller.firmlink(["sync", "--dry-run"])
            #expect(plain.status <= 1, "\(plain.stderr)")
            for phase in ["Orders read: ", "Orders decided: "] {
                let lines = plain.stderr.split(separator: "\n").filter { $0.hasPrefix(phase) }
                #expect(lines.count == 1, "one line for \(phase): \(plain.stderr)")
                #expect(lines.first?.contains(" in ") == true, "with its time: \(lines)")
            }
            #expect(!plain.stderr.contains("\u{1B}["), "nothing drawn again on a pipe")
            #expect(plain.stdout.contains("Dry run"), "the summary stays on standard output")

            let json = try await seller.firmlink(["sync", "--json"])
            #expect(json.status <= 1, "\(json.stderr)")
            #expect(!json.stderr.contains("Orders read") && !json.stderr.contains("Orders decided"), "\(json.stderr)")
            _ = try json.json()
        }
    }

    @Test("on a terminal the phases are drawn live, and a wait for the request limit is shown as such")
    func liveWithAWait() async throws {
        let limited: (URL) -> String = { url in
            sandboxConfiguration(url: url).replacingOccurrences(of: "requests_per_minute = 0", with: "requests_per_minute = 60")
        }
        try await SandboxSeller.with(configuration: limited) { seller in
            // A minute's worth of requests sent 56 seconds ago by an earlier run: this one must
            // wait about 4 seconds before its first request.
            let path = seller.folder.url.appendingPathComponent("firmlink.sqlite").path
            let store = try Store(path: path)
            let earlier = Date().addingTimeInterval(-56).timeIntervalSince1970
            let instants = String(decoding: try JSONEncoder().encode(Array(repeating: earlier, count: 60)), as: UTF8.self)
            try store.write { try $0.setCursor("baselinker.recent_requests", to: instants) }
            try store.close()

            let terminal = try PseudoTerminal(["sync"], in: seller.folder.url, environment: ["BASELINKER_TOKEN": SandboxSeller.token])
            try await terminal.expect("Paused: BaseLinker's request limit, ")
            try await terminal.expect("Orders decided: ", timeout: 60)
            try await terminal.expect("Sync finished.", timeout: 60)
            let status = try await terminal.wait()
            #expect(status == 1, "an order with nothing to issue fails")
            let screen = terminal.text
            #expect(screen.contains("\u{1B}[1A\u{1B}[2K"), "the live line is drawn again in place")
            #expect(screen.range(of: #"Orders decided: \d+ in [0-9.]+ s"#, options: .regularExpression) != nil,
                    "the ended phase keeps its line: \(screen.suffix(800))")
            #expect(!screen.contains(SandboxSeller.token))
        }
    }
}
