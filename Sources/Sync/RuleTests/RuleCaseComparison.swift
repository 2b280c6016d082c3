import FirminoStore

/// Compares what a case expects with what the rules decided; each difference is one line.
struct RuleCaseComparison {
    let expect: RuleCase.Expectations
    let report: OrderReport

    var differences: [String] {
        var differences: [String] = []
        func differ(_ what: String, _ expected: String, _ got: String) {
            differences.append("\(what): expected \(expected), got \(got)")
        }
        if let error = expect.error {
            guard let failure = report.failure else {
                differ("error", "a failure containing \"\(error)\"", "no failure")
                return differences
            }
            if !failure.contains(error) { differ("error", "a failure containing \"\(error)\"", "\"\(failure)\"") }
            return differences
        }
        if let failure = report.failure {
            return ["the order failed: \(failure)"]
        }
        if let accepted = expect.accepted, report.accepted != accepted {
            differ("accepted", String(accepted), report.accepted.map(String.init) ?? "nothing")
        }
        if let reason = expect.reason, !(report.reason ?? "").contains(reason) {
            differ("reason", "\"\(reason)\"", report.reason.map { "\"\($0)\"" } ?? "none")
        }
        if let held = expect.held, report.held != held {
            differ("held", String(held), String(report.held))
        }
        if let type = expect.documentType, report.documentType?.rawValue != type {
            differ("document_type", type, report.documentType?.rawValue ?? notDecided)
        }
        if let contractor = expect.contractor {
            let got = describe(report.contractor)
            if got != contractor.description { differ("contractor", contractor.description, got) }
        }
        if !expect.newContractor.isEmpty {
            if case .created(_, let fields) = report.contractor {
                let actual = [
                    "name": fields.name, "tax_id": fields.taxId, "address": fields.address,
                    "postcode": fields.postcode, "city": fields.city, "country": fields.country,
                    "email": fields.email, "phone": fields.phone,
                ]
                compare("new_contractor", expect.newContractor, actual, &differences)
            } else {
                differ("new_contractor", "a new contractor", describe(report.contractor))
            }
        }
        if let lines = expect.lines { compareLines(lines, &differences) }
        if let total = expect.totalGross {
            let got = report.document?.totalGross.decimalString
            if got != total { differ("total_gross", total, got ?? "no document") }
        }
        if let count = expect.documentLines, report.document?.lines.count != count {
            differ("document_lines", String(count), report.document.map { String($0.lines.count) } ?? "no document")
        }
        return differences
    }

    private var notDecided: String {
        if report.held { return "nothing (held: \(report.reason ?? ""))" }
        if report.accepted == false { return "nothing (not accepted: \(report.reason ?? ""))" }
        return "nothing"
    }

    private func compareLines(_ lines: [RuleCase.LineExpectation], _ differences: inout [String]) {
        if lines.count > report.lines.count {
            differences.append("lines: expected \(lines.count), got \(report.lines.count) \(report.lines.isEmpty ? notDecided : "")")
            return
        }
        for (index, expectation) in lines.enumerated() {
            let position = expectation.line ?? index + 1
            guard position >= 1, position <= report.lines.count else {
                differences.append("lines[\(index + 1)]: the order has no line \(position)")
                continue
            }
            let line = report.lines[position - 1]
            let label = "line \(position) (\"\(line.name)\")"
            if let warehouse = expectation.warehouse, line.warehouseId != warehouse {
                differences.append("\(label) warehouse: expected \(warehouse), got \(line.warehouseId.map(String.init) ?? "none")")
            }
            if let product = expectation.product {
                let got = describe(line.product)
                var expected = product.description
                if case .sameAsLine(let other) = product, other >= 1, other <= report.lines.count {
                    expected = productId(report.lines[other - 1].product).map(String.init) ?? "a product"
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

    private func describe(_ contractor: OrderReport.Contractor?) -> String {
        switch contractor {
        case .linked(let id): return String(id)
        case .created: return "new"
        case .some(.none): return "none"
        case nil: return notDecided
        }
    }

    private func describe(_ product: OrderReport.Product?) -> String {
        switch product {
        case .linked(let id): return String(id)
        case .created: return "new"
        case .some(.none): return "none"
        case nil: return notDecided
        }
    }

    private func productId(_ product: OrderReport.Product?) -> Int64? {
        switch product {
        case .linked(let id), .created(let id, _): return id
        default: return nil
        }
    }
}
