import Config
import FirminoStore

extension Configuration.Numbering {
    var formats: NumberingFormats {
        NumberingFormats(receipt: receipt, invoice: invoice, invoiceWDT: invoiceWDT, invoiceExport: invoiceExport)
    }
}

extension Configuration {
    /// Checks `[numbering]` by the store's rule (``NumberingFormats/problem()``) while the
    /// configuration is loaded, so that a format that would repeat numbers is an error naming
    /// the file, the line and the key, before any store is opened. Config reads the formats as
    /// text only: it does not depend on the store.
    func checkNumbering() throws(ConfigurationError) {
        guard let problem = numbering.formats.problem() else { return }
        // The configuration keys are the document types' names: `numbering.invoice_wdt`.
        throw error(key: "numbering.\(problem.type.rawValue)", "\(problem.reason), found \"\(problem.format)\"")
    }
}
