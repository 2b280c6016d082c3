import BaseLinkerModels
import FirminoStore
import LuaHost

/// The writes of the `store` table, each recorded in the run's changes as it happens (an
/// update that changes nothing is not recorded).
extension MigrationStore {
    typealias Write = ([LuaValue]) throws -> LuaValue

    func writes() -> [(String, Write)] {
        [
            ("add_product", addProduct), ("update_product", updateProduct), ("link_product", linkProduct),
            ("add_contractor", addContractor), ("update_contractor", updateContractor),
            ("add_warehouse", addWarehouse), ("update_warehouse", updateWarehouse),
            ("move_stock", moveStock),
        ]
    }

    /// `add_product(fields) → id`.
    private func addProduct(_ arguments: [LuaValue]) throws -> LuaValue {
        let fields = try MigrationFields(arguments.argument(0), allowed: MigrationFields.product)
        guard fields.has("name") else { throw MigrationError("a product needs a name") }
        let product = try tx.insertProduct(try fields.product(over: ProductFields(name: "")))
        log.changes.record(.productsAdded, ["id": .int(product.id), "name": .string(product.name)])
        if let link = product.baselinkerProductId { recordLink(product, link) }
        return .integer(product.id)
    }

    /// `update_product(id, fields)`: the fields given change, the rest stay.
    private func updateProduct(_ arguments: [LuaValue]) throws -> LuaValue {
        let id = try Self.id(arguments, 0, "a product id")
        let fields = try MigrationFields(arguments.argument(1), allowed: MigrationFields.product)
        guard let old = try tx.product(id: id) else { throw MigrationError("there is no product \(id) in the store") }
        let new = try tx.updateProduct(id: id, try fields.product(over: old.fields))
        recordUpdate(.productsUpdated, id: id, name: new.name, ChangedFields.of(old.fields, new.fields))
        return .nil
    }

    /// `link_product(id, baselinker_product_id [, variant_id])`; nil unlinks.
    private func linkProduct(_ arguments: [LuaValue]) throws -> LuaValue {
        let id = try Self.id(arguments, 0, "a product id")
        var link: Int64?
        if !arguments.argument(1).isNil {
            link = try Self.id(arguments, 1, "a BaseLinker product id (or nil to unlink)")
        }
        if !arguments.argument(2).isNil {
            let variant = try Self.id(arguments, 2, "a BaseLinker variant id")
            if variant != 0 { throw MigrationError.noVariantLinks }
        }
        guard let old = try tx.product(id: id) else { throw MigrationError("there is no product \(id) in the store") }
        guard old.baselinkerProductId != link else { return .nil }
        recordLink(try tx.linkProduct(id: id, baselinkerProductId: link), link)
        return .nil
    }

    /// `add_contractor(fields) → id`.
    private func addContractor(_ arguments: [LuaValue]) throws -> LuaValue {
        let fields = try MigrationFields(arguments.argument(0), allowed: MigrationFields.contractor)
        let contractor = try tx.insertContractor(try fields.contractor(over: ContractorFields(name: "")))
        log.changes.record(.contractorsAdded, ["id": .int(contractor.id), "name": .string(contractor.name)])
        return .integer(contractor.id)
    }

    /// `update_contractor(id, fields)`.
    private func updateContractor(_ arguments: [LuaValue]) throws -> LuaValue {
        let id = try Self.id(arguments, 0, "a contractor id")
        let fields = try MigrationFields(arguments.argument(1), allowed: MigrationFields.contractor)
        guard let old = try tx.contractor(id: id) else { throw MigrationError("there is no contractor \(id) in the store") }
        let new = try tx.updateContractor(id: id, try fields.contractor(over: old.fields))
        recordUpdate(.contractorsUpdated, id: id, name: new.name, ChangedFields.of(old.fields, new.fields))
        return .nil
    }

    /// `add_warehouse(fields) → id`; `default = true` makes it the default warehouse.
    private func addWarehouse(_ arguments: [LuaValue]) throws -> LuaValue {
        let fields = try MigrationFields(arguments.argument(0), allowed: MigrationFields.warehouse)
        let warehouse = try tx.insertWarehouse(
            try fields.warehouse(over: WarehouseFields(name: "")), isDefault: try fields.bool("default") ?? false)
        log.changes.record(.warehousesAdded, ["id": .int(warehouse.id), "name": .string(warehouse.name)])
        return .integer(warehouse.id)
    }

    /// `update_warehouse(id, fields)`; `default = true` makes it the default warehouse (one
    /// stops being the default only when another becomes it).
    private func updateWarehouse(_ arguments: [LuaValue]) throws -> LuaValue {
        let id = try Self.id(arguments, 0, "a warehouse id")
        let fields = try MigrationFields(arguments.argument(1), allowed: MigrationFields.warehouse)
        guard let old = try tx.warehouse(id: id) else { throw MigrationError("there is no warehouse \(id) in the store") }
        let new = try tx.updateWarehouse(id: id, try fields.warehouse(over: old.fields))
        var changed = ChangedFields.of(old.fields, new.fields)
        switch try fields.bool("default") {
        case true? where !old.isDefault:
            try tx.setDefaultWarehouse(id: id)
            changed.append("default")
        case false? where old.isDefault:
            throw MigrationError(
                "warehouse \(id) stays the default until another becomes it (default = true on that one)")
        default: break
        }
        recordUpdate(.warehousesUpdated, id: id, name: new.name, changed)
        return .nil
    }

    /// `move_stock(product_id, warehouse_id, delta, reason) → the new level`.
    private func moveStock(_ arguments: [LuaValue]) throws -> LuaValue {
        let product = try Self.id(arguments, 0, "a product id")
        let warehouse = try Self.id(arguments, 1, "a warehouse id")
        guard let delta = RuleSet.id(arguments.argument(2)), let quantity = Int(exactly: delta) else {
            throw MigrationError("expects a whole number (the change in quantity) as argument #3, got \(RuleSet.describe(arguments.argument(2)))")
        }
        guard delta != 0 else { throw MigrationError("a delta of 0 moves nothing") }
        let reason = arguments.argument(3)
        guard reason.isNil || reason.stringValue != nil else {
            throw MigrationError("expects the reason (a text) as argument #4, got \(RuleSet.describe(reason))")
        }
        let note = reason.stringValue ?? ""
        try tx.moveStock(productId: product, warehouseId: warehouse, delta: quantity, reason: .manual, note: note)
        log.changes.record(.stockMoved, [
            "product_id": .int(product), "warehouse_id": .int(warehouse), "delta": .int(delta), "reason": .string(note),
        ])
        return .integer(Int64(try tx.stockLevel(productId: product, warehouseId: warehouse)))
    }

    private func recordUpdate(_ kind: MigrationChanges.Kind, id: Int64, name: String, _ changed: [String]) {
        guard !changed.isEmpty else { return }
        log.changes.record(kind, ["id": .int(id), "name": .string(name), "fields": .array(changed.map { .string($0) })])
    }

    private func recordLink(_ product: Product, _ link: Int64?) {
        log.changes.record(.productsLinked, [
            "id": .int(product.id), "name": .string(product.name), "baselinker_product_id": link.map { .int($0) } ?? .null,
        ])
    }
}
