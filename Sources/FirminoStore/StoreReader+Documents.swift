import GRDB

extension StoreReader {
    public func document(id: Int64) throws -> Document? {
        try documents(where: "id = ?", [id]).first
    }

    /// The document with this number, e.g. `FV/3/11/2026`.
    public func document(number: String) throws -> Document? {
        try documents(where: "number = ?", [number.trimmingSpaces]).first
    }

    /// The document issued for a BaseLinker order, if any.
    public func document(forBaseLinkerOrder orderId: Int64) throws -> Document? {
        try documents(where: "baselinker_order_id = ?", [orderId]).first
    }

    public func hasDocument(baselinkerOrderId orderId: Int64) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE baselinker_order_id = ?)",
            arguments: [orderId]) ?? false
    }

    /// Which of these BaseLinker orders already have a document: one query for a fetched page.
    public func ordersWithDocuments(among orderIds: some Sequence<Int64>) throws -> Set<Int64> {
        var found = Set<Int64>()
        let ids = Array(orderIds)
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let rows = try Int64.fetchAll(
                db, sql: "SELECT baselinker_order_id FROM documents WHERE baselinker_order_id IN (\(marks))",
                arguments: StatementArguments(chunk))
            found.formUnion(rows)
        }
        return found
    }

    /// Documents by id, with their lines and totals; `type` narrows them to one type.
    public func documents(type: DocumentType? = nil) throws -> [Document] {
        if let type {
            return try documents(where: "type = ?", [type.rawValue])
        }
        return try documents(where: "1", [])
    }

    /// The last number given in a type's series for the month of `date` (0 when none).
    public func lastDocumentSequence(type: DocumentType, month date: BusinessDate) throws -> Int64 {
        try Int64.fetchOne(
            db, sql: "SELECT last_number FROM numbering_series WHERE type = ? AND period = ?",
            arguments: [type.rawValue, date.period]) ?? 0
    }

    /// The documents matching `condition`, each with its own lines and totals. Lines and
    /// totals are read for exactly those documents (`document_id IN` the same selection), never
    /// for the documents of other types whose ids fall between theirs.
    func documents(where condition: String, _ arguments: StatementArguments) throws -> [Document] {
        let documentRows = try rows(
            "SELECT \(Document.columns) FROM documents WHERE \(condition) ORDER BY id", arguments)
        guard !documentRows.isEmpty else { return [] }
        let selected = "document_id IN (SELECT id FROM documents WHERE \(condition))"
        var linesByDocument: [Int64: [DocumentLine]] = [:]
        for row in try rows(
            "SELECT \(DocumentLine.columns) FROM document_lines WHERE \(selected) ORDER BY document_id, position",
            arguments)
        {
            linesByDocument[row["document_id"], default: []].append(try DocumentLine(row: row))
        }
        var totalsByDocument: [Int64: [VATSummary.Row]] = [:]
        for row in try rows(
            "SELECT document_id, vat_rate, net, vat, gross FROM document_vat_totals WHERE \(selected)", arguments)
        {
            let total = VATSummary.Row(
                rate: try row.vatRate("vat_rate"), net: Money(minorUnits: row["net"]),
                vat: Money(minorUnits: row["vat"]), gross: Money(minorUnits: row["gross"]))
            totalsByDocument[row["document_id"], default: []].append(total)
        }
        return try documentRows.map { row in
            let id: Int64 = row["id"]
            return try Document(
                row: row, vat: VATSummary(rows: totalsByDocument[id] ?? []),
                lines: linesByDocument[id] ?? [])
        }
    }
}
