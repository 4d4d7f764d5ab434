import Simulation

/// How a job moves through control nodes until it reaches actions to launch or an end.
extension WorkflowJob {
    /// Enters `first` and follows control nodes breadth-first (fork paths in order) until each path
    /// waits on an action or a join, or the job ends.
    mutating func enter(_ first: String) -> [WorkflowEffect] {
        var effects: [WorkflowEffect] = []
        var queue = [first]
        var next = 0
        while next < queue.count && status == .running {
            let name = queue[next]
            next += 1
            visited.append(name)
            let node = workflow.node(name)
            switch node.kind {
            case .end: effects += finish(.succeeded)
            case .kill: effects += finish(.killed)
            case .fork(let paths): queue += paths
            case .join(let to):
                let arrived = arrivals[name, default: 0] + 1
                let expected = workflow.pathsIntoJoin[name]!
                precondition(arrived <= expected, "join \(name) fired more than once")
                arrivals[name] = arrived
                if arrived == expected { queue.append(to) }
            case .decision(let cases, let defaultTo): queue.append(decide(name, cases, defaultTo))
            case .action(let spec):
                precondition(index(of: name) == nil, "action \(name) entered twice in a DAG")
                actions.append(WorkflowActionRecord(jobId: id, name: name, type: spec.type))
                effects.append(.launch(launch(actions.count - 1)))
            }
        }
        return effects
    }

    /// The first case that holds, else the default. A draw is a uniform number derived from
    /// (seed, job id, node, case index): independent across cases and jobs, the same on every replay.
    func decide(_ node: String, _ cases: [DecisionCase], _ defaultTo: String) -> String {
        for (index, c) in cases.enumerated() {
            let holds: Bool
            switch c.predicate {
            case .equals(let variable, let value): holds = variables[variable] == value
            case .notEquals(let variable, let value): holds = variables[variable] != value
            case .constant(let b): holds = b
            case .draw(let p):
                var stream = StreamSeed(seed).derive(id).derive(node, index).stream
                holds = stream.nextUnit() < p
            case .unsupported: holds = false
            }
            if holds { return c.to }
        }
        return defaultTo
    }
}
