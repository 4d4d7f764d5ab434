/// Checks of a job's internal consistency, for tests and the runtime invariant checker.
extension WorkflowJob {
    /// Violations of the job's invariants, empty when it is consistent.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        if status.isTerminal {
            for a in actions where !a.status.isTerminal {
                problems.append("job \(id) is \(status.rawValue) but action \(a.name) is \(a.status.rawValue)")
            }
        }
        for a in actions {
            guard case .action(let spec) = workflow.node(a.name).kind else {
                problems.append("record \(a.name) is not an action node")
                continue
            }
            if a.userRetries > spec.retryMax { problems.append("action \(a.name) retried \(a.userRetries) > \(spec.retryMax)") }
            if a.startRetries > settings.launchRetriesMax { problems.append("action \(a.name) launch retries exceed the max") }
            if a.attempt != a.userRetries + 1 && a.status != .userRetry {
                problems.append("action \(a.name) attempt \(a.attempt) with \(a.userRetries) retries")
            }
        }
        for (join, count) in arrivals.sorted(by: { $0.key < $1.key }) where count > workflow.pathsIntoJoin[join, default: 0] {
            problems.append("join \(join) reached \(count) times")
        }
        return problems
    }
}
