/// A scenario file the runner cannot accept: where, what was expected, what was found, and a hint.
public struct ScenarioError: Error, Equatable, CustomStringConvertible {
    /// The file, as the user named it.
    public var file: String
    /// The JSON path of the offending value, e.g. `$.components.failure.ttr.exponential.mean`.
    public var path: String
    /// The line the value starts on, when known.
    public var line: Int?
    public var expected: String
    public var found: String
    public var hint: String?
    /// The file's other errors, in the order found: validation reports every error of a file in
    /// one pass (up to ``ScenarioLimits/maximumErrorsListed``), not only the first.
    public var further: [ScenarioError] = []
    /// Errors found beyond the listed ones, counted only.
    public var unlisted = 0

    public init(file: String = "", path: String, line: Int? = nil, expected: String, found: String, hint: String? = nil) {
        self.file = file
        self.path = path
        self.line = line
        self.expected = expected
        self.found = found
        self.hint = hint
    }

    /// This error and the further ones, each on its own.
    public var all: [ScenarioError] {
        var first = self
        first.further = []
        first.unlisted = 0
        return [first] + further
    }

    /// One line per error (`file:line: path: expected …, found …`), then how many were not listed.
    public var description: String { lines.joined(separator: "\n") }

    /// The lines of ``description``.
    public var lines: [String] {
        all.map(\.text) + (unlisted > 0 ? ["\(file): \(unlisted) more errors not listed"] : [])
    }

    /// This error alone, on one line.
    private var text: String {
        var text = file.isEmpty ? "" : file + (line.map { ":\($0)" } ?? "") + ": "
        text += "\(path): expected \(expected), found \(found)"
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}
