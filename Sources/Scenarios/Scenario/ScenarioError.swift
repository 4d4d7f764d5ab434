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

    public init(file: String = "", path: String, line: Int? = nil, expected: String, found: String, hint: String? = nil) {
        self.file = file
        self.path = path
        self.line = line
        self.expected = expected
        self.found = found
        self.hint = hint
    }

    public var description: String {
        var text = file.isEmpty ? "" : file + (line.map { ":\($0)" } ?? "") + ": "
        text += "\(path): expected \(expected), found \(found)"
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}
