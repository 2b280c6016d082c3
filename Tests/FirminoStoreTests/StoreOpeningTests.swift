import Foundation
import Testing
@testable import FirminoStore

struct StoreOpeningTests {
    @Test("a missing file is created and migrated; reopened, its data is intact")
    func createAndReopen() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("firmlink.sqlite")
        #expect(!FileManager.default.fileExists(atPath: path))
        let store = try Store(path: path)
        let number = try store.write { tx throws in
            let catalog = try tx.seedCatalog()
            try tx.setCursor("orders.date_confirmed", to: "1790000000")
            return try tx.insertDocument(
                receiptDraft(orderId: 77, lines: [DocumentLineDraft(
                    name: "Kubek 300 ml", quantity: 2, unitGross: money("29.99"), vatRate: .standard,
                    productId: catalog.mug.id, warehouseId: catalog.warehouse.id)])
            ).document.number
        }
        try store.close()

        let reopened = try Store(path: path)
        try reopened.read { reader throws in
            #expect(try reader.document(number: number)?.baselinkerOrderId == 77)
            #expect(try reader.products().count == 2)
            #expect(try reader.cursor("orders.date_confirmed") == "1790000000")
            #expect(try reader.stockLevels() == [StockLevel(productId: 1, warehouseId: 1, quantity: -2)])
        }
        #expect(try reopened.journalSettings() == .init(journalMode: "wal", synchronous: 1, foreignKeys: true))
    }

    @Test("an empty file is migrated into a store")
    func emptyFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try Store(path: path)
        try store.write { tx in _ = try tx.insertWarehouse(WarehouseFields(name: "A")) }
        try store.close()
        #expect(try Store(path: path).read { try $0.warehouses().map(\.name) } == ["A"])
    }

    @Test("opening again applies no migration twice and keeps the schema version")
    func migratesOnce() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("store.sqlite")
        try Store(path: path).close()
        let store = try Store(path: path)
        #expect(try store.appliedMigrations() == [
            "v1: store", "v2: outbox tries begun before sending", "v3: the seller kept with each document",
            "v4: BaseLinker's invoices, orders set aside", "v5: products linked to a BaseLinker variant",
            "v6: sync runs",
        ])
    }

    @Test("a store of an earlier version is migrated forward when opened, its rows kept")
    func migratesForward() throws {
        let test = try TestStore(migratedUpTo: "v1: store")
        #expect(try test.store.appliedMigrations().count == 6)
        let item = try #require(try test.store.read { try $0.pendingOutbox() }.first)
        #expect(item.kind == .attachInvoice && !item.unfinishedAttempt)
        try test.store.write { try $0.beginOutboxAttempt(id: item.id) }
        #expect(try test.store.read { try $0.outboxItem(id: item.id)?.unfinishedAttempt } == true)
    }

    @Test("products linked before variants keep their id, link and stock, as the product itself (variant 0)")
    func productsMigrateToVariants() throws {
        let test = try TestStore(migratedUpTo: "v4: BaseLinker's invoices, orders set aside", rows: """
            INSERT INTO warehouses (id, name, country, is_default) VALUES (1, 'Magazyn', 'PL', 1);
            INSERT INTO products (id, name, name_normalized, vat_rate, price_gross, baselinker_product_id,
                                  revision, updated_at)
                VALUES (7, 'Kubek', 'kubek', '23', 2500, 4100, 1, '2026-11-01 10:00:00.000');
            INSERT INTO stock_movements (warehouse_id, product_id, delta, reason, created_at)
                VALUES (1, 7, 5000, 'adjustment', '2026-11-01 10:00:00.000');
            """)
        let product = try #require(try test.store.read { try $0.productForBaseLinker(productId: 4100, variantId: 0) })
        #expect(product.id == 7 && product.name == "Kubek" && product.baselinkerVariantId == nil)
        #expect(try test.store.read { try $0.stockLevel(productId: 7, warehouseId: 1) } == 5000)
    }

    /// A file the store must refuse to open, and what the error must say.
    struct RefusedFile: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var fileName: String
        /// Leaves at the path what the store is to refuse.
        var prepare: @Sendable (String) throws -> Void
        var code: StoreError.Code
        /// Part of the message; nil for the path itself.
        var saying: String?

        static let all = [
            RefusedFile(
                testDescription: "a store migrated by a newer Firmlink is refused, not damaged", fileName: "new.sqlite",
                prepare: { path in
                    try Store(path: path).close()
                    try markMigratedByNewerVersion(path)
                },
                code: .newerSchema),
            RefusedFile(
                testDescription: "a file that is not a database is refused with an error naming it", fileName: "notes.txt",
                prepare: { path in
                    try Data(String(repeating: "these are not the tables you are looking for\n", count: 200).utf8)
                        .write(to: URL(fileURLWithPath: path))
                },
                code: .notADatabase),
            RefusedFile(
                testDescription: "an SQLite database of another program is refused", fileName: "other.sqlite",
                prepare: { try makeForeignDatabase(at: $0) }, code: .notADatabase, saying: "not a Firmlink store"),
            RefusedFile(
                testDescription: "a store in a folder that does not exist cannot be opened, and the error says where",
                fileName: "no/such/folder/store.sqlite", prepare: { _ in }, code: .cannotOpen),
        ]
    }

    @Test("a file the store cannot use is refused with an error that says why and where", arguments: RefusedFile.all)
    func refused(_ file: RefusedFile) throws {
        let folder = try TemporaryFolder()
        let path = folder.path(file.fileName)
        try file.prepare(path)
        let error = #expect(throws: StoreError.self) { try Store(path: path) }
        #expect(error?.code == file.code)
        #expect(error?.message.contains(file.saying ?? path) == true)
    }

    @Test("unusable numbering formats are refused when the store opens")
    func badFormats() throws {
        let folder = try TemporaryFolder()
        var formats = NumberingFormats()
        formats.invoice = "FV/{MM}/{YYYY}"
        let error = #expect(throws: StoreError.self) {
            try Store(path: folder.path("s.sqlite"), options: StoreOptions(numbering: formats))
        }
        #expect(error?.code == .invalidNumberingFormat)
        #expect(error?.message.contains("FV/{MM}/{YYYY}") == true)
    }

    @Test("a new store and its lock file are private: they hold customer data")
    func createdPrivate() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("firmlink.sqlite")
        let store = try Store(path: path)
        try store.write { try $0.setCursor("x", to: "1") }
        let lock = try store.lockForWriting()
        for file in [path, path + "-wal", lock.lockPath] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)
            #expect(mode.intValue & 0o077 == 0, "\(file) has mode \(String(mode.intValue, radix: 8))")
        }
        lock.release()
        try store.close()
    }

    @Test("two openers of one new store at once: one creates it, the other waits and finds it made", arguments: 0..<8)
    func concurrentCreation(round: Int) async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("firmlink.sqlite")
        // An older store makes the race wider: both would apply the later migrations.
        if round.isMultiple(of: 2) { try makeStore(at: path, migratedUpTo: "v1: store") }
        let outcomes = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    do {
                        let store = try Store(path: path)
                        try store.close()
                        return nil
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: [String]()) { if let failure = $1 { $0.append(failure) } }
        }
        #expect(outcomes.isEmpty, "\(outcomes)")
        #expect(try Store(path: path).appliedMigrations().count == 6)
    }
}

