/// A workflow definition that passed validation, with the fork/join pairing the engine needs.
///
/// Only ``WorkflowValidator`` makes one, so the engine may trap on what validation excludes.
public struct ValidatedWorkflow: Equatable, Sendable {
    /// The definition itself.
    public let definition: WorkflowDefinition
    /// The join of each fork, by fork name.
    public let joinOfFork: [String: String]
    /// How many paths reach each join (the path count of its fork), by join name.
    public let pathsIntoJoin: [String: Int]
    let index: [String: Int]

    init(definition: WorkflowDefinition, joinOfFork: [String: String]) {
        self.definition = definition
        self.joinOfFork = joinOfFork
        var paths: [String: Int] = [:]
        var index: [String: Int] = [:]
        for (i, node) in definition.nodes.enumerated() {
            index[node.name] = i
            if case .fork(let forkPaths) = node.kind, let join = joinOfFork[node.name] { paths[join] = forkPaths.count }
        }
        self.pathsIntoJoin = paths
        self.index = index
    }

    /// The app's name.
    public var name: String { definition.name }
    /// The node the start goes to.
    public var start: String { definition.start! }

    /// The node with this name; traps on a name validation would have rejected.
    public func node(_ name: String) -> WorkflowNode {
        guard let i = index[name] else { preconditionFailure("validated workflow \(definition.name) has no node \(name)") }
        return definition.nodes[i]
    }
}
