import Simulation

/// Reads the scenario's `"rare_event"` key and checks that the system suits the method.
enum RareEventReader {
    /// `{"relative_precision", "time_budget", "bias", "cycles_per_batch", "max_cycles"}`, all optional.
    static func read(_ r: ScenarioReader, system: SystemSpec, faults: [FaultSpec]) throws(ScenarioError) -> RareEventSpec {
        let m = try r.members(allowed: ["relative_precision", "time_budget", "bias", "cycles_per_batch", "max_cycles"])
        var spec = RareEventSpec()
        m["relative_precision"].read(into: &spec.relativePrecision) { r throws(ScenarioError) in try r.number(1e-4...1, "a relative precision in [0.0001, 1]") }
        m["time_budget"].read(into: &spec.timeBudget) { r throws(ScenarioError) in try r.duration() }
        m["bias"].read(into: &spec.bias) { r throws(ScenarioError) in try r.number(0.01...0.99, "a probability in [0.01, 0.99]") }
        m["cycles_per_batch"].read(into: &spec.cyclesPerBatch) { r throws(ScenarioError) in try r.integer(min: 2, max: 1_000_000) }
        m["max_cycles"].read(into: &spec.maxCycles) { r throws(ScenarioError) in try r.integer(min: 2, max: 100_000_000) }
        let file = r.context.file
        guard faults.isEmpty else {
            throw ScenarioError(
                file: file, path: "$.faults", expected: "no scripted faults beside \"rare_event\"",
                found: "\(faults.count) faults", hint: "cycles start from a fresh start at no fixed time")
        }
        let models = failureModels(of: system)
        guard models.contains(where: { $0.model != nil }) else {
            throw r.fail("a system with at least one failure model", hint: "nothing fails, so there is no rare event to estimate")
        }
        for (path, model) in models {
            guard let model else { continue }
            // Only exponential clocks can be biased with a known likelihood ratio, and only they
            // make the all-up sojourn exponential with rate Λ, independent of the protocol state.
            guard case .exponential = model.timeToFailure else {
                throw ScenarioError(
                    file: file, path: path + ".ttf", line: r.context.lines[path + ".ttf"],
                    expected: "an exponential time to failure (\"rare_event\" biases exponential failure clocks only)",
                    found: "a \(String(describing: model.timeToFailure).prefix { $0 != "(" }) distribution")
            }
        }
        // A protocol kind's cycles are stratified by the first failure, each stratum with its
        // pilot cycles.
        let strata = RareEventRun.strata(of: system).count
        let pilot = RareEventRun.pilotCycles * strata
        for (key, value) in [("cycles_per_batch", spec.cyclesPerBatch), ("max_cycles", spec.maxCycles)] where strata > 1 {
            if let value, value < pilot {
                throw ScenarioError(
                    file: file, path: "$.rare_event." + key, line: r.context.lines["$.rare_event." + key],
                    expected: "at least \(pilot) (\(RareEventRun.pilotCycles) pilot cycles for each of the \(strata) strata "
                        + "of the first failure)",
                    found: "\(value)")
            }
        }
        if case .cluster(let cluster) = system, !cluster.workload.isEmpty {
            throw ScenarioError(
                file: file, path: "$.cluster.workload", expected: "no workload beside \"rare_event\"", found: "a workload",
                hint: "a cycle's settled state needs nothing in flight; the probe alone measures the service")
        }
        if case .cluster(let cluster) = system, cluster.mode == .loadBalanced {
            throw ScenarioError(
                file: file, path: "$.cluster.mode", expected: "\"active-standby\" beside \"rare_event\"", found: "\"load-balanced\"",
                hint: "a cycle ends on the settled all-up state, defined by the latch holder; load-balanced servers hold none")
        }
        if case .cluster(let cluster) = system, cluster.kubernetes != nil {
            throw ScenarioError(
                file: file, path: "$.cluster.platform", expected: "VMs beside \"rare_event\"", found: "a Kubernetes platform",
                hint: "the orchestrator's own failure clocks are not biased; estimate Kubernetes designs with replications")
        }
        return spec
    }

    /// Every failure model of the system with its JSON path.
    static func failureModels(of system: SystemSpec) -> [(path: String, model: FailureModel?)] {
        switch system {
        case .components(let s): return [("$.components.failure", s.failure)]
        case .ensemble(let s): return [("$.ensemble.failure", s.failure)]
        case .cluster(let s):
            return [
                ("$.cluster.failures.zookeeper", s.ensemble.failure), ("$.cluster.failures.schedulers", s.schedulerFailure),
                ("$.cluster.failures.database", s.databaseFailure), ("$.cluster.failures.balancer", s.balancerFailure),
            ]
        }
    }
}
