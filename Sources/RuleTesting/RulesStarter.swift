import Foundation

/// What `firmlink rules init` writes: a commented `rules.lua` whose every hook calls the
/// built-in one (so it changes nothing until edited), example cases in `tests/` that pass with
/// it, and the definitions an editor's Lua language server (LuaLS) completes and checks the
/// API from, with the `.luarc.json` that points it there.
public struct RulesStarter: Sendable {
    /// A file to write: its path relative to the folder, and its text.
    public struct File: Sendable {
        public var path: String
        public var text: String
    }

    public static let files: [File] = [
        File(path: "rules.lua", text: text(PackageResources.rules_lua)),
        File(path: "tests/document_type.yaml", text: text(PackageResources.document_type_yaml)),
        File(path: "tests/linking.yaml", text: text(PackageResources.linking_yaml)),
        File(path: "types/firmlink.lua", text: text(PackageResources.firmlink_lua)),
        File(path: ".luarc.json", text: text(PackageResources.luarc_json)),
    ]

    /// The editor's definitions (`types/firmlink.lua`).
    public static var definitions: String { text(PackageResources.firmlink_lua) }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A starter that would overwrite files: which ones.
    public struct ExistingFiles: Error, CustomStringConvertible {
        public var paths: [String]
        public var description: String {
            "\(paths.joined(separator: ", ")) \(paths.count == 1 ? "exists" : "exist") already; "
                + "nothing was written (--force overwrites \(paths.count == 1 ? "it" : "them"))"
        }
    }

    /// Writes the files into `folder` (made when missing) and returns their paths as given
    /// (`folder/rules.lua`). Without `force`, writes nothing when any of them exists.
    public static func write(into folder: String, force: Bool) throws -> [String] {
        let paths = files.map { folder == "." ? $0.path : (folder as NSString).appendingPathComponent($0.path) }
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        if !existing.isEmpty, !force { throw ExistingFiles(paths: existing) }
        for (file, path) in zip(files, paths) {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
        }
        return paths
    }
}
