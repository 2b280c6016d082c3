import BaseLinkerSandbox
import Foundation

/// The configuration of a seller using a sandbox at `url`, with the store at `store`; `orders`
/// replaces the `[orders]` selection, `extra` is appended.
func sandboxConfiguration(url: URL, store: String = "firmlink.sqlite", orders: String? = nil, extra: String = "") -> String {
    var seller = SandboxSellerConfiguration(url: url)
    seller.storePath = store
    seller.modules = "orders = true\nwarehouses = true\nproducts = false"
    if let orders { seller.orders = orders }
    seller.extra = extra
    return seller.text
}
