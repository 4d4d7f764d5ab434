import Orchestration

extension ShardFile {
    /// The orchestrator's phases and counts of an outcome: sample lists in `OrchestratorPhase`
    /// order, then [restarts, evictions, planned disruptions]. Absent off Kubernetes.
    static func encodeOrchestration(_ phases: OrchestratorPhases) -> [(String, JSONValue)] {
        guard phases != OrchestratorPhases() else { return [] }
        return [
            ("orchestration", .array(phases.samples.map { .array($0.map(JSONValue.number)) })),
            ("orchestration_counts", .array([phases.restarts, phases.evictions, phases.plannedDisruptions].map { .number(Double($0)) })),
        ]
    }

    /// Reads what ``encodeOrchestration(_:)`` wrote; nil when it is malformed.
    static func decodeOrchestration(_ item: JSONValue) -> OrchestratorPhases? {
        var phases = OrchestratorPhases()
        guard let samples = item["orchestration"] else { return phases }
        guard case .array(let lists) = samples, lists.count == phases.samples.count,
            let counts = numbers(item["orchestration_counts"]), counts.count == 3
        else { return nil }
        for (i, list) in lists.enumerated() {
            guard let values = numbers(list) else { return nil }
            phases.samples[i] = values
        }
        (phases.restarts, phases.evictions, phases.plannedDisruptions) = (Int(counts[0]), Int(counts[1]), Int(counts[2]))
        return phases
    }
}
