/// Checks a workflow definition the way Oozie's parser does, and reports every problem it finds.
///
/// Rules: one start, exactly one end, unique names, every transition resolves, every node is
/// reachable from the start, no cycles (the graph is a strict DAG), and forks and joins pair up:
/// all paths of a fork — through nested forks, decisions and error transitions — meet at the same
/// join before anything else, a join belongs to one fork only, and no path of a fork reaches the
/// end before its join. A path may leave to a kill node, which ends the whole job.
public enum WorkflowValidator {
    /// The validated workflow, or every error found, each naming `file` and the node at fault.
    public static func validate(_ definition: WorkflowDefinition, file: String) -> Result<ValidatedWorkflow, WorkflowErrors> {
        var errors = structuralErrors(definition, file: file)
        let names = definition.nodes.map(\.name)
        let walkable = Set(names).count == names.count && definition.start.map(Set(names).contains) == true
        // Dangling transitions do not stop the walk (it skips them), so one run reports them with
        // the cycles and unreachable nodes; duplicate names or no start make the walk meaningless.
        if walkable { errors += graphErrors(definition, file: file) }
        var joinOfFork: [String: String] = [:]
        if errors.isEmpty {
            var analysis = ForkJoinAnalysis(definition: definition, file: file)
            analysis.run()
            errors = analysis.errors
            joinOfFork = analysis.joinOfFork
        }
        guard errors.isEmpty else {
            for i in errors.indices where errors[i].line == nil {
                errors[i].line = errors[i].node.flatMap { definition.lines[$0] }
            }
            return .failure(WorkflowErrors(errors))
        }
        return .success(ValidatedWorkflow(definition: definition, joinOfFork: joinOfFork))
    }

    /// Start, end, names, per-node settings and dangling transitions.
    static func structuralErrors(_ definition: WorkflowDefinition, file: String) -> [WorkflowError] {
        var errors: [WorkflowError] = []
        if definition.start == nil {
            errors.append(WorkflowError(file: file, node: "start", message: "the workflow has no start node"))
        }
        let ends = definition.nodes.filter { $0.kind == .end }
        if ends.isEmpty { errors.append(WorkflowError(file: file, node: "end", message: "the workflow has no end node")) }
        for extra in ends.dropFirst() {
            errors.append(WorkflowError(file: file, node: extra.name, message: "a second end node (a workflow has exactly one)"))
        }
        var seen: Set<String> = []
        for node in definition.nodes {
            if node.name.isEmpty { errors.append(WorkflowError(file: file, node: "", message: "a \(node.kindName) node has no name")) }
            if !seen.insert(node.name).inserted {
                errors.append(WorkflowError(file: file, node: node.name, message: "duplicate node name"))
            }
            errors += settingErrors(node, file: file)
        }
        let names = Set(definition.nodes.map(\.name))
        if let start = definition.start, !names.contains(start) {
            errors.append(WorkflowError(file: file, node: "start", message: "transition to unknown node '\(start)'"))
        }
        for node in definition.nodes {
            for target in node.transitions where !names.contains(target) {
                errors.append(WorkflowError(file: file, node: node.name, message: "transition to unknown node '\(target)'"))
            }
        }
        return errors
    }

    static func settingErrors(_ node: WorkflowNode, file: String) -> [WorkflowError] {
        func error(_ message: String) -> WorkflowError { WorkflowError(file: file, node: node.name, message: message) }
        switch node.kind {
        case .action(let spec):
            var errors: [WorkflowError] = []
            if spec.retryMax < 0 { errors.append(error("retry-max must be ≥ 0, found \(spec.retryMax)")) }
            if spec.retryInterval < .zero { errors.append(error("retry-interval must be ≥ 0, found \(spec.retryInterval)")) }
            return errors
        case .fork(let paths):
            if paths.count < 2 { return [error("a fork needs at least two paths, found \(paths.count)")] }
            if Set(paths).count != paths.count { return [error("a fork lists the same path twice")] }
            return []
        case .decision(let cases, _):
            for c in cases {
                if case .draw(let p) = c.predicate, !(p >= 0 && p <= 1) {
                    return [error("a draw probability must be in [0, 1], found \(p)")]
                }
            }
            return []
        case .end, .kill, .join: return []
        }
    }

    /// Unreachable nodes and cycles, on a graph whose transitions all resolve.
    static func graphErrors(_ definition: WorkflowDefinition, file: String) -> [WorkflowError] {
        let byName = Dictionary(uniqueKeysWithValues: definition.nodes.map { ($0.name, $0) })
        var errors: [WorkflowError] = []
        // Iterative DFS with colours: grey on the stack, black done. A grey target is a back edge.
        var colour: [String: Int] = [:]
        var stack: [(name: String, next: Int)] = [(definition.start!, 0)]
        colour[definition.start!] = 1
        while !stack.isEmpty {
            let (name, next) = stack[stack.count - 1]
            let transitions = byName[name]!.transitions
            guard next < transitions.count else {
                colour[name] = 2
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let target = transitions[next]
            guard byName[target] != nil else { continue }
            switch colour[target] {
            case nil:
                colour[target] = 1
                stack.append((target, 0))
            case 1:
                let loop = stack.map(\.name).drop { $0 != target } + [target]
                errors.append(
                    WorkflowError(file: file, node: name, message: "cycle: " + loop.joined(separator: " → ")))
            default: break
            }
        }
        for node in definition.nodes where colour[node.name] == nil {
            errors.append(WorkflowError(file: file, node: node.name, message: "unreachable from the start node"))
        }
        return errors
    }
}
