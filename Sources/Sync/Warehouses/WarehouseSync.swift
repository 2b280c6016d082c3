import BaseLinker
import Config
import BaseLinkerModels
import FirminoStore

/// The warehouses module: BaseLinker's warehouses read once, then the store's put in step
/// with `[warehouses]` (``WarehouseSetup``). With the module off nothing is asked of
/// BaseLinker, and the store still gets its configured map and a default warehouse (the
/// orders need one).
struct WarehouseSync {
    let session: SyncSession
    /// BaseLinker's warehouses; empty when the module is off.
    let remote: [InventoryWarehouse]

    /// Reads BaseLinker's warehouses when the module is on.
    static func prepare(_ session: SyncSession, enabled: Bool) async throws -> WarehouseSync {
        let remote = enabled ? try await session.client.getInventoryWarehouses() : []
        return WarehouseSync(session: session, remote: remote)
    }

    /// Puts the store's warehouses in step, inside `tx`.
    func apply(in tx: StoreTransaction) throws -> WarehouseSetup.Result {
        var settings = session.configuration.warehouses
        if remote.isEmpty { settings.importNew = false }
        return try WarehouseSetup(settings: settings, sellerCountry: session.configuration.seller.country)
            .apply(remote: remote, in: tx)
    }
}
