package import BaseLinkerModels
package import Foundation

/// The connector's body: `method=<name>&parameters=<JSON>`, `application/x-www-form-urlencoded`.
///
/// Only RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) stay bare; everything else is
/// percent-encoded, so the `+` of a base64 file arrives as `%2B` and is not read as a space.
/// (`URLComponents` leaves `+` bare, which is why it is not used.)
package enum FormEncoding {
    package static func body(method: String, parameters: JSONValue) throws -> Data {
        let json = try parameters.serialized()
        var body = Data("method=".utf8)
        body.append(contentsOf: percentEncode(Array(method.utf8)))
        body.append(contentsOf: Array("&parameters=".utf8))
        body.append(contentsOf: percentEncode(Array(json)))
        return body
    }

    package static func percentEncode(_ text: String) -> String {
        String(decoding: percentEncode(Array(text.utf8)), as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func percentEncode(_ bytes: [UInt8]) -> [UInt8] {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if isUnreserved(byte) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Splits a form body into its fields the way a server does: `+` is a space, `%XX` a
    /// byte. A field that appears twice keeps its last value; `nil` for a bad escape or text
    /// that is not UTF-8.
    package static func fields(of body: Data) -> [String: String]? {
        var fields: [String: String] = [:]
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { return nil }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            guard let value else { return nil }
            fields[name] = value
        }
        return fields
    }

    private static func decode(_ bytes: Data.SubSequence) -> String? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard bytes.endIndex - index >= 3,
                    let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { return nil }
                decoded.append(high << 4 | low)
                index += 2
            } else {
                decoded.append(byte)
            }
            index += 1
        }
        return String(validating: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
