import Foundation
import Testing
import FirminoStore
#if canImport(Glibc)
import Glibc
#endif

struct WriterLockTests {
    @Test("a second handle on the same store is refused at once with 'busy', until the first lets go")
    func twoHandles() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("store.sqlite")
        let first = try Store(path: path)
        let second = try Store(path: path)
        let lock = try first.lockForWriting()
        #expect(lock.isHeld)
        let error = #expect(throws: StoreError.self) { try second.lockForWriting() }
        #expect(error?.code == .busy)
        #expect(error?.message.contains("is busy") == true)
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("pid \(getpid())") == true)
        lock.release()
        #expect(!lock.isHeld)
        let again = try second.lockForWriting()
        #expect(again.isHeld)
    }

    @Test("dropping the lock object releases it")
    func releasedOnDeinit() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.path("store.sqlite"))
        do {
            let lock = try store.lockForWriting()
            #expect(lock.isHeld)
        }
        #expect(throws: Never.self) { _ = try store.lockForWriting() }
    }

    static let flockTool = installedProgram("flock")

    @Test(
        "another process sees the lock, and the lock dies with the process that held it",
        .enabled(if: flockTool != nil, "needs util-linux's flock as the other process"))
    func otherProcess() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("store.sqlite")
        let store = try Store(path: path)

        // Held here: a process trying to take it is refused.
        let lock = try store.lockForWriting()
        #expect(try runShell("exec 9>\"$1\"; flock -n 9", argument: lock.lockPath) == 1)
        lock.release()
        #expect(try runShell("exec 9>\"$1\"; flock -n 9", argument: lock.lockPath) == 0)

        // Held by a child: refused here; once the child is killed, free again.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "exec 9>\"$1\"; flock -n 9 || exit 1; echo locked; read line", "sh", path + ".lock"]
        let output = Pipe()
        let input = Pipe()
        child.standardOutput = output
        child.standardInput = input
        try child.run()
        let said = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        #expect(said == "locked\n")
        let error = #expect(throws: StoreError.self) { try store.lockForWriting() }
        #expect(error?.code == .busy)
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(throws: Never.self) { _ = try store.lockForWriting() }
    }

    private func runShell(_ script: String, argument: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh", argument]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct DurabilityTests {
    @Test("after makeDurable the database file alone holds every committed transaction")
    func checkpoint() throws {
        let test = try TestStore()
        try test.store.write { tx in _ = try tx.seedCatalog() }
        try test.store.write { tx in try tx.setCursor("orders.date_confirmed", to: "42") }
        try test.store.makeDurable()
        // Copy the main file without its write-ahead log: what it holds is what reached it.
        let copy = test.folder.path("copy.sqlite")
        try FileManager.default.copyItem(atPath: test.store.path, toPath: copy)
        let reopened = try Store(path: copy)
        #expect(try reopened.read { try $0.products().count } == 2)
        #expect(try reopened.read { try $0.cursor("orders.date_confirmed") } == "42")
    }

    @Test("a store reached through a symbolic link has the one writer lock of its real file")
    func symbolicLink() throws {
        let folder = try TemporaryFolder()
        let real = folder.path("real.sqlite")
        try Store(path: real).close()
        let link = folder.path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let linkedFolder = folder.path("linked")
        try FileManager.default.createSymbolicLink(atPath: linkedFolder, withDestinationPath: folder.path(""))

        let held = try Store.lockForWriting(path: real)
        for path in [link, linkedFolder + "/real.sqlite"] {
            let error = try #require(throws: StoreError.self) { _ = try Store.lockForWriting(path: path) }
            #expect(error.code == .busy, "\(path): \(error)")
        }
        held.release()
        let viaLink = try Store.lockForWriting(path: link)
        #expect(viaLink.lockPath == held.lockPath)
        viaLink.release()
    }
}
