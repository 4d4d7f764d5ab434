/// The graph of a workflow as readable text, one node a line in definition order (`nines workflow show`).
extension ValidatedWorkflow {
    public var text: String {
        let d = definition
        var lines: [String] = []
        let variables = d.variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.append(
            "workflow \(d.name): \(d.nodes.count) nodes"
                + (variables.isEmpty ? "" : ", variables \(variables.joined(separator: ", "))"))
        lines.append("  start → \(start)")
        for node in d.nodes { lines.append("  " + Self.line(node, join: joinOfFork[node.name])) }
        return lines.joined(separator: "\n")
    }

    static func line(_ node: WorkflowNode, join: String?) -> String {
        switch node.kind {
        case .end: return "end \(node.name)"
        case .kill(let message): return "kill \(node.name): \"\(message)\""
        case .join(let to): return "join \(node.name) → \(to)"
        case .fork(let paths): return "fork \(node.name) → \(paths.joined(separator: " | ")) (joins at \(join ?? "?"))"
        case .action(let spec):
            var settings = spec.type
            if spec.retryMax > 0 { settings += ", retry-max \(spec.retryMax) every \(spec.retryInterval)" }
            return "action \(node.name) [\(settings)] ok → \(spec.ok), error → \(spec.error)"
        case .decision(let cases, let defaultTo):
            let arms = cases.map { "\($0.predicate.text) → \($0.to)" } + ["default → \(defaultTo)"]
            return "decision \(node.name): " + arms.joined(separator: "; ")
        }
    }
}
