import ArgumentParser
import Scenarios

extension ExitCode {
    /// An expectation or an invariant failed.
    static let expectationFailed = ExitCode(1)
    /// The input (a scenario, an option) is invalid.
    static let invalidInput = ExitCode(2)
}

/// Prints to standard error.
func printError(_ text: String) {
    var stream = StandardError()
    print(text, to: &stream)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleWriter.standardError(string)
    }
}

extension ScenarioError {
    /// What the user reads: `error: ` before each of the file's errors, one a line.
    var message: String { lines.map { "error: " + $0 }.joined(separator: "\n") }
}
