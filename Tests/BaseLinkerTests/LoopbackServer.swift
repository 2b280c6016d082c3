import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import BaseLinker
import BaseLinkerModels

/// A minimal HTTP/1.1 server on 127.0.0.1 over plain sockets, for testing the real transport
/// against a real socket: it answers, hangs up, or stays silent, and records what it read.
final class LoopbackServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        case respond(status: Int, body: String)
        /// Reads the whole request, then closes the connection without answering.
        case closeAfterRequest
        /// Reads the whole request and never answers.
        case silent
    }

    let port: UInt16
    private let socket: Int32
    private let behaviour: Behaviour
    private let requests = Locked<[String]>([])

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        (socket, port) = try Self.listen()
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)/connector.php")! }

    /// Every request read so far: head and body as text.
    var received: [String] { requests.withLock { $0 } }

    func stop() {
        _ = shutdown(socket, Int32(SHUT_RDWR))
        _ = close(socket)
    }

    /// A port on which nothing listens (bound, then released).
    static func closedPort() throws -> UInt16 {
        let (socket, port) = try listen()
        _ = close(socket)
        return port
    }

    private static func listen() throws -> (Int32, UInt16) {
        #if canImport(Glibc)
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, Glibc.listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    private func acceptLoop() {
        while true {
            let connection = accept(socket, nil, nil)
            guard connection >= 0 else { return }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { _ = close(connection) }
        guard let request = readRequest(connection) else { return }
        requests.withLock { $0.append(request) }
        switch behaviour {
        case .respond(let status, let body):
            let bytes = Array(body.utf8)
            let head = "HTTP/1.1 \(status) Status\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(bytes.count)\r\nConnection: close\r\n\r\n"
            let all = Array(head.utf8) + bytes
            _ = all.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        case .closeAfterRequest:
            return
        case .silent:
            var byte: UInt8 = 0
            _ = recv(connection, &byte, 1, 0)  // until the client gives up and closes
        }
    }

    private func readRequest(_ connection: Int32) -> String? {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data += buffer[0..<count]
            let text = String(decoding: data, as: UTF8.self)
            guard let headEnd = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<headEnd.lowerBound].lowercased()
            let length = head.split(separator: "\r\n")
                .first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            let headBytes = text[..<headEnd.upperBound].utf8.count
            if data.count >= headBytes + length { return text }
        }
    }
}
