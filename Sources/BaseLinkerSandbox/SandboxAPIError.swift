/// An API-level error: sent as `{"status": "ERROR", "error_code", "error_message"}` with HTTP 200,
/// as BaseLinker does; also thrown by the account's in-process methods.
///
/// BaseLinker publishes no list of codes. The sandbox uses `ERROR_BLOCKED_TOKEN` and
/// `ERROR_UNKNOWN_METHOD` as observed, and otherwise plain, descriptive codes of its own:
/// `ERROR_BAD_TOKEN` ("Invalid token") for a missing or wrong token, `ERROR_BAD_PARAMETERS` for
/// unreadable or missing parameters, and `ERROR_*_NOT_FOUND` for unknown ids.
package struct SandboxAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    package let code: String
    package let message: String

    package init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code): \(message)" }

    static let badToken = SandboxAPIError(code: "ERROR_BAD_TOKEN", message: "Invalid token")

    static func unknownMethod(_ name: String) -> SandboxAPIError {
        name.isEmpty
            ? SandboxAPIError(code: "ERROR_UNKNOWN_METHOD", message: "No method given")
            : SandboxAPIError(code: "ERROR_UNKNOWN_METHOD", message: "Unknown method '\(name)'")
    }

    static func badParameters(_ message: String) -> SandboxAPIError {
        SandboxAPIError(code: "ERROR_BAD_PARAMETERS", message: message)
    }

    static func notFound(_ what: String, _ code: String, id: String) -> SandboxAPIError {
        SandboxAPIError(code: code, message: "\(what) \(id) not found")
    }

    static func orderNotFound(_ id: Int) -> SandboxAPIError { notFound("Order", "ERROR_ORDER_NOT_FOUND", id: String(id)) }
    static func statusNotFound(_ id: Int) -> SandboxAPIError { notFound("Status", "ERROR_STATUS_NOT_FOUND", id: String(id)) }
    static func inventoryNotFound(_ id: Int) -> SandboxAPIError {
        notFound("Inventory", "ERROR_INVENTORY_NOT_FOUND", id: String(id))
    }
    static func productNotFound(_ id: Int) -> SandboxAPIError {
        notFound("Product", "ERROR_PRODUCT_NOT_FOUND", id: String(id))
    }
    static func invoiceNotFound(_ id: Int) -> SandboxAPIError {
        notFound("Invoice", "ERROR_INVOICE_NOT_FOUND", id: String(id))
    }
    static func seriesNotFound(_ id: Int) -> SandboxAPIError { notFound("Series", "ERROR_SERIES_NOT_FOUND", id: String(id)) }
    static func priceGroupNotFound(_ id: Int) -> SandboxAPIError {
        notFound("Price group", "ERROR_PRICE_GROUP_NOT_FOUND", id: String(id))
    }
    /// More than BaseLinker takes in one call (1000 products).
    static func tooManyProducts(_ count: Int, limit: Int) -> SandboxAPIError {
        SandboxAPIError(code: "ERROR_TOO_MANY_PRODUCTS", message: "At most \(limit) products at a time, got \(count)")
    }
    static func warehouseNotFound(_ id: String) -> SandboxAPIError {
        notFound("Warehouse", "ERROR_WAREHOUSE_NOT_FOUND", id: id)
    }
}
