import BaseLinker
import Config
import BaseLinkerModels
import FirminoStore

extension SyncSession {
    /// `products pull`: BaseLinker's products and their levels in the mapped warehouses into the
    /// store (as mode `baselinker` does), with
    /// the plan — each product created, updated, linked or unchanged, each change `field: old →
    /// new` — in the summary. A dry run decides it all and writes nothing.
    public func pullProducts() async throws -> SyncSummary {
        let rules = try RuleSet(user: self.rules, limits: configuration.rules.limits)
        try await continueRequestWindow()
        let requestsBefore = client.requestCounts.total
        var summary = SyncSummary()
        summary.dryRun = options.dryRun
        // The levels land in the mapped warehouses: those are put in step first, as a sync does.
        let warehouses = try await WarehouseSync.prepare(self, enabled: configuration.modules.warehouses)
        let pull = try await ProductPull.prepare(self, style: .source, rules: rules)
        struct RollBack: Error {}
        do {
            try store.write { tx in
                summary.count(try warehouses.apply(in: tx))
                summary.products.plan = try pull.apply(in: tx, into: &summary)
                if options.dryRun { throw RollBack() }
            }
        } catch is RollBack {}
        summary.requests = client.requestCounts.total - requestsBefore
        summary.closeWarnings()
        return summary
    }

    /// `products push`: the store's new and changed cards to BaseLinker (as mode `firmino`
    /// does), with the plan in the summary. A dry run sends nothing.
    public func pushProducts() async throws -> SyncSummary {
        try await continueRequestWindow()
        let requestsBefore = client.requestCounts.total
        var summary = SyncSummary()
        summary.dryRun = options.dryRun
        let push = try await ProductPush.prepare(self)
        summary.products.plan = options.dryRun ? push.plan() : try await push.run(into: &summary).changes
        summary.requests = client.requestCounts.total - requestsBefore
        summary.closeWarnings()
        return summary
    }
}
