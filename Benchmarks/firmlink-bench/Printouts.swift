// The printout benchmark: `swift run -c release firmlink-bench printouts [count] [--write folder]`.
//
// Issues a mix of receipts and invoices (1–5 lines and a delivery line, buyers with Polish,
// German, Czech and French names) into a temporary store, prints each once to warm up (the first
// printout also reads the fonts), then prints them round-robin `count` times (default 3000) in
// this one thread. Prints a `name value` table: printouts per second of wall and of CPU time,
// the CPU and wall time of one printout, the mean and largest PDF in bytes. `--write folder`
// also saves each document's PDF there, to check with pdftotext, pdffonts and qpdf.
import FirminoStore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum PrintoutBenchmark {
    static let seller = PartyDetails(
        name: "Sklep Przykład sp. z o.o.", taxId: "PL5260001246", address: "ul. Prosta 1", postcode: "00-001",
        city: "Warszawa", country: "PL")

    static let buyers: [(first: [String], last: [String], street: String, city: String, postcode: String, country: String)] = [
        (["Zażółć", "Łucja", "Grzegorz", "Małgorzata", "Jędrzej"], ["Wójcik", "Żółkiewska", "Ślusarczyk", "Gęślak"],
         "ul. Źródlana", "Łódź", "90-001", "PL"),
        (["Jürgen", "Björn", "Käthe", "Günther"], ["Müller", "Größmann", "Weiß", "Schäfer"],
         "Straße des Öffentlichen Lebens", "Düsseldorf", "40210", "DE"),
        (["Jiří", "Kateřina", "Tomáš", "Růžena"], ["Dvořák", "Nováčková", "Šťastný", "Čermák"],
         "Třída Čechů", "Brno", "602 00", "CZ"),
        (["François", "Hélène", "Zoë", "Anaïs", "Jérôme"], ["Lefèvre", "Bœuf", "Garçon", "Dûrand-Ÿvelin"],
         "Rue de l'Église", "Besançon", "25000", "FR"),
    ]

    static let products = [
        "Kubek ceramiczny „Żuraw” 300 ml", "Teekanne aus Gusseisen, 1 l", "Skleněná váza – ruční práce",
        "Théière en fonte « Cœur »", "Zestaw łyżeczek, stal nierdzewna (6 szt.)", "Kaffeebecher „Grüße aus Köln”",
        "Dřevěné prkénko na krájení", "Serviettes en lin brodées", "Ręcznik bawełniany 70×140 cm, zielony",
    ]

    static let deliveries = ["Dostawa: Kurier DPD", "Dostawa: InPost Paczkomat", "Dostawa: Poczta Polska"]

    static func run(count: Int, writingTo output: String? = nil) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firmlink-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let documents = try issue(into: Store(path: folder.appendingPathComponent("store.sqlite").path))
        let printer = DocumentPrinter(seller: seller, fonts: PrintoutFonts())

        let first = clock(CLOCK_MONOTONIC)
        _ = try printer.pdf(for: documents[0])
        let firstPrintout = clock(CLOCK_MONOTONIC) - first
        for document in documents {
            let pdf = try printer.pdf(for: document)
            if let output {
                let name = document.number.replacingOccurrences(of: "/", with: "-")
                try pdf.write(to: URL(fileURLWithPath: output).appendingPathComponent("\(name).pdf"))
            }
        }

        var bytes = 0
        var largest = 0
        let (cpu, wall) = (clock(CLOCK_PROCESS_CPUTIME_ID), clock(CLOCK_MONOTONIC))
        for index in 0..<count {
            let size = try printer.pdf(for: documents[index % documents.count]).count
            bytes += size
            largest = max(largest, size)
        }
        let cpuSeconds = clock(CLOCK_PROCESS_CPUTIME_ID) - cpu
        let wallSeconds = clock(CLOCK_MONOTONIC) - wall

        let rows: [(String, String)] = [
            ("printouts", "\(count)"),
            ("documents", "\(documents.count)"),
            ("printouts_per_second", fixed(Double(count) / wallSeconds, 1)),
            ("printouts_per_cpu_second", fixed(Double(count) / cpuSeconds, 1)),
            ("cpu_ms_per_printout", fixed(cpuSeconds * 1000 / Double(count), 3)),
            ("wall_ms_per_printout", fixed(wallSeconds * 1000 / Double(count), 3)),
            ("mean_bytes", "\(bytes / count)"),
            ("max_bytes", "\(largest)"),
            ("first_printout_ms", fixed(firstPrintout * 1000, 1)),
        ]
        for (name, value) in rows { print(name, value) }
    }

    /// 48 documents: every buyer language with receipts and invoices of 1–5 lines, each with a
    /// delivery line.
    static func issue(into store: Store) throws -> [Document] {
        var random = SplitMix(seed: 2026)
        return try store.write { tx in
            try (0..<48).map { index in
                let buyer = buyers[index % buyers.count]
                let name = "\(buyer.first[random.next(buyer.first.count)]) \(buyer.last[random.next(buyer.last.count)])"
                var lines = (0..<(1 + index % 5)).map { _ in
                    DocumentLineDraft(
                        name: products[random.next(products.count)], sku: "SKU-\(100 + random.next(900))",
                        quantity: 1 + random.next(4), unitGross: Money(minorUnits: Int64(500 + random.next(40_000))),
                        vatRate: random.next(4) == 0 ? .percent(8) : .standard)
                }
                lines.append(DocumentLineDraft(
                    name: deliveries[index % deliveries.count], quantity: 1, unit: "usł",
                    unitGross: Money(minorUnits: 1299), vatRate: .standard))
                let invoice = index % 3 != 0
                let draft = DocumentDraft(
                    type: invoice ? .invoice : .receipt, issueDate: BusinessDate("2026-11-05")!,
                    saleDate: BusinessDate("2026-11-04")!,
                    buyer: PartyDetails(
                        name: invoice && index % 2 == 0 ? "\(name) — \(buyer.last[0]) & Partner" : name,
                        taxId: invoice ? "\(buyer.country)\(1_000_000_000 + index * 7_919)" : "",
                        address: "\(buyer.street) \(1 + index)", postcode: buyer.postcode, city: buyer.city,
                        country: buyer.country),
                    seller: seller, lines: lines, movesStock: false)
                return try tx.insertDocument(draft).document
            }
        }
    }

    static func clock(_ id: clockid_t) -> Double {
        var now = timespec()
        clock_gettime(id, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}

/// A small deterministic generator, so every run prints the same documents.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
