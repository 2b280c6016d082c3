import Foundation

/// Numbers every ``LuaRuntime`` of the process, from 1 up, never reusing one. A reference
/// carries its runtime's serial: the address of a freed `lua_State` can be handed to the next
/// state, a serial cannot, so a stale reference is refused by every later runtime.
enum RuntimeSerial {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last: UInt64 = 0

    static func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        last += 1
        return last
    }
}
