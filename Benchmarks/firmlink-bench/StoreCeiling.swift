// `firmlink-bench store-ceiling [orders]`: the rows a sync writes for `orders` orders (10,000 by
// default), written into a new store straight through GRDB (FirminoStore's `StoreCeiling`).
// Prints one JSON object: {"orders", "seconds", "orders_per_s"}.
import FirminoStore
import Foundation

enum StoreCeilingBenchmark {
    static func run(orders: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firmlink-ceiling-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("ceiling.sqlite").path)
        let seconds = try StoreCeiling.run(orders: orders, in: store)
        try store.close()
        let rate = Double(orders) / seconds
        print(#"{"orders": \#(orders), "seconds": \#(String(format: "%.3f", seconds)), "orders_per_s": \#(Int(rate.rounded()))}"#)
    }
}
