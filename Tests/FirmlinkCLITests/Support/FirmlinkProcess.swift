import Foundation

/// Runs the built `firmlink` executable as a child process, as a seller would.
struct FirmlinkProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `firmlink` binary next to the test bundle (`.build/<configuration>/firmlink`).
    static let executable: URL = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("firmlink")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        let argument = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return argument.appendingPathComponent("firmlink")
    }()

    /// This process's environment for a child `firmlink`: `FIRMLINK_FAULT`, `FIRMLINK_CONFIG`
    /// and `BASELINKER_TOKEN` removed, unless `environment` gives them, and `environment` added.
    static func environment(adding environment: [String: String]) -> [String: String] {
        var merged = ProcessInfo.processInfo.environment
        for key in ["FIRMLINK_FAULT", "FIRMLINK_CONFIG", "BASELINKER_TOKEN"] { merged[key] = nil }
        merged.merge(environment) { $1 }
        return merged
    }

    /// Runs `firmlink arguments…` in `folder` with ``environment(adding:)``, and waits for it.
    static func run(
        _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:], input: String? = nil
    ) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw CLITestError("firmlink is not built at \(executable.path); run swift build first")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = Self.environment(adding: environment)
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes before waiting, so a chatty child never blocks on a full pipe.
        let output = Locked(Data())
        let errors = Locked(Data())
        let group = DispatchGroup()
        for (pipe, sink) in [(stdout, output), (stderr, errors)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                sink.set(data)
                group.leave()
            }
        }
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: output.get(), as: UTF8.self),
            stderr: String(decoding: errors.get(), as: UTF8.self))
    }
}

extension Process {
    /// Waits for the process to end, at most `timeout` seconds; past that, terminates it and
    /// throws `failure()`.
    func waitForExit(timeout: Double, _ failure: () -> String) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            guard Date() < deadline else {
                terminate()
                throw CLITestError(failure())
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }
}

struct CLITestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A value shared between threads in a test.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}

/// A temporary folder removed at the end of a test.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("firmlink-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}
