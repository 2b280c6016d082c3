import ArgumentParser
import BaseLinkerModels
import Config
import Foundation
import Sync

extension Firmlink {
    /// `firmlink watch [--interval 5m]`: a sync, a pause, a sync, … until SIGINT or SIGTERM.
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sync again and again: one line per run on standard output, until SIGINT or SIGTERM.",
            discussion: """
                Each run reads firmlink.toml again, so a change takes effect on the next run. A run \
                that fails is reported in its line and the watch goes on. SIGINT (Ctrl-C) or SIGTERM \
                stops it between two orders — never inside a store transaction — and it exits with 0; \
                a second signal stops it at once. Only one sync writes a store at a time: between \
                runs, firmlink sync may run by hand.
                """)

        @OptionGroup var configOptions: ConfigOptions

        @Option(help: ArgumentHelp(
            "The pause after each run: 30s, 5m, 1h, 1h30m.", valueName: "duration"))
        var interval = "5m"

        func validate() throws {
            guard Self.seconds(interval) != nil else {
                throw ValidationError("--interval: '\(interval)' is not a duration such as 30s, 5m, 1h or 1h30m")
            }
        }

        /// `30s`, `5m`, `1h`, `1h30m`, `90` (seconds) → seconds; nil when it is none of these or zero.
        static func seconds(_ text: String) -> Double? {
            if let plain = Double(text) { return plain > 0 ? plain : nil }
            guard let match = text.wholeMatch(of: #/(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?/#) else { return nil }
            let hours = match.output.1.flatMap { Double($0) } ?? 0
            let minutes = match.output.2.flatMap { Double($0) } ?? 0
            let seconds = match.output.3.flatMap { Double($0) } ?? 0
            let total = hours * 3600 + minutes * 60 + seconds
            return total > 0 ? total : nil
        }

        func run() async throws {
            _ = try configOptions.load()  // a broken file ends the watch before it starts (status 2)
            let pause = Self.seconds(interval) ?? 300
            let running = LockedBox(false)
            let stop = StopRequest { signal in
                printError("firmlink watch: \(signal): " + (running.get() ? "stopping after the current order" : "stopping"))
            }
            printError("firmlink watch: a sync now and \(interval) after each run ends; Ctrl-C or SIGTERM stops it.")
            while !stop.isRequested {
                running.set(true)
                await runOnce(stop: stop)
                running.set(false)
                if stop.isRequested { break }
                await stop.sleep(seconds: pause)
            }
            printError("firmlink watch: stopped (\(stop.cause ?? "signal")).")
        }

        /// One sync, reported in one line on standard output.
        private func runOnce(stop: StopRequest) async {
            let started = Date()
            let stamp = StatusReport.localTime(started)
            let progress = ProgressRenderer.styleForStandardError == .live
                ? ProgressRenderer(style: .live, keepsEndedPhases: false) : nil
            defer { progress?.finish() }
            var options = SyncSession.Options()
            options.shouldStop = stop.check
            if let progress { options.progress = progress.receiver }
            let line: String
            do {
                let configuration = try configOptions.load()
                try SyncSession.check(configuration)
                let summary = try await SyncSession.with(configuration, options: options) { try await $0.sync() }
                let took = ProgressRenderer.seconds(Date().timeIntervalSince(started))
                let outcome = stop.isRequested ? "stopped" : summary.exitStatus == 0 ? "done" : "partial"
                let what = (try? JSONValue(parsing: summary.json())).map(StatusReport.describeSummary) ?? ""
                line = "\(stamp) \(outcome) in \(took): \(what)"
            } catch let failure as CommandFailure {
                line = "\(stamp) failed: \(failure.message)"
            } catch {
                let took = ProgressRenderer.seconds(Date().timeIntervalSince(started))
                line = "\(stamp) failed after \(took): \(error)"
            }
            progress?.finish()
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
