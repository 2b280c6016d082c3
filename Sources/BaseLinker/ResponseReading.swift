import BaseLinkerModels
import Foundation

/// What one HTTP exchange amounted to.
enum AttemptOutcome {
    case success(JSONValue)
    /// BaseLinker answered `"status": "ERROR"`.
    case apiError(code: BaseLinkerErrorCode, message: String, httpStatus: Int)
    case failed(AttemptFailure)
}

/// A failed exchange and what it means for trying again.
struct AttemptFailure {
    var kind: BaseLinkerError.Kind
    var message: String
    var httpStatus: Int?
    var bodyExcerpt: String?
    /// Worth another try at all (a 4xx is not).
    var transient: Bool
    /// The server may have processed the request: a write must not be sent again blindly.
    var mayHaveBeenProcessed: Bool
}

enum ResponseReading {
    /// How much of an unusable body an error shows.
    static let excerptBytes = 200

    /// Reads an HTTP answer as BaseLinker's envelope.
    ///
    /// An `ERROR` envelope is BaseLinker's own answer whatever the HTTP status. Otherwise a
    /// status other than 2xx is an HTTP failure, and a 2xx body that is not a JSON object with a
    /// `status` is malformed. HTTP 408, 429 and 503 say the request was refused before any
    /// processing; other 5xx (a crash or a gateway giving up) may come after processing began.
    static func outcome(of response: BaseLinkerHTTPResponse) -> AttemptOutcome {
        let json = try? JSONValue(parsing: response.body)
        let status = json?["status"]?.stringValue?.uppercased()
        let success = (200..<300).contains(response.status)
        if status == "ERROR" {
            let code = json?["error_code"]?.lenientString ?? ""
            let message = json?["error_message"]?.lenientString ?? ""
            return .apiError(
                code: BaseLinkerErrorCode(rawValue: code.isEmpty ? "ERROR" : code),
                message: message, httpStatus: response.status)
        }
        if !success {
            let refused = [408, 429, 503].contains(response.status)
            return .failed(
                AttemptFailure(
                    kind: .http, message: httpMessage(response.status),
                    httpStatus: response.status, bodyExcerpt: excerpt(of: response.body),
                    transient: response.status >= 500 || refused,
                    mayHaveBeenProcessed: !refused && response.status >= 500))
        }
        if status == "SUCCESS", let json, case .object = json {
            return .success(json)
        }
        let problem: String
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            problem = "the body is empty"
        } else if json == nil {
            problem = "the body is not JSON"
        } else if status == nil {
            problem = "the JSON has no \"status\""
        } else {
            problem = "unknown status \"\(json?["status"]?.lenientString ?? "")\""
        }
        return .failed(
            AttemptFailure(
                kind: .malformedResponse, message: problem, httpStatus: response.status,
                bodyExcerpt: excerpt(of: response.body), transient: true,
                mayHaveBeenProcessed: true))
    }

    static func httpMessage(_ status: Int) -> String {
        switch status {
        case 401, 403: return "the server refused access (check the token and the URL)"
        case 404: return "no connector at this URL"
        case 408: return "the server timed out reading the request"
        case 429: return "too many requests"
        case 503: return "the service is unavailable"
        case 500..<600: return "server error"
        default: return "unexpected HTTP status"
        }
    }

    /// The first ~200 bytes of a body as text, control characters shown as spaces; `nil` for
    /// an empty body.
    static func excerpt(of body: Data) -> String? {
        guard !body.isEmpty else { return nil }
        let cut = body.count > excerptBytes
        var text = String(decoding: body.prefix(excerptBytes), as: UTF8.self)
        if cut {
            // A multi-byte character cut in half decodes as U+FFFD; drop it.
            while text.last == "\u{FFFD}" { text.removeLast() }
        }
        let scalars = text.unicodeScalars.map { scalar -> Unicode.Scalar in
            scalar.properties.generalCategory == .control ? " " : scalar
        }
        text = String(String.UnicodeScalarView(scalars))
        return cut ? text + "…" : text
    }
}
