import Simulation

/// Runs a scenario: its replications (in parallel), then the comparison with the analytic models
/// and the expectations.
public struct ScenarioRun: Sendable {
    public var scenario: Scenario
    public var jobs: Int
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Replication index and the fraction of its simulated time done (``ReplicationRunner/simulatedProgress``).
    public var simulatedProgress: (@Sendable (_ index: Int, _ fraction: Double) -> Void)?
    /// The scenario's file, which a run that fails names (``RunFailure``).
    public var file = ""

    public init(scenario: Scenario, jobs: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.scenario = scenario
        self.jobs = jobs
        self.progress = progress
    }

    /// Runs every replication the plan asks for and analyses them; with `"rare_event"`, the
    /// regenerative importance-sampling cycles instead.
    public func execute() -> ScenarioResult {
        if let spec = scenario.rareEvent {
            var run = RareEventRun(scenario: scenario, spec: spec, jobs: jobs, progress: progress)
            run.file = file
            let rare = run.execute()
            return ScenarioAnalysis.result(rare, scenario: scenario)
        }
        return analyze(replicate())
    }

    /// Compares outcomes (all of them, in index order) with the models and the expectations.
    public func analyze(_ outcomes: [ReplicationOutcome]) -> ScenarioResult {
        ScenarioAnalysis(scenario: scenario, outcomes: outcomes).result()
    }

    /// The runner of this run's replications, with both progress reports.
    var runner: ReplicationRunner {
        var runner = ReplicationRunner(scenario: scenario, jobs: jobs, progress: progress)
        runner.simulatedProgress = simulatedProgress
        runner.file = file
        return runner
    }

    /// Runs only the given replications (one shard of a distributed run).
    public func replicate(indices: [Int]) -> [ReplicationOutcome] {
        runner.run(indices: indices)
    }

    /// The replications, in index order. A precision target is checked only at multiples of the
    /// minimum, so the count, like everything else, does not depend on `jobs`.
    public func replicate() -> [ReplicationOutcome] {
        let runner = self.runner
        switch scenario.replications {
        case .fixed(let count):
            return runner.run(0..<count, total: count)
        case .precision(let target, let minimum, let maximum):
            var outcomes: [ReplicationOutcome] = []
            while outcomes.count < maximum {
                let next = min(outcomes.count + minimum, maximum)
                outcomes += runner.run(outcomes.count..<next, alreadyDone: outcomes.count, total: maximum)
                let analysis = ScenarioAnalysis(scenario: scenario, outcomes: outcomes)
                if let width = analysis.serviceRelativeHalfWidth(), width <= target { break }
            }
            return outcomes
        }
    }
}
