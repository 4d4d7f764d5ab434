/// A workflow app: its name, its first node, its nodes and the defaults of its variables.
///
/// A definition may be invalid as parsed; ``WorkflowValidator/validate(_:file:)`` turns it into a
/// ``ValidatedWorkflow``, the only form the engine accepts.
public struct WorkflowDefinition: Equatable, Sendable {
    /// The app's name (`workflow-app name`).
    public var name: String
    /// The node the start node goes to; `nil` when the definition has no start.
    public var start: String?
    /// The nodes, in definition order (the order of `show` and of error reports).
    public var nodes: [WorkflowNode]
    /// Default values of workflow variables (Oozie's `<parameters>`), used by decisions.
    public var variables: [String: String]
    /// The line where each node is defined, when the reader knows it (XML), for error messages.
    public var lines: [String: Int] = [:]

    public init(name: String, start: String?, nodes: [WorkflowNode], variables: [String: String] = [:]) {
        self.name = name
        self.start = start
        self.nodes = nodes
        self.variables = variables
    }

    /// The first node with this name.
    public func node(named name: String) -> WorkflowNode? { nodes.first { $0.name == name } }
}
