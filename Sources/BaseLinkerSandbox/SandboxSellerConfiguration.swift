public import Foundation

/// The `firmlink.toml` of a seller whose BaseLinker is a sandbox: the one text that the demo,
/// the benchmarks and the end-to-end tests start from (`firmlink sandbox --write-config FILE`
/// writes it). It names what the sandbox's seeded account has — its statuses, its warehouses
/// `bl_1`…`bl_3` with `bl_3` in Germany — and a seller with a valid NIP.
public struct SandboxSellerConfiguration: Sendable {
    /// The statuses a sync takes, as written in `[orders] statuses`.
    public static let defaultStatuses = #"["Nowe zamówienia", "Do wysłania"]"#

    /// The sandbox's connector URL.
    public var url: URL
    /// `[store] path`: relative to the file's folder, or absolute.
    public var storePath = "firmlink.sqlite"
    /// The `[orders]` keys after `from`.
    public var orders = """
        statuses = \(SandboxSellerConfiguration.defaultStatuses)
        status_after = "Dokument wystawiony"
        status_failed = "Problem z zamówieniem"
        """
    /// `[modules]`: all three; products pulled from BaseLinker, the source of this seller's
    /// catalogue (`[products]` in ``extra`` by default).
    public var modules = """
        orders = true
        products = true
        warehouses = true
        """
    /// More `[warehouses]` keys, such as `push_stock = true`.
    public var warehouses = ""
    /// Text appended at the end (more tables, such as `[rules]`).
    public var extra = ""
    /// `[products]`.
    public var products = """
        mode = "baselinker"
        """

    public init(url: URL) {
        self.url = url
    }

    public var text: String {
        """
        # A seller using a local BaseLinker sandbox (firmlink sandbox --write-config).
        [baselinker]
        url = "\(url.absoluteString)"
        requests_per_minute = 0        # the sandbox's own limit is off unless it was started with one

        [store]
        path = "\(storePath)"

        [seller]
        name = "Sklep Przykład sp. z o.o."
        tax_id = "PL5260001246"
        address = "ul. Prosta 1"
        postcode = "00-001"
        city = "Warszawa"
        country = "PL"
        timezone = "Europe/Warsaw"

        [modules]
        \(modules)

        [orders]
        from = "2026-11-01"
        \(orders)

        [products]
        \(products)

        [warehouses]
        map = { bl_1 = 1, bl_2 = 2, bl_3 = 3 }
        countries = { bl_3 = "DE" }
        \(warehouses)
        \(extra)
        """
    }
}
