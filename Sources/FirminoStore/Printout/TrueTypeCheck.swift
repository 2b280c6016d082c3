import Foundation

/// libharu dereferences missing tables instead of reporting them, and a subset keeps only the
/// tables its font had, so a font is checked before anything reads it: a TrueType outline font
/// with every table the library reads.
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
