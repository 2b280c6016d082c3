import Foundation
import Logging
import Testing

@testable import BaseLinker
import BaseLinkerModels

@Suite("The token never leaks")
struct TokenSecrecyTests {
    private static let token = "5001234-7654321-SECRETSECRETSECRET+/="

    @Test("configuration descriptions, debug descriptions and dumps hide the token")
    func configurationHidesToken() {
        let configuration = BaseLinkerConfiguration(token: Self.token)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in ["\(configuration)", String(describing: configuration), String(reflecting: configuration), dumped] {
            #expect(!text.contains("SECRET"))
            #expect(text.contains("<hidden>"))
        }
        #expect(Mirror(reflecting: configuration).children.contains { $0.label == "requestsPerMinute" })
    }

    @Test("request descriptions, debug descriptions and dumps hide the X-BLToken header")
    func requestHidesToken() async throws {
        let transport = FakeTransport(always: success())
        _ = try await makeClient(transport: transport, token: Self.token).call("getOrders")
        let request = try #require(transport.sent.first?.request)
        #expect(request.header("X-BLToken") == Self.token)
        var dumped = ""
        dump(request, to: &dumped)
        for text in ["\(request)", String(describing: request), String(reflecting: request), dumped] {
            #expect(!text.contains("SECRET"), "leaked: \(text)")
            #expect(text.contains("<hidden>"))
            #expect(text.contains("getOrders"))
        }
        #expect("\(request)".contains("X-BLToken: <hidden>"))
        #expect("\(request)".contains("Content-Type: application/x-www-form-urlencoded"))
        #expect(Mirror(reflecting: request).children.contains { $0.label == "timeout" })
    }

    @Test("no error description or log line contains the token, even when the server echoes it")
    func errorsAndLogsHideToken() async throws {
        let token = Self.token
        let encoded = FormEncoding.percentEncode(token)
        // Echoed as sent, percent-encoded, lower-cased, and broken across lines.
        let broken = token.prefix(12) + "\n" + token.dropFirst(12).prefix(10) + " \r\n" + token.dropFirst(22)
        let echo = "token \(token) / \(encoded) / \(token.lowercased()) / \(broken) rejected"
        let responses: [Result<BaseLinkerHTTPResponse, any Error>] = [
            .success(apiError("ERROR_BAD_TOKEN", echo)),
            .success(apiError("ERROR_BLOCKED_TOKEN", echo)),
            .success(raw("<html>\(echo)</html>", status: 500)),
            .success(raw("<html>\(echo)</html>", status: 403)),
            .success(raw("<html>\(echo)</html>")),
            .success(raw("")),
            .failure(BaseLinkerTransportError(.notSent, echo)),
            .failure(BaseLinkerTransportError(.maybeSent, echo)),
            .success(success(["orders": [["order_id": 1, "date_confirmed": .string(echo)]]])),
        ]
        let store = CapturingLogHandler.Store()
        let logger = Logger(label: "test", factory: { _ in CapturingLogHandler(store: store) })
        var descriptions: [String] = []
        for response in responses {
            for method in ["getOrders", "addInvoice"] {
                let clock = VirtualClock()
                let transport = FakeTransport(clock: clock, steps: [response])
                let client = makeClient(
                    transport: transport, clock: clock, token: token,
                    retry: RetryPolicy(maxAttempts: 2, jitter: 0), maxBlockedWait: .seconds(60), logger: logger)
                do {
                    if method == "addInvoice" {
                        _ = try await client.addInvoice(orderID: 1, seriesID: 1)
                    } else {
                        let orders = try await client.getOrders(OrdersQuery())
                        // An order that cannot be read keeps why, redacted like any error.
                        descriptions += orders.compactMap { $0.readError.map { "\($0)" } }
                    }
                } catch {
                    var dumped = ""
                    dump(error, to: &dumped)
                    descriptions.append(dumped)
                    descriptions.append("\(error)")
                    descriptions.append(String(reflecting: error))
                    if let error = error as? BaseLinkerError {
                        descriptions.append(error.message)
                        descriptions.append(error.bodyExcerpt ?? "")
                    }
                }
                #expect(transport.sent.allSatisfy { $0.request.header("X-BLToken") == token })
            }
        }
        #expect(descriptions.count >= responses.count * 2)
        #expect(store.all.count > 10, "the failures were logged")
        for text in descriptions + store.all {
            #expect(!text.contains("SECRET") && !text.contains("secret"), "leaked: \(text)")
            #expect(!text.contains(String(token.dropFirst(22))), "leaked the end of a broken echo: \(text)")
        }
        #expect(descriptions.contains { $0.contains("<token>") }, "echoes are shown with the token removed")
    }
}
