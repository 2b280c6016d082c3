import Sync
import FirminoStore

/// Compares what a case expects with what the rules decided; each difference is one line.
struct RuleCaseComparison {
    let expect: RuleCase.Expectations
    let report: OrderReport

    var differences: [String] {
        switch report.outcome {
        case .failed(let failure):
            guard let error = expect.error else { return ["the order failed: \(failure)"] }
            if failure.description.contains(error) { return [] }
            return ["error: expected a failure containing \"\(error)\", got \"\(failure)\""]
        case .issued, .turnedDown, .held:
            if let error = expect.error { return ["error: expected a failure containing \"\(error)\", got no failure"] }
        }
        var differences: [String] = []
        func differ(_ what: String, _ expected: String, _ got: String) {
            differences.append("\(what): expected \(expected), got \(got)")
        }
        if let accepted = expect.accepted, self.accepted != accepted {
            differ("accepted", String(accepted), String(self.accepted))
        }
        if let reason = expect.reason, !(self.reason ?? "").contains(reason) {
            differ("reason", "\"\(reason)\"", self.reason.map { "\"\($0)\"" } ?? "none")
        }
        if let held = expect.held, isHeld != held {
            differ("held", String(held), String(isHeld))
        }
        if let type = expect.documentType, report.decisions.documentType?.rawValue != type {
            differ("document_type", type, report.decisions.documentType?.rawValue ?? notDecided)
        }
        if let contractor = expect.contractor {
            let got = describe(report.decisions.contractor)
            if got != contractor.description { differ("contractor", contractor.description, got) }
        }
        if !expect.newContractor.isEmpty {
            if case .created(_, let fields) = report.decisions.contractor {
                let actual = [
                    "name": fields.name, "tax_id": fields.taxId, "address": fields.address,
                    "postcode": fields.postcode, "city": fields.city, "country": fields.country,
                    "email": fields.email, "phone": fields.phone,
                ]
                compare("new_contractor", expect.newContractor, actual, &differences)
            } else {
                differ("new_contractor", "a new contractor", describe(report.decisions.contractor))
            }
        }
        if let lines = expect.lines { compareLines(lines, &differences) }
        if let total = expect.totalGross {
            let got = document?.totalGross.decimalString
            if got != total { differ("total_gross", total, got ?? "no document") }
        }
        if let count = expect.documentLines, document?.lines.count != count {
            differ("document_lines", String(count), document.map { String($0.lines.count) } ?? "no document")
        }
        return differences
    }

    /// Whether `accept_order` took the order.
    private var accepted: Bool {
        switch report.outcome {
        case .issued, .held: true
        case .turnedDown: false
        case .failed: report.decisions.accepted
        }
    }

    /// Why the order was turned down or held.
    private var reason: String? {
        switch report.outcome {
        case .turnedDown(let reason): reason
        case .held(let reason): reason
        case .issued, .failed: nil
        }
    }

    private var isHeld: Bool {
        if case .held = report.outcome { return true }
        return false
    }

    private var document: Document? {
        if case .issued(let inserted) = report.outcome { return inserted.document }
        return nil
    }

    private var notDecided: String {
        switch report.outcome {
        case .held(let reason): "nothing (held: \(reason))"
        case .turnedDown(let reason): "nothing (not accepted: \(reason ?? ""))"
        case .issued, .failed: "nothing"
        }
    }

    private func compareLines(_ lines: [RuleCase.LineExpectation], _ differences: inout [String]) {
        if lines.count > report.decisions.lines.count {
            differences.append("lines: expected \(lines.count), got \(report.decisions.lines.count) \(report.decisions.lines.isEmpty ? notDecided : "")")
            return
        }
        for (index, expectation) in lines.enumerated() {
            let position = expectation.line ?? index + 1
            guard position >= 1, position <= report.decisions.lines.count else {
                differences.append("lines[\(index + 1)]: the order has no line \(position)")
                continue
            }
            let line = report.decisions.lines[position - 1]
            let label = "line \(position) (\"\(line.name)\")"
            if let warehouse = expectation.warehouse, line.warehouseId != warehouse {
                differences.append("\(label) warehouse: expected \(warehouse), got \(line.warehouseId)")
            }
            if let product = expectation.product {
                let got = describe(line.product)
                var expected = product.description
                if case .sameAsLine(let other) = product, other >= 1, other <= report.decisions.lines.count {
                    expected = productId(report.decisions.lines[other - 1].product).map(String.init) ?? "a product"
                    if productId(line.product).map(String.init) != expected {
                        differences.append("\(label) product: expected the product of line \(other) (\(expected)), got \(got)")
                    }
                } else if got != expected {
                    differences.append("\(label) product: expected \(expected), got \(got)")
                }
            }
            if !expectation.newProduct.isEmpty {
                guard case .created(_, let fields) = line.product else {
                    differences.append("\(label) new_product: expected a new product, got \(describe(line.product))")
                    continue
                }
                let actual = [
                    "name": fields.name, "sku": fields.sku ?? "", "ean": fields.ean ?? "", "unit": fields.unit,
                    "vat_rate": fields.vatRate.name, "price_gross": fields.grossPrice.decimalString,
                ]
                compare("\(label) new_product", expectation.newProduct, actual, &differences)
            }
        }
    }

    private func compare(_ what: String, _ expected: [String: String], _ actual: [String: String], _ differences: inout [String]) {
        for key in expected.keys.sorted() {
            guard let value = actual[key] else {
                differences.append("\(what).\(key): no such field (fields: \(actual.keys.sorted().joined(separator: ", ")))")
                continue
            }
            if value != expected[key] {
                differences.append("\(what).\(key): expected \"\(expected[key]!)\", got \"\(value)\"")
            }
        }
    }

    private func describe<Fields>(_ link: OrderDecisions.Link<Fields>?) -> String {
        switch link {
        case .linked(let id)?: String(id)
        case .created?: "new"
        case .none?: "none"
        case nil: notDecided
        }
    }

    private func productId(_ product: OrderDecisions.Link<ProductFields>?) -> Int64? {
        product?.id
    }
}
