import Foundation
import Logging
import Testing

@testable import BaseLinker
import BaseLinkerModels

@Suite("The async-http-client transport over a real socket")
struct HTTPClientTransportTests {
    private func request(to url: URL, timeout: Duration = .seconds(10)) -> BaseLinkerHTTPRequest {
        BaseLinkerHTTPRequest(
            url: url, headers: [("Content-Type", "application/x-www-form-urlencoded"), ("X-BLToken", "t-1")],
            body: Data("method=getOrders&parameters=%7B%7D".utf8), method: "getOrders", timeout: timeout)
    }

    /// What sending `request` through a new transport throws (an issue when it does not throw).
    private func failure(
        of request: BaseLinkerHTTPRequest, transport: HTTPClientTransport = HTTPClientTransport(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> BaseLinkerTransportError? {
        let error = await #expect(throws: BaseLinkerTransportError.self, sourceLocation: sourceLocation) {
            _ = try await transport.send(request)
        }
        try await transport.shutdown()
        return error
    }

    @Test("a request arrives as a form POST and the answer comes back")
    func roundTrip() async throws {
        let server = try LoopbackServer(.respond(status: 200, body: #"{"status":"SUCCESS","warehouse_id":206}"#))
        defer { server.stop() }
        let configuration = BaseLinkerConfiguration(url: server.url, token: "loopback-token", requestsPerMinute: 0)
        let client = BaseLinkerClient(configuration: configuration)
        let file = Data([0xFB, 0xFF, 0xBF])
        let id = try await client.addInventoryWarehouse(name: "Łódź +1")
        try await client.addOrderInvoiceFile(invoiceID: 1, file: file)
        try await client.shutdown()

        #expect(id == 206)
        let received = server.received
        #expect(received.count == 2)
        let first = try #require(received.first)
        #expect(first.hasPrefix("POST /connector.php HTTP/1.1\r\n"))
        #expect(first.lowercased().contains("x-bltoken: loopback-token\r\n"))
        #expect(first.lowercased().contains("content-type: application/x-www-form-urlencoded\r\n"))
        let body = String(try #require(first.components(separatedBy: "\r\n\r\n").last))
        #expect(body.hasPrefix("method=addInventoryWarehouse&parameters="))
        #expect(body.contains("%C5%81%C3%B3d%C5%BA%20%2B1"))
        let fileBody = String(try #require(received.last?.components(separatedBy: "\r\n\r\n").last))
        let fields = try #require(FormEncoding.fields(of: Data(fileBody.utf8)))
        let parameters = try JSONValue(parsing: Data(try #require(fields["parameters"]).utf8))
        #expect(parameters["file"] == "data:+/+/")
    }

    @Test("connection refused means the request was never sent")
    func connectionRefused() async throws {
        let port = try LoopbackServer.closedPort()
        let error = try await failure(
            of: request(to: URL(string: "http://127.0.0.1:\(port)/connector.php")!),
            transport: HTTPClientTransport(connectTimeout: .seconds(5)))
        #expect(error?.stage == .notSent)
    }

    @Test("a connection closed after the request may have been processed")
    func closedAfterRequest() async throws {
        let server = try LoopbackServer(.closeAfterRequest)
        defer { server.stop() }
        let error = try await failure(of: request(to: server.url))
        #expect(error?.stage == .maybeSent)
    }

    @Test("no answer within the request timeout may have been processed")
    func timeout() async throws {
        let server = try LoopbackServer(.silent)
        defer { server.stop() }
        let error = try await failure(of: request(to: server.url, timeout: .milliseconds(300)))
        #expect(error?.stage == .maybeSent)
        #expect(error?.reason.contains("no answer") == true)
    }

    @Test("a write over a connection that drops is in doubt; a read is retried")
    func clientOverDroppingConnection() async throws {
        let server = try LoopbackServer(.closeAfterRequest)
        defer { server.stop() }
        let configuration = BaseLinkerConfiguration(
            url: server.url, token: uniqueToken(), requestsPerMinute: 0,
            retry: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(1)))
        let client = BaseLinkerClient(configuration: configuration)
        let write = await #expect(throws: BaseLinkerError.self) { try await client.setOrderStatus(orderID: 1, statusID: 2) }
        #expect(write?.kind == .inDoubt)
        let read = await #expect(throws: BaseLinkerError.self) { _ = try await client.getOrderStatusList() }
        #expect(read?.kind == .transport)
        #expect(read?.attempts == 2)
        #expect(client.requestCounts.total == 3)
        try await client.shutdown()
    }

    @Test("a non-JSON answer from a real server is reported with its status and body")
    func htmlFromServer() async throws {
        let server = try LoopbackServer(.respond(status: 502, body: "<html>Bad Gateway</html>"))
        defer { server.stop() }
        let configuration = BaseLinkerConfiguration(
            url: server.url, token: uniqueToken(), requestsPerMinute: 0, retry: .none)
        let client = BaseLinkerClient(configuration: configuration)
        let error = await #expect(throws: BaseLinkerError.self) { _ = try await client.getInventories() }
        #expect(error?.kind == .http)
        #expect(error?.httpStatus == 502)
        #expect(error?.bodyExcerpt == "<html>Bad Gateway</html>")
        try await client.shutdown()
    }
}
