import AsyncHTTPClient
import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import NIOCore
import Testing

@Suite("Fault injection")
struct FaultTests {
    func configuration(_ spec: String, seed: UInt64 = 1) throws -> SandboxConfiguration {
        var configuration = SandboxConfiguration(
            seed: seed, orders: 40, products: 20, requestsPerMinute: 0, faults: try SandboxFaults(parsing: spec))
        configuration.timeoutDelay = 30
        return configuration
    }

    @Test("a fault spec is parsed, and a bad one says what is wrong")
    func parsing() throws {
        let faults = try SandboxFaults(parsing: "500:0.05,timeout:0.01,malformed:0.01,types:0.2")
        #expect(faults == SandboxFaults(serverError: 0.05, timeout: 0.01, malformed: 0.01, types: 0.2))
        #expect(try SandboxFaults(parsing: "") == .none)
        for (spec, problem) in [
            ("500:2", "'2' in '500:2' is not a probability from 0 to 1"),
            ("slow:0.1", "unknown fault 'slow'"),
            ("500", "'500' is not KIND:PROBABILITY"),
            ("types:0.1,types:0.2", "'types' is given twice"),
            ("500:0.6,timeout:0.6", "exceed 1"),
            ("500:0.1,,types:0.1", "empty entry"),
        ] {
            #expect {
                try SandboxFaults(parsing: spec)
            } throws: { error in
                "\(error)".contains(problem) && "\(error)".contains("Invalid fault spec '\(spec)'")
            }
        }
    }

    @Test("a 500 fault answers HTTP 500 and does not apply the request")
    func serverError() async throws {
        try await withSandbox(try configuration("500:1")) { (server, client) async throws in
            let order = try #require(await server.account.orders().first { $0.statusId != 1005 })
            let reply = try await client.call("setOrderStatus", ["order_id": .int(Int64(order.id)), "status_id": 1005])
            #expect(reply.status == 500)
            #expect(reply.json == nil)
            #expect(await server.account.order(order.id)?.statusId == order.statusId)
            #expect(await server.stats.faults["500"] == 1)
        }
    }

    @Test("a timeout fault applies the request and holds the answer past the client's timeout")
    func timeout() async throws {
        try await withSandbox(try configuration("timeout:1")) { (server, client) async throws in
            let order = try #require(await server.account.orders().first { $0.statusId != 1005 })
            await #expect(throws: HTTPClientError.self) {
                try await client.call("setOrderStatus", ["order_id": .int(Int64(order.id)), "status_id": 1005],
                                      timeout: .seconds(1))
            }
            #expect(await server.account.order(order.id)?.statusId == 1005, "applied though unanswered")
        }
    }

    @Test("a malformed fault applies the request and sends a body that is not JSON")
    func malformed() async throws {
        try await withSandbox(try configuration("malformed:1")) { (server, client) async throws in
            let orders = await server.account.orders()
            for order in orders.prefix(6) {
                let reply = try await client.call("setOrderStatus", ["order_id": .int(Int64(order.id)), "status_id": 1004])
                #expect(reply.status == 200)
                #expect(reply.json == nil, "\(String(decoding: reply.body, as: UTF8.self))")
                #expect(await server.account.order(order.id)?.statusId == 1004)
            }
        }
    }

    @Test("a types fault changes value types the way BaseLinker does, never their meaning")
    func typeVariance() async throws {
        let plain = try await withSandbox(try configuration("", seed: 8)) { (_, client) async throws in
            try await [client.call("getOrders"), client.call("getInventoryProductsData", ["inventory_id": 501, "products": [20001, 20002]]),
                       client.call("getInventoryWarehouses"), client.call("updateInventoryProductsStock", ["inventory_id": 501, "products": [:]])]
        }
        let varied = try await withSandbox(try configuration("types:1", seed: 8)) { (server, client) async throws in
            let replies = try await [client.call("getOrders"), client.call("getInventoryProductsData", ["inventory_id": 501, "products": [20001, 20002]]),
                                     client.call("getInventoryWarehouses"), client.call("updateInventoryProductsStock", ["inventory_id": 501, "products": [:]])]
            #expect(await server.stats.faults["types"] == 4)
            return replies
        }
        #expect(zip(plain, varied).filter { $0.json != $1.json }.count >= 3)
        for (before, after) in zip(plain, varied) {
            let a = try #require(before.json), b = try #require(after.json)
            #expect(canonical(a) == canonical(b))
        }
        let ean = plain[1].json?["products"]?["20001"]?["ean"]
        #expect(varied[1].json?["products"]?["20001"]?["ean"] == ean, "text stays text")
    }

    @Test("the same seed injects the same faults in the same order")
    func seededFaults() async throws {
        func statuses(_ seed: UInt64) async throws -> [Int] {
            try await withSandbox(try configuration("500:0.3", seed: seed)) { (_, client) async throws in
                var codes: [Int] = []
                for _ in 0..<40 { codes.append(try await client.call("getSeries").status) }
                return codes
            }
        }
        let first = try await statuses(21)
        #expect(first.contains(500) && first.contains(200))
        #expect(try await statuses(21) == first)
        #expect(try await statuses(22) != first)
    }
}

/// A value with its type variance taken out: numbers and numeric text as numbers, flags as 0/1,
/// an empty array as an empty object.
func canonical(_ value: JSONValue) -> JSONValue {
    switch value {
    case .int(let number): return .double(Double(number))
    case .bool(let flag): return .double(flag ? 1 : 0)
    case .string(let text): return Double(text).map { .double($0) } ?? value
    case .array(let items): return items.isEmpty ? .object([:]) : .array(items.map(canonical))
    case .object(let object): return .object(object.mapValues(canonical))
    case .double, .null: return value
    }
}
