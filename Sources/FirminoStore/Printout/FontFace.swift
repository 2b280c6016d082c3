import CHarfBuzz
import Foundation

/// A TrueType face read once per process: which characters it can show, how wide each is, and
/// the subset of it a printout embeds.
///
/// The file is read, checked and measured on first use; later printouts find the face in a
/// process-wide cache and only `stat` the file, reading it again when it changed. A printout
/// embeds a subset holding just the glyphs it shows (HarfBuzz makes one in under 0.1 ms), so
/// a document carries a few kilobytes of font instead of the whole face.
final class FontFace: @unchecked Sendable {
    /// The file, as named by ``PrintoutFonts``.
    let path: String
    /// What a character the face cannot show is printed as: □, or `?` when the face lacks □.
    let mark: Character
    /// The face, immutable once made; HarfBuzz reads it from any thread.
    private let face: OpaquePointer
    /// Advance widths in thousandths of an em by code point of the Basic Multilingual Plane,
    /// ``FontFace/absent`` where the face has no glyph (libharu, which draws the text, knows no
    /// code point beyond U+FFFF).
    private let widths: [UInt16]
    fileprivate let identity: FileIdentity

    static let absent = UInt16.max

    private init(path: String, bytes: Data, identity: FileIdentity) throws {
        self.path = path
        self.identity = identity
        let blob = bytes.withUnsafeBytes { raw in
            hb_blob_create(
                raw.baseAddress?.assumingMemoryBound(to: CChar.self), UInt32(raw.count), HB_MEMORY_MODE_DUPLICATE, nil, nil)
        }
        defer { hb_blob_destroy(blob) }
        let face: OpaquePointer = hb_face_create(blob, 0)
        guard hb_face_get_glyph_count(face) > 0 else {
            hb_face_destroy(face)
            throw FontProblem("it holds no glyphs HarfBuzz can read")
        }
        self.face = face
        widths = Self.measure(face)
        mark = widths[0x25A1] != Self.absent ? "\u{25A1}" : "?"
    }

    deinit { hb_face_destroy(face) }

    private static func measure(_ face: OpaquePointer) -> [UInt16] {
        var widths = [UInt16](repeating: absent, count: 0x1_0000)
        let font = hb_font_create(face)
        let codepoints = hb_set_create()
        defer {
            hb_set_destroy(codepoints)
            hb_font_destroy(font)
        }
        hb_face_collect_unicodes(face, codepoints)
        // hb_font_create scales to the em, so advances come in font units.
        let unitsPerEm = max(UInt32(hb_face_get_upem(face)), 1)
        var codepoint = hb_codepoint_t.max  // HB_SET_VALUE_INVALID: start before the first
        while hb_set_next(codepoints, &codepoint) != 0, codepoint <= 0xFFFF {
            guard let scalar = Unicode.Scalar(codepoint), !scalar.isInvisible else { continue }
            var glyph: hb_codepoint_t = 0
            guard hb_font_get_nominal_glyph(font, codepoint, &glyph) != 0 else { continue }
            let advance = UInt32(max(hb_font_get_glyph_h_advance(font, glyph), 0))
            // As libharu measures: truncated thousandths of an em.
            widths[Int(codepoint)] = UInt16(min(advance * 1000 / unitsPerEm, UInt32(absent - 1)))
        }
        return widths
    }

    /// The advance of `scalar` in thousandths of an em; nil when the face cannot show it.
    func width(of scalar: Unicode.Scalar) -> UInt16? {
        guard scalar.value <= 0xFFFF else { return nil }
        let width = widths[Int(scalar.value)]
        return width == Self.absent ? nil : width
    }

    /// The TrueType subset of the face holding the glyphs of `scalars` (all of which it can show).
    func subset(_ scalars: [UInt32]) throws -> [UInt8] {
        guard let blob = scalars.withUnsafeBufferPointer({ firmlink_subset(face, $0.baseAddress, UInt32($0.count)) }) else {
            throw StoreError(.printing, "the printout font \(path) could not be subset for a document")
        }
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: Int(length)))
    }
}

extension FontFace {
    /// Faces by path, loaded once per process and shared by every printout.
    private static let cache = FaceCache()

    /// The face in `path`, from the cache while the file is unchanged. Throws ``FontProblem``
    /// when the file is missing, unreadable or not a usable TrueType font.
    static func loaded(from path: String) throws -> FontFace {
        guard let identity = FileIdentity(path: path) else { throw FontProblem(missing: true) }
        if let face = cache.face(for: path), face.identity == identity { return face }
        guard let bytes = FileManager.default.contents(atPath: path) else { throw FontProblem(missing: true) }
        if let problem = TrueTypeCheck.problem(in: bytes) { throw FontProblem(problem) }
        let face = try FontFace(path: path, bytes: bytes, identity: identity)
        try PDFRenderer.checkLibraryAccepts(face)
        cache.store(face, for: path)
        return face
    }
}

/// Why a font file cannot be used; ``PrintoutFonts`` turns it into an error naming the file.
struct FontProblem: Error {
    var missing = false
    var reason = ""

    init(missing: Bool) { self.missing = missing }
    init(_ reason: String) { self.reason = reason }
}

/// What tells one version of a file from another without reading it.
private struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: timespec

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, access(path, R_OK) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modified = info.st_mtimespec
        #else
        modified = info.st_mtim
        #endif
    }

    static func == (lhs: FileIdentity, rhs: FileIdentity) -> Bool {
        lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
            && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
    }
}

private final class FaceCache: @unchecked Sendable {
    private let lock = NSLock()
    private var faces: [String: FontFace] = [:]

    func face(for path: String) -> FontFace? { lock.withLock { faces[path] } }
    func store(_ face: FontFace, for path: String) { lock.withLock { faces[path] = face } }
}

extension Unicode.Scalar {
    /// Control and format characters, variation selectors and the like: nothing to draw, even
    /// where a font maps them to a glyph.
    var isInvisible: Bool {
        let category = properties.generalCategory
        return category == .control || category == .format || properties.isDefaultIgnorableCodePoint
    }
}
