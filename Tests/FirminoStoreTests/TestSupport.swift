import Foundation
@testable import FirminoStore

/// A folder of its own per test, removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("firmino-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A fixed, settable clock so time stamps in tests do not depend on the wall clock.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_795_000_000)

    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// A fresh store on a real temporary file.
struct TestStore {
    let folder: TemporaryFolder
    let store: Store
    let clock: TestClock

    /// The name of the store's file in its folder.
    static let fileName = "store.sqlite"

    init(numbering: NumberingFormats = .default) throws {
        try self.init(folder: TemporaryFolder(), numbering: numbering)
    }

    /// The store in `folder`: opened if the folder holds one, created if not.
    init(folder: TemporaryFolder, numbering: NumberingFormats = .default) throws {
        self.folder = folder
        let clock = TestClock()
        self.clock = clock
        store = try Store(
            path: folder.path(Self.fileName),
            options: StoreOptions(numbering: numbering, busyTimeout: 60, clock: { clock.now }))
    }
}

extension TestStore {
    /// Runs `body` in one write transaction on a fresh store that holds the usual catalog:
    /// for tests that need nothing else of the store.
    static func withCatalog<T>(_ body: (StoreTransaction, SeededCatalog) throws -> T) throws -> T {
        let test = try TestStore()
        return try test.store.write { tx in try body(tx, try tx.seedCatalog()) }
    }
}

/// The path of a program installed in /usr/bin or /bin, for tests that need it as a second
/// process; nil when it is not installed.
func installedProgram(_ name: String) -> String? {
    ["/usr/bin", "/bin"].map { "\($0)/\(name)" }.first(where: FileManager.default.isExecutableFile(atPath:))
}

func day(_ text: String) -> BusinessDate {
    guard let date = BusinessDate(text) else { preconditionFailure("bad test date \(text)") }
    return date
}

func money(_ text: String) -> Money {
    guard let amount = Money(decimalString: text) else { preconditionFailure("bad test amount \(text)") }
    return amount
}

/// A main warehouse, a mug and a plate: the usual furniture of a test.
typealias SeededCatalog = (warehouse: Warehouse, mug: Product, plate: Product)

extension StoreTransaction {
    /// Puts the usual ``SeededCatalog`` in the store.
    func seedCatalog() throws -> SeededCatalog {
        let warehouse = try insertWarehouse(WarehouseFields(name: "Główny", country: "PL", baselinkerWarehouse: "bl_1"))
        let mug = try insertProduct(
            ProductFields(name: "Kubek 300 ml", sku: "KUB-300", ean: "5901234123457", vatRate: .standard, grossPrice: money("29.99")))
        let plate = try insertProduct(ProductFields(name: "Talerz płytki", sku: "TAL-1", vatRate: .percent(8), grossPrice: money("15.50")))
        return (warehouse, mug, plate)
    }
}

func receiptDraft(
    orderId: Int64? = nil, issued: String = "2026-11-05", lines: [DocumentLineDraft], type: DocumentType = .receipt
) -> DocumentDraft {
    DocumentDraft(
        type: type, issueDate: day(issued), saleDate: day(issued),
        buyer: PartyDetails(name: "Jan Kowalski", address: "ul. Polna 2", postcode: "00-950", city: "Warszawa", country: "PL"),
        baselinkerOrderId: orderId, lines: lines)
}
