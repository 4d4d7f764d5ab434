import Foundation

/// Unbuffered writes to the standard streams.
enum FileHandleWriter {
    static func standardError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}
