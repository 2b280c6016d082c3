import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The store's writer lock: an exclusive, non-blocking `flock` on `<store>.lock`.
///
/// Only one sync writes a store at a time; a second is refused at once instead of waiting.
/// `flock` locks belong to the open file, so the operating system drops the lock when the
/// holder closes it or dies (even by `kill -9`) — a crash never leaves a stale lock behind.
/// The file keeps the holder's process id, which the refusal names.
public final class StoreWriterLock: @unchecked Sendable {
    /// The lock file, `<store>.lock`.
    public let lockPath: String
    private let mutex = NSLock()
    private var descriptor: Int32

    /// The lock of the store at `storePath`, named after the file it really is: a store
    /// reached through a symbolic link (or a link to its folder) has the one lock file of its
    /// real path, so no two paths to one store can both hold a writer lock.
    init(storePath: String) throws {
        lockPath = Self.realPath(of: storePath) + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw StoreError(
                .cannotOpen,
                "cannot open the store's lock file \(lockPath): \(reason) (does the folder exist and is it writable?)")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            let holder = StoreWriterLock.holder(fd)
            close(fd)
            if failure == EWOULDBLOCK {
                throw StoreError(
                    .busy,
                    "the store \(storePath) is busy: another firmlink process\(holder.map { " (pid \($0))" } ?? "") is writing to it")
            }
            throw StoreError(.cannotOpen, "cannot lock \(lockPath): \(String(cString: strerror(failure)))")
        }
        descriptor = fd
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Whether this handle still holds the lock.
    public var isHeld: Bool {
        mutex.withLock { descriptor >= 0 }
    }

    /// Gives the lock up; later calls do nothing.
    public func release() {
        mutex.withLock {
            guard descriptor >= 0 else { return }
            _ = ftruncate(descriptor, 0)
            flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }

    deinit { release() }

    /// The path with every symbolic link resolved: of the file when it exists, else of its
    /// folder (the file is about to be created there).
    static func realPath(of path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard let resolved = realpath(folder, nil) else { return path }
        defer { free(resolved) }
        return URL(fileURLWithPath: String(cString: resolved)).appendingPathComponent(url.lastPathComponent).path
    }

    private static func holder(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
