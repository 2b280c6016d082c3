import FirminoStore

extension SyncSummary {
    /// The summary as a person reads it at the end of a sync.
    public var text: String {
        var lines: [String] = []
        lines.append(dryRun ? "Dry run: nothing was written or sent." : "Sync finished.")
        if !products.plan.isEmpty {
            lines.append("")
            lines += products.planText
        }
        if dryRun && !plan.isEmpty {
            lines.append("")
            lines += plan.map(\.text)
        }
        let documentsIssued = orders.documents.values.reduce(0, +)
        lines.append("")
        if modules.isEmpty || modules.contains("orders") {
            lines.append(row("Orders fetched", orders.fetched))
            if orders.skipped > 0 { lines.append(row("  already documented", orders.skipped)) }
            if !orders.alreadyInvoiced.isEmpty { lines.append(row("  already invoiced in BaseLinker", orders.alreadyInvoiced.count)) }
            if !orders.setAside.isEmpty { lines.append(row("  skipped by hand", orders.setAside.count)) }
            lines.append(row("  accepted", orders.accepted))
            if orders.rejected > 0 { lines.append(row("  not taken", orders.rejected)) }
            lines.append(row("Documents issued", documentsIssued))
            for type in DocumentType.allCases {
                if let count = orders.documents[type.rawValue], count > 0 { lines.append(row("  \(type.rawValue)", count)) }
            }
            lines.append(row("Contractors linked / created", "\(contractors.linked) / \(contractors.created)"))
        }
        lines.append(row("Products linked / created", "\(products.linked) / \(products.created)"))
        if products.updated > 0 { lines.append(row("  updated from BaseLinker", products.updated)) }
        if products.pushed > 0 { lines.append(row("  sent to BaseLinker", products.pushed)) }
        lines += stockRows
        if warehouses.imported > 0 { lines.append(row("Warehouses imported", warehouses.imported)) }
        if !dryRun {
            lines.append(row("Sent to BaseLinker", outbox.sent))
            if outbox.pending > 0 { lines.append(row("  still to send", outbox.pending)) }
        }
        lines.append(row("BaseLinker requests", requests))
        lines += section(
            "Failed orders (nothing was written for them):", orders.failed.map { "\($0.orderId): \($0.reason)" },
            footer: "(firmlink orders list says since when each fails; firmlink orders skip ID --reason TEXT sets one aside)")
        lines += productsNotTaken
        lines += section(
            "Already invoiced in BaseLinker (no second document was issued):",
            orders.alreadyInvoiced.map { "\($0.orderId): \($0.number)" })
        lines += section("Held for review:", orders.held.map { "\($0.orderId): \($0.reason)" })
        if let unreachable = outbox.unreachable {
            lines.append("")
            lines.append("BaseLinker could not be reached (\(unreachable)): sending stopped, and the \(outbox.pending) writes left wait for the next run.")
        }
        lines += section(
            "Not sent (tried again on the next run):",
            outbox.failed.map { "\($0.orderId.map { "order \($0)" } ?? "-"): \($0.reason)" })
        lines += section(
            "Warehouse countries set from [warehouses] countries:",
            warehouses.countryChanged.map { "\($0.warehouseId) \($0.name): \($0.from) → \($0.to)" })
        lines += section(
            "Warnings (\(warnings.count); all of them in --json):", Array(warnings.prefix(5)),
            footer: warnings.count > 5 ? "… and \(warnings.count - 5) more" : nil)
        return lines.joined(separator: "\n")
    }

    /// What `products pull|push` did (or, in a dry run, would do), product by product.
    public var productsText: String {
        var lines = [dryRun ? "Dry run: nothing was written or sent." : "Done."]
        if !products.plan.isEmpty {
            lines.append("")
            lines += products.planText
        }
        lines.append("")
        let actions = Dictionary(grouping: products.plan, by: \.action).mapValues(\.count)
        for action in ["created", "updated", "linked", "unchanged", "failed"] where actions[action, default: 0] > 0 {
            lines.append(row("Products \(action)", actions[action, default: 0]))
        }
        if products.plan.isEmpty { lines.append(row("Products", "nothing to do")) }
        if products.pushed > 0 { lines.append(row("Products sent to BaseLinker", products.pushed)) }
        lines += stockRows
        lines.append(row("BaseLinker requests", requests))
        lines += productsNotTaken
        lines += section("Warnings:", warnings)
        return lines.joined(separator: "\n")
    }

    /// The stock levels set from BaseLinker and sent to it, the rows of those that happened.
    private var stockRows: [String] {
        var lines: [String] = []
        if stock.pulled > 0 { lines.append(row("Stock levels set from BaseLinker", stock.pulled)) }
        if stock.pushed > 0 { lines.append(row("Stock sent to BaseLinker (products)", stock.pushed)) }
        return lines
    }

    private var productsNotTaken: [String] {
        section(
            "BaseLinker products not taken (nothing was written for them):",
            products.failed.map { "\($0.baselinker): \($0.reason)" })
    }

    private func row(_ label: String, _ value: some CustomStringConvertible) -> String {
        let padding = max(1, 32 - label.count)
        return label + String(repeating: " ", count: padding) + value.description
    }

    /// A blank line, `title`, then `items` and `footer` indented under it; nothing at all when
    /// there are no items.
    private func section(_ title: String, _ items: [String], footer: String? = nil) -> [String] {
        guard !items.isEmpty else { return [] }
        return ["", title] + (items + [footer].compactMap { $0 }).map { "  \($0)" }
    }
}

extension SyncSummary.PlannedOrder {
    /// One line of the dry run's plan.
    var text: String {
        let head = "order \(orderId): "
        switch outcome {
        case "issued": return head + [documentType, number].compactMap { $0 }.joined(separator: " ")
        case "turned_down": return head + "not taken" + (reason.map { ": \($0)" } ?? "")
        case "held": return head + "held: " + (reason ?? "")
        default: return head + "would fail: " + (reason ?? "")
        }
    }
}

extension SyncSummary.Products {
    /// The products plan, product by product; unchanged ones counted in one line.
    var planText: [String] {
        var lines: [String] = []
        var unchanged = 0
        for change in plan {
            guard change.action != "unchanged" || !change.stockChanges.isEmpty else {
                unchanged += 1
                continue
            }
            let card = change.productId.map { "product \($0)" } ?? "new product"
            let link = change.baselinker.isEmpty ? "" : " (BaseLinker \(change.baselinker))"
            lines.append("\(change.action) \(card)\(link): \(change.name)")
            for detail in change.changes + change.stockChanges where !detail.isEmpty {
                lines.append("    \(detail)")
            }
        }
        if unchanged > 0 { lines.append("\(unchanged) product\(unchanged == 1 ? "" : "s") unchanged") }
        return lines
    }
}
