import Sync
import BaseLinkerModels
import Config
import FirminoStore
import Foundation
import Yams

/// One rule-test case (docs/rules.md, "Rule tests"): the `[orders]` settings it changes, the store before the
/// order, the order as `getOrders` sends it, and the decisions expected — only what is given
/// is checked.
struct RuleCase {
    var file: String
    var line: Int?
    var name: String
    /// A rules script named by the case, relative to its file; else the one given to the run.
    var rules: String?
    var orders: Configuration.Orders
    var store: StoreFixture
    /// What the case decides: an order (a `getOrders` order object), or a BaseLinker
    /// inventory product as `match_baselinker_product` receives it.
    var subject: Subject
    var expect: Expectations

    enum Subject {
        case order(JSONValue)
        case baselinkerProduct(JSONValue)
    }

    struct Expectations {
        var accepted: Bool?
        var reason: String?
        var held: Bool?
        var documentType: String?
        var contractor: Link?
        var newContractor: [String: String] = [:]
        var lines: [LineExpectation]?
        var totalGross: String?
        var documentLines: Int?
        /// Part of the failure message expected when a hook must fail.
        var error: String?
        /// For a BaseLinker product: the store product it is, or `new`.
        var product: Link?
    }

    /// `product:` / `contractor:` as written: an id, `new`, `none`, or `same as line N`.
    enum Link: Equatable, CustomStringConvertible {
        case id(Int64)
        case new
        case none
        case sameAsLine(Int)

        var description: String {
            switch self {
            case .id(let id): return String(id)
            case .new: return "new"
            case .none: return "none"
            case .sameAsLine(let line): return "same as line \(line)"
            }
        }
    }

    struct LineExpectation {
        var line: Int?
        var product: Link?
        var warehouse: Int64?
        var newProduct: [String: String] = [:]
    }
}