/// SQLite locks a database with POSIX `fcntl` locks, which a process loses all at once when it
/// closes any descriptor of the file. Opening a store must never do that behind an open pool.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/proc/locks"), "reads the kernel's lock table"))
struct OpeningKeepsLocksTests {
    /// The POSIX record locks this process holds on the file at `path`, as the kernel lists them.
    static func posixLocks(on path: String) throws -> [String] {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let inode = try #require(attributes[.systemFileNumber] as? NSNumber).uint64Value
        let table = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
        // Each line without its ordinal, which moves as other locks come and go.
        return table.split(separator: "\n").map { $0.split(separator: " ").dropFirst().joined(separator: " ") }.filter { line in
            let fields = line.split(separator: " ")
            return fields.count > 4 && fields[0] == "POSIX" && fields[3] == "\(getpid())" && fields[4].hasSuffix(":\(inode)")
        }
    }

    @Test("opening the store again, while a read holds SQLite's lock on the file, leaves that lock in place")
    func reopeningKeepsTheReadersLock() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("firmlink.sqlite")
        let store = try Store(path: path)
        try store.write { try $0.setCursor("x", to: "1") }
        try store.read { reader in
            _ = try reader.cursor("x")
            let held = try Self.posixLocks(on: path)
            #expect(!held.isEmpty, "a read transaction holds a shared lock on the database file")
            let second = try Store(path: path)
            try second.close()
            let after = try Self.posixLocks(on: path)
            #expect(after == held, "before: \(held), after: \(after)")
        }
        try store.close()
    }
}
