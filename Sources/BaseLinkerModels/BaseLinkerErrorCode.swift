/// An `error_code` from BaseLinker's error envelope.
///
/// The set is open: BaseLinker publishes no complete list, so any code it sends is kept as is
/// and the ones the client acts on have names.
public struct BaseLinkerErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    /// The request limit was exceeded; the token is blocked for a while (the message says until
    /// when). The client waits this out.
    public static let blockedToken: BaseLinkerErrorCode = "ERROR_BLOCKED_TOKEN"
    /// An order named in the request does not exist (any more).
    public static let orderNotFound: BaseLinkerErrorCode = "ERROR_ORDER_NOT_FOUND"
    /// The whole account is blocked (seen after heavy limit breaches). Not waited out.
    public static let userAccountBlocked: BaseLinkerErrorCode = "ERROR_USER_ACCOUNT_BLOCKED"
    /// The method does not exist or is not available to this account.
    public static let unknownMethod: BaseLinkerErrorCode = "ERROR_UNKNOWN_METHOD"
    /// The token is invalid or revoked (code reported by third parties, unconfirmed).
    public static let authToken: BaseLinkerErrorCode = "ERROR_AUTH_TOKEN"
    /// The token is wrong (code reported by third parties, unconfirmed).
    public static let badToken: BaseLinkerErrorCode = "ERROR_BAD_TOKEN"
    /// No token was sent (code reported by third parties, unconfirmed).
    public static let emptyToken: BaseLinkerErrorCode = "ERROR_EMPTY_TOKEN"
}
