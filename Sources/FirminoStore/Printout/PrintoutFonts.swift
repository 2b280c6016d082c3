public import Foundation

/// The TrueType fonts a printout embeds: a regular and a bold face with Polish letters. Each
/// printout embeds only the glyphs it shows, whatever the faces.
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

    /// Both faces, read once per process (see ``FontFace``); the bold face is the regular one
    /// when both name the same file. Throws ``StoreError`` `.fontMissing` naming the file and
    /// the fix when a face is missing, unreadable or not a usable TrueType font.
    @discardableResult
    func check() throws -> (regular: FontFace, bold: FontFace) {
        let regularFace = try face("regular", regular)
        return (regularFace, bold == regular ? regularFace : try face("bold", bold))
    }

    private func face(_ role: String, _ path: String) throws -> FontFace {
        let variable = role == "bold" ? "FIRMLINK_FONT_BOLD" : "FIRMLINK_FONT"
        do {
            return try FontFace.loaded(from: path)
        } catch let problem as FontProblem where problem.missing {
            throw StoreError(
                .fontMissing,
                "the \(role) printout font \(path) is missing or unreadable; install fonts-dejavu-core or set \(variable) to a TrueType font with Polish letters")
        } catch let problem as FontProblem {
            throw StoreError(
                .fontMissing,
                "the \(role) printout font \(path) is not a usable TrueType font (\(problem.reason)); set \(variable) to a .ttf file")
        }
    }
}
