public import Foundation

/// The TrueType fonts a printout embeds: a regular and a bold face with Polish letters.
///
/// By default DejaVu Sans from the system (Debian's `fonts-dejavu-core`); the environment
/// variables `FIRMLINK_FONT` and `FIRMLINK_FONT_BOLD` — or the initialiser — name others.
public struct PrintoutFonts: Hashable, Sendable {
    public var regular: String
    public var bold: String

    public static let defaultRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    public static let defaultBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

    public init(regular: String = PrintoutFonts.defaultRegular, bold: String = PrintoutFonts.defaultBold) {
        self.regular = regular
        self.bold = bold
    }

    /// The fonts named by `FIRMLINK_FONT` / `FIRMLINK_FONT_BOLD`, else the defaults. A bold face
    /// that is not named falls back to the regular one when only `FIRMLINK_FONT` is set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> PrintoutFonts {
        let regular = environment["FIRMLINK_FONT"].flatMap { $0.isEmpty ? nil : $0 }
        let bold = environment["FIRMLINK_FONT_BOLD"].flatMap { $0.isEmpty ? nil : $0 }
        return PrintoutFonts(
            regular: regular ?? defaultRegular,
            bold: bold ?? (regular ?? defaultBold))
    }

    /// Throws ``StoreError`` `.fontMissing` naming the file and the fix when a face is missing,
    /// unreadable or not a TrueType font.
    func check() throws {
        for (face, path) in [("regular", regular), ("bold", bold)] {
            let variable = face == "bold" ? "FIRMLINK_FONT_BOLD" : "FIRMLINK_FONT"
            guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
                throw StoreError(
                    .fontMissing,
                    "the \(face) printout font \(path) is missing or unreadable; install fonts-dejavu-core or set \(variable) to a TrueType font with Polish letters")
            }
            if let problem = TrueTypeCheck.problem(in: data) {
                throw StoreError(
                    .fontMissing,
                    "the \(face) printout font \(path) is not a usable TrueType font (\(problem)); set \(variable) to a .ttf file")
            }
        }
    }
}

/// libharu dereferences missing tables instead of reporting them, so a font is checked before
/// it is handed over: a TrueType outline font with every table the library reads.
enum TrueTypeCheck {
    static let requiredTables = ["head", "hhea", "maxp", "cmap", "hmtx", "loca", "glyf", "name"]

    static func problem(in data: Data) -> String? {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
        guard bytes.count >= 12 else { return "the file is too short" }
        let version = u32(0)
        guard version == 0x0001_0000 || version == 0x7472_7565 else {
            return version == 0x4F54_544F ? "PostScript-flavoured OpenType is not supported" : "no TrueType header"
        }
        let count = u16(4)
        guard bytes.count >= 12 + count * 16 else { return "the table directory is cut short" }
        var tables = Set<String>()
        for index in 0..<count {
            let record = 12 + index * 16
            let tag = String(decoding: bytes[record..<record + 4], as: UTF8.self)
            let offset = u32(record + 8)
            let length = u32(record + 12)
            guard offset + length <= bytes.count else { return "the table \(tag) lies beyond the end of the file" }
            tables.insert(tag)
        }
        if let missing = requiredTables.first(where: { !tables.contains($0) }) {
            return "it has no \(missing) table"
        }
        return nil
    }
}