extension RuleCase {
    /// Every case in a file, one YAML document per case (separated by `---`); a case that
    /// cannot be read is its error, and the file's other cases still run.
    static func load(file: String, base: Configuration.Orders = Configuration.Orders()) throws -> [Result<RuleCase, RuleFileError>] {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw RuleFileError(file: file, line: nil, message: "cannot be read")
        }
        var cases: [Result<RuleCase, RuleFileError>] = []
        var documents = try Self.documents(text, file: file)
        while let document = documents.next() {
            do {
                cases.append(.success(try RuleCase(document, file: file, base: base)))
            } catch let error as RuleFileError {
                cases.append(.failure(error))
            }
        }
        if let error = documents.error as? YamlError {
            cases.append(.failure(RuleFileError(file: file, line: Self.line(of: error), message: "is not valid YAML: \(error)")))
        }
        return cases
    }

    private static func documents(_ text: String, file: String) throws -> YamlSequence<Node> {
        do {
            return try compose_all(yaml: text)
        } catch let error as YamlError {
            throw RuleFileError(file: file, line: Self.line(of: error), message: "is not valid YAML: \(error)")
        }
    }

    /// `base` is the `[orders]` configuration that the case's `config` overrides.
    init(_ node: Node, file: String, base: Configuration.Orders = Configuration.Orders()) throws {
        let fields = try YAMLFields(node, file: file, path: "")
        try fields.rejectUnknown(["name", "rules", "config", "store", "order", "baselinker_product", "expect"])
        self.file = file
        line = fields.line
        guard let name = try fields.string("name"), !name.isEmpty else { throw fields.error(nil, "a case needs a name") }
        self.name = name
        rules = try fields.string("rules")
        orders = try fields["config"].map { try Self.orders(YAMLFields($0, file: file, path: "config"), base: base) }
            ?? base
        store = try fields["store"].map { try StoreFixture(YAMLFields($0, file: file, path: "store")) } ?? StoreFixture()
        switch (fields["order"], fields["baselinker_product"]) {
        case (let order?, nil):
            guard case .mapping = order else { throw fields.error("order", "must be a getOrders order object") }
            subject = .order(YAMLFields.json(order))
        case (nil, let product?):
            guard case .mapping = product else {
                throw fields.error("baselinker_product", "must be an inventory product: id, variant_id, sku, ean, name, tax_rate, price_gross")
            }
            subject = .baselinkerProduct(YAMLFields.json(product))
        case (_?, _?):
            throw fields.error("baselinker_product", "a case decides an order or a BaseLinker product, not both")
        case (nil, nil):
            throw fields.error("order", "a case needs the order (a getOrders order object) or a baselinker_product")
        }
        guard let expect = fields["expect"] else { throw fields.error("expect", "a case needs what to expect") }
        self.expect = try Self.expectations(YAMLFields(expect, file: file, path: "expect"))
    }

    private static func orders(_ fields: YAMLFields, base: Configuration.Orders) throws -> Configuration.Orders {
        try fields.rejectUnknown([
            "from", "default_document", "auto_document_type", "send_invoices", "link_products",
            "link_contractors", "statuses", "status_after", "status_failed",
        ])
        var orders = base
        if let from = try fields.string("from") {
            guard let day = BusinessDate(from) else { throw fields.error("from", "must be a date written YYYY-MM-DD") }
            orders.from = day
        }
        if let document = try fields.string("default_document") {
            guard let parsed = Configuration.DefaultDocument(rawValue: document) else {
                throw fields.error("default_document", "must be receipt or invoice")
            }
            orders.defaultDocument = parsed
        }
        orders.autoDocumentType = try fields.bool("auto_document_type") ?? orders.autoDocumentType
        orders.sendInvoices = try fields.bool("send_invoices") ?? orders.sendInvoices
        orders.linkProducts = try fields.bool("link_products") ?? orders.linkProducts
        orders.linkContractors = try fields.bool("link_contractors") ?? orders.linkContractors
        if let statuses = fields["statuses"], statuses.string == "all" {
            orders.statuses = .all
        } else if let statuses = fields["statuses"] {
            guard case .sequence(let sequence) = statuses else {
                throw fields.error("statuses", "must be a list of status ids, or all")
            }
            orders.statuses = .listed(try sequence.map { item -> Configuration.StatusReference in
                guard let id = item.int, item.tagName == .int else {
                    throw fields.error("statuses", "rule cases name statuses by id (names need BaseLinker)")
                }
                return .id(id)
            })
        }
        orders.statusAfter = try fields.int("status_after").map(Configuration.StatusReference.id)
        orders.statusFailed = try fields.int("status_failed").map(Configuration.StatusReference.id)
        return orders
    }

    private static func expectations(_ fields: YAMLFields) throws -> Expectations {
        try fields.rejectUnknown([
            "accepted", "reason", "held", "document_type", "contractor", "new_contractor", "lines",
            "total_gross", "document_lines", "error", "product",
        ])
        var expect = Expectations()
        expect.accepted = try fields.bool("accepted")
        expect.reason = try fields.string("reason")
        expect.held = try fields.bool("held")
        expect.documentType = try fields.string("document_type")
        if let type = expect.documentType, DocumentType(rawValue: type) == nil {
            throw fields.error("document_type", "must be receipt, invoice, invoice_wdt or invoice_export")
        }
        expect.contractor = try link(fields, "contractor")
        if let contractor = fields["new_contractor"] {
            expect.newContractor = try texts(YAMLFields(contractor, file: fields.file, path: "expect.new_contractor"))
        }
        if fields.has("lines") {
            expect.lines = try fields.mappings("lines").map { line in
                try line.rejectUnknown(["line", "product", "warehouse", "new_product"])
                var expectation = LineExpectation()
                expectation.line = try line.int("line")
                expectation.product = try link(line, "product")
                expectation.warehouse = try line.int("warehouse").map(Int64.init)
                if let product = line["new_product"] {
                    expectation.newProduct = try texts(YAMLFields(product, file: line.file, path: "\(line.path).new_product"))
                }
                return expectation
            }
        }
        expect.totalGross = try fields.string("total_gross")
        expect.documentLines = try fields.int("document_lines")
        expect.error = try fields.string("error")
        expect.product = try link(fields, "product")
        return expect
    }

    private static func link(_ fields: YAMLFields, _ key: String) throws -> Link? {
        guard let text = try fields.string(key) else { return nil }
        switch text {
        case "new": return .new
        case "none": return Link.none
        default:
            if let id = Int64(text) { return .id(id) }
            if text.hasPrefix("same as line "), let line = Int(text.dropFirst("same as line ".count)) {
                return .sameAsLine(line)
            }
            throw fields.error(key, "must be an id, new, none or \"same as line N\"")
        }
    }

    private static func texts(_ fields: YAMLFields) throws -> [String: String] {
        var texts: [String: String] = [:]
        for (key, _) in fields.mapping {
            let name = key.string ?? ""
            texts[name] = try fields.string(name) ?? ""
        }
        return texts
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }
}
