/// A Lua string: any bytes, embedded zeros included.
///
/// Valid UTF-8 is kept as a Swift `String` (cheap to push, cheap to read); anything else is kept
/// as raw bytes. Equality and hashing compare bytes, as Lua does: `"é"` written precomposed and
/// decomposed are two different Lua strings.
public struct LuaString: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    enum Storage: Sendable {
        case text(String)
        case bytes([UInt8])
    }

    var storage: Storage

    public init(_ text: String) {
        storage = .text(text)
    }

    public init(stringLiteral value: String) {
        storage = .text(value)
    }

    public init(stringInterpolation: DefaultStringInterpolation) {
        storage = .text(String(stringInterpolation: stringInterpolation))
    }

    /// Keeps `bytes` exactly; valid UTF-8 is stored as text.
    public init(bytes: some Sequence<UInt8>) {
        let bytes = Array(bytes)
        if let text = String(validating: bytes, as: UTF8.self) {
            storage = .text(text)
        } else {
            storage = .bytes(bytes)
        }
    }

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        if let text = String(validating: buffer, as: UTF8.self) {
            storage = .text(text)
        } else {
            storage = .bytes(Array(buffer))
        }
    }

    /// The bytes of the string.
    public var bytes: [UInt8] {
        switch storage {
        case .text(let text): Array(text.utf8)
        case .bytes(let bytes): bytes
        }
    }

    /// The string as text, or `nil` when its bytes are not valid UTF-8.
    public var text: String? {
        if case .text(let text) = storage { return text }
        return nil
    }

    /// The text, with invalid UTF-8 shown as U+FFFD.
    public var description: String {
        switch storage {
        case .text(let text): text
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    public var count: Int {
        switch storage {
        case .text(let text): text.utf8.count
        case .bytes(let bytes): bytes.count
        }
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case .text(var text): try text.withUTF8(body)
        case .bytes(let bytes): try bytes.withUnsafeBufferPointer(body)
        }
    }

    public static func == (lhs: LuaString, rhs: LuaString) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case let (.text(a), .text(b)): a.utf8.elementsEqual(b.utf8)
        case let (.bytes(a), .bytes(b)): a == b
        default: false // text is valid UTF-8 and bytes never are
        }
    }

    public func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
