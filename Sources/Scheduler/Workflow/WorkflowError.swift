/// A user's mistake in a workflow definition: which file, which node, what is wrong.
public struct WorkflowError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file the definition came from (as the user named it).
    public var file: String
    /// The node at fault; `nil` for a problem of the whole file (malformed XML, no start).
    public var node: String?
    /// The line in the file, when the parser knows it.
    public var line: Int?
    /// What is wrong and, where possible, what would be right.
    public var message: String

    public init(file: String, node: String?, line: Int? = nil, message: String) {
        self.file = file
        self.node = node
        self.line = line
        self.message = message
    }

    /// `file:line: node 'x': message`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let node { text += "node '\(node)': " }
        return text + message
    }
}

/// Every error found in one definition (validation reports all, not only the first).
public struct WorkflowErrors: Error, Equatable, Sendable, CustomStringConvertible {
    /// The errors, in definition order.
    public var errors: [WorkflowError]

    public init(_ errors: [WorkflowError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
