public import Foundation

/// What went wrong in the store, said so that a person can act on it. ``code`` lets a caller
/// tell cases apart (`error.code == .busy`); ``message`` names the file, the order, the row.
public struct StoreError: Error, LocalizedError, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        init(_ name: String) { description = name }

        /// Another process holds the store's writer lock.
        public static let busy = Code("busy")
        /// The file exists but is not an SQLite database.
        public static let notADatabase = Code("not_a_database")
        /// The file cannot be opened or created (missing folder, permissions).
        public static let cannotOpen = Code("cannot_open")
        /// The file was migrated by a newer Firmlink.
        public static let newerSchema = Code("newer_schema")
        /// A document already exists for this BaseLinker order.
        public static let duplicateOrder = Code("duplicate_order")
        /// A BaseLinker product or warehouse is already linked to another row.
        public static let duplicateLink = Code("duplicate_link")
        /// A document number is already taken (two types with colliding formats).
        public static let duplicateNumber = Code("duplicate_number")
        /// A row the caller named does not exist.
        public static let notFound = Code("not_found")
        /// A value the caller passed is not acceptable.
        public static let invalidInput = Code("invalid_input")
        /// A numbering format is unusable.
        public static let invalidNumberingFormat = Code("invalid_numbering_format")
        /// A font file for printouts is missing or unreadable.
        public static let fontMissing = Code("font_missing")
        /// The PDF library failed.
        public static let printing = Code("printing")
        /// SQLite reported an error not covered above.
        public static let database = Code("database")
    }

    public let code: Code
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    static func busy(path: String) -> StoreError {
        StoreError(.busy, "the store \(path) is busy: another firmlink process is writing to it")
    }

    static func notFound(_ what: String, id: Int64) -> StoreError {
        StoreError(.notFound, "there is no \(what) with id \(id) in the store")
    }

    static func invalid(_ message: String) -> StoreError {
        StoreError(.invalidInput, message)
    }

    static func invalidNumberingFormat(type: DocumentType, format: String, reason: String) -> StoreError {
        StoreError(
            .invalidNumberingFormat,
            "the numbering format '\(format)' for \(type.rawValue) documents is unusable: \(reason)")
    }
}
