/// Like `precondition`, but the message survives release builds (`-O` drops a precondition's
/// message and prints only "Fatal error"). For checks that user input could reach despite
/// validation, where the message is what the user reports.
@inlinable @inline(__always)
public func require(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line
) {
    if _slowPath(!condition()) { fatalError(message(), file: file, line: line) }
}
