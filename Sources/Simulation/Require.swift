/// Like `precondition`, but the message survives release builds (`-O` drops a precondition's
/// message and prints only "Fatal error"). For checks that user input could reach despite
/// validation, where the message is what the user reports: inside a run it names the scenario
/// file, the replication, its seed and the simulated time, and exits 1 (``RunFailure``).
@inlinable @inline(__always)
public func require(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line
) {
    if _slowPath(!condition()) { RunFailure.fail(message(), file: file, line: line) }
}
