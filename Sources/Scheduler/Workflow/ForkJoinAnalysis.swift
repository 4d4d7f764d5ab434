/// Pairs every fork with its join on an acyclic, fully resolved graph, reporting mismatches.
///
/// `exits(from:)` answers "where does a path starting here leave the current fork level?": the set
/// of joins it reaches first, plus `end` if it reaches the end. A nested fork is stepped over (its
/// paths must meet at one join, and the walk continues after that join); a kill ends the path with no
/// exit. A fork is well formed when the exits of all its paths are one and the same join.
struct ForkJoinAnalysis {
    let definition: WorkflowDefinition
    let file: String
    private(set) var errors: [WorkflowError] = []
    private(set) var joinOfFork: [String: String] = [:]
    private var forksOfJoin: [String: [String]] = [:]
    private var memo: [String: Set<String>] = [:]
    private let byName: [String: WorkflowNode]
    private static let endMarker = "\u{0}end"
    /// The longest path walked (nodes from the start): the walk recurses once per node, and a
    /// definition of a longer chain is an error rather than a stack overflow.
    static let longestPath = 1_000
    private var depth = 0

    init(definition: WorkflowDefinition, file: String) {
        self.definition = definition
        self.file = file
        self.byName = Dictionary(uniqueKeysWithValues: definition.nodes.map { ($0.name, $0) })
    }

    mutating func run() {
        let top = exits(from: definition.start!)
        for join in top.sorted() where join != Self.endMarker {
            errors.append(WorkflowError(file: file, node: join, message: "join reached outside any fork"))
        }
        let forkErrors = !errors.isEmpty
        for node in definition.nodes {
            guard case .join = node.kind, !top.contains(node.name) else { continue }
            let forks = forksOfJoin[node.name, default: []]
            if forks.count > 1 {
                errors.append(
                    WorkflowError(
                        file: file, node: node.name,
                        message: "join is shared by forks \(forks.joined(separator: ", ")); each fork needs its own join"))
            } else if forks.isEmpty && !forkErrors {
                errors.append(WorkflowError(file: file, node: node.name, message: "join has no fork"))
            }
        }
    }

    private mutating func exits(from name: String) -> Set<String> {
        if let known = memo[name] { return known }
        guard depth < Self.longestPath else {
            if !errors.contains(where: { $0.message.hasPrefix("a path longer than") }) {
                errors.append(WorkflowError(file: file, node: name, message: "a path longer than \(Self.longestPath) nodes from the start"))
            }
            return []
        }
        depth += 1
        defer { depth -= 1 }
        let node = byName[name]!
        var result: Set<String>
        switch node.kind {
        case .end: result = [Self.endMarker]
        case .kill: result = []
        case .join: result = [name]
        case .action(let spec): result = exits(from: spec.ok).union(exits(from: spec.error))
        case .decision(let cases, let defaultTo):
            result = exits(from: defaultTo)
            for c in cases { result.formUnion(exits(from: c.to)) }
        case .fork(let paths):
            result = []
            var inner: Set<String> = []
            for path in paths { inner.formUnion(exits(from: path)) }
            let joins = inner.subtracting([Self.endMarker]).sorted()
            if inner.contains(Self.endMarker) {
                errors.append(WorkflowError(file: file, node: name, message: "fork without its join: a path reaches the end before any join"))
            } else if joins.isEmpty {
                errors.append(WorkflowError(file: file, node: name, message: "fork without a join: no path reaches a join"))
            } else if joins.count > 1 {
                errors.append(
                    WorkflowError(
                        file: file, node: name,
                        message: "the paths of the fork end at different joins: \(joins.joined(separator: ", "))"))
            } else {
                joinOfFork[name] = joins[0]
                forksOfJoin[joins[0], default: []].append(name)
                if case .join(let to) = byName[joins[0]]!.kind { result = exits(from: to) }
            }
        }
        memo[name] = result
        return result
    }
}
