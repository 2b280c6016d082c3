package import BaseLinkerModels
package import BaseLinkerModels
package import Foundation

extension SandboxAccount {
    /// The whole account as the API shows it (plus warehouse countries and invoice files), for
    /// comparing accounts: equal seeds and sizes give byte-equal ``snapshotData()``.
    package func snapshot() -> JSONValue {
        var products: [String: JSONValue] = [:]
        for product in state.sortedProducts { products[String(product.id)] = ProductJSON.data(product) }
        return .object([
            "statuses": getOrderStatusList()["statuses"] ?? [],
            "sources": getOrderSources()["sources"] ?? [],
            "warehouses": .array(state.warehouses.map { .object(["key": .string($0.key), "name": .string($0.name),
                                                                  "country": .string($0.country)]) }),
            "inventories": getInventories()["inventories"] ?? [],
            "price_groups": getInventoryPriceGroups()["price_groups"] ?? [],
            "series": getSeries()["series"] ?? [],
            "products": phpMap(products),
            "orders": .array(state.sortedOrders.map(\.json)),
            "invoices": .array(state.sortedInvoices.map { invoice in
                .object([
                    "invoice_id": .int(Int64(invoice.id)), "order_id": .int(Int64(invoice.orderId)),
                    "number": .string(invoice.number), "external_invoice_number": .string(invoice.externalInvoiceNumber),
                    "file_bytes": .int(Int64(invoice.fileBytes)),
                ])
            }),
            "journal": (try? getJournalList(Parameters([:])))?["logs"] ?? [],
        ])
    }

    package func snapshotData() -> Data {
        (try? snapshot().serialized()) ?? Data()
    }
}
