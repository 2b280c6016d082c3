import GRDB

extension StoreReader {
    public func document(id: Int64) throws -> Document? {
        try documents(where: "id = \(id)").first
    }

    /// The document with this number, e.g. `FV/3/11/2026`.
    public func document(number: String) throws -> Document? {
        try documents(where: "number = \(number.trimmingSpaces)").first
    }

    /// The document issued for a BaseLinker order, if any.
    public func document(forBaseLinkerOrder orderId: Int64) throws -> Document? {
        try documents(where: "baselinker_order_id = \(orderId)").first
    }

    public func hasDocument(baselinkerOrderId orderId: Int64) throws -> Bool {
        try fetchOne("SELECT EXISTS (SELECT 1 FROM documents WHERE baselinker_order_id = ?)", [orderId]) ?? false
    }

    /// Which of these BaseLinker orders already have a document: one query for a fetched page.
    ///
    /// The ids go in as one JSON array, so that one kept statement serves pages of any size.
    public func ordersWithDocuments(among orderIds: some Sequence<Int64>) throws -> Set<Int64> {
        let ids = "[" + orderIds.map(String.init).joined(separator: ",") + "]"
        let found: [Int64] = try fetchAll(
            "SELECT baselinker_order_id FROM documents WHERE baselinker_order_id IN (SELECT value FROM json_each(?))",
            [ids])
        return Set(found)
    }

    /// Documents by id, with their lines and totals; `type` narrows them to one type.
    public func documents(type: DocumentType? = nil) throws -> [Document] {
        if let type {
            return try documents(where: "type = \(type)")
        }
        return try documents(where: "1")
    }

    /// The last number given in a type's series for the month of `date` (0 when none).
    public func lastDocumentSequence(type: DocumentType, month date: BusinessDate) throws -> Int64 {
        try NumberingSeries.fetchOne(db, key: ["type": type, "period": date.period])?.lastNumber ?? 0
    }

    /// The documents whose `documents` row matches `condition`, by id, each with its own lines
    /// and totals: one query per table, however many documents match. Lines and totals are
    /// read for exactly those documents (`document_id IN` the same selection), never for the
    /// documents of other types whose ids fall between theirs.
    func documents(where condition: SQL) throws -> [Document] {
        let headers: [DocumentHeader] = try fetchAll(literal: "SELECT * FROM documents WHERE \(condition) ORDER BY id")
        guard !headers.isEmpty else { return [] }
        let selected: SQL = "document_id IN (SELECT id FROM documents WHERE \(condition))"
        let lines: [DocumentLine] = try fetchAll(
            literal: "SELECT * FROM document_lines WHERE \(selected) ORDER BY document_id, position")
        let totals: [DocumentVATTotal] = try fetchAll(literal: "SELECT * FROM document_vat_totals WHERE \(selected)")
        let linesByDocument = Dictionary(grouping: lines, by: \.documentId)
        let totalsByDocument = Dictionary(grouping: totals, by: \.documentId)
        return try headers.map { header in
            let totals = header.id.flatMap { totalsByDocument[$0] } ?? []
            let lines = header.id.flatMap { linesByDocument[$0] } ?? []
            return Document(header, lines: lines, vat: try VATSummary(rows: totals.map(\.row)))
        }
    }
}
