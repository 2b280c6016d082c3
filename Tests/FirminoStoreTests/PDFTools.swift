import Foundation
import Testing

/// poppler's `pdftotext` and `pdffonts` and `qpdf`, run on a printout as a reader of it would.
/// scripts/setup installs them (poppler-utils, qpdf); without them a test fails, never skips.
enum PDFTools {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `tool` with `arguments`, its output and errors going to files in `folder`; fails the
    /// test when the tool is not installed.
    static func run(_ tool: String, _ arguments: [String], in folder: TemporaryFolder) throws -> Run {
        let path = try #require(
            ["/usr/bin/\(tool)", "/bin/\(tool)", "/usr/local/bin/\(tool)"].first(where: FileManager.default.isExecutableFile(atPath:)),
            "\(tool) is not installed: run scripts/setup")
        let name = "\(tool)-\(UUID().uuidString)"
        let (outputPath, errorsPath) = (folder.path("\(name).out"), folder.path("\(name).err"))
        try #require(FileManager.default.createFile(atPath: outputPath, contents: nil))
        try #require(FileManager.default.createFile(atPath: errorsPath, contents: nil))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        try output.close()
        try errors.close()
        return Run(
            status: process.terminationStatus,
            output: String(decoding: try Data(contentsOf: URL(fileURLWithPath: outputPath)), as: UTF8.self),
            errors: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errorsPath)), as: UTF8.self))
    }

    /// Writes `pdf` into `folder` and returns the file's path.
    static func write(_ pdf: Data, in folder: TemporaryFolder) throws -> String {
        let file = folder.path("printout-\(UUID().uuidString).pdf")
        try pdf.write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The text of `pdf` as `pdftotext` extracts it (UTF-8, pages split by form feeds); records
    /// an issue for anything pdftotext says on standard error.
    static func text(of pdf: Data, in folder: TemporaryFolder) throws -> String {
        let run = try run("pdftotext", ["-enc", "UTF-8", try write(pdf, in: folder), "-"], in: folder)
        #expect(run.status == 0)
        #expect(run.errors.isEmpty, "pdftotext: \(run.errors)")
        return run.output
    }
}
