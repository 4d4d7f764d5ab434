import Foundation
import Simulation

/// Runs a scenario's replications on several threads and returns them in index order.
///
/// Each replication is an independent `Simulator` with a seed derived from the scenario seed and
/// its index, so the results, and every byte written from them, are the same for any `jobs`.
public struct ReplicationRunner: Sendable {
    public var scenario: Scenario
    /// Worker threads; replications are handed out in index order.
    public var jobs: Int
    /// Called (from worker threads, serialised) after each replication finishes: (done, total).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Called (from worker threads, not serialised) as replication `index` advances: the fraction of
    /// its simulated time done. For a progress bar only; it cannot change what a replication does.
    public var simulatedProgress: (@Sendable (_ index: Int, _ fraction: Double) -> Void)?
    /// The scenario's file, which a run that fails names (``RunFailure``); empty names the scenario.
    public var file = ""

    public init(scenario: Scenario, jobs: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.scenario = scenario
        self.jobs = max(1, jobs)
        self.progress = progress
    }

    /// The seed of replication `index`.
    public static func seed(of scenario: Scenario, replication index: Int) -> UInt64 {
        StreamSeed(scenario.seed).derive("replication", index).value
    }

    /// The metrics this scenario's system measures, in the order of `ReplicationOutcome.metrics`.
    public var metricIDs: [MetricID] { Self.metricIDs(of: scenario.system) }

    /// The metrics a system measures, in the order of `ReplicationOutcome.metrics`.
    public static func metricIDs(of system: SystemSpec) -> [MetricID] {
        switch system {
        case .components: return ComponentsReplication.metrics
        case .ensemble: return EnsembleReplication.metrics
        case .cluster(let spec):
            return ClusterReplication.metrics + WorkloadTracker.metrics(spec.workload)
                + (spec.kubernetes == nil ? [] : KubernetesPlatform.metrics)
        }
    }

    /// What a failure inside replication `index` names (``RunFailure``).
    func failureLabel(_ index: Int) -> String {
        let seed = Self.seed(of: scenario, replication: index)
        return "\(file.isEmpty ? "scenario \(scenario.name)" : file), replication \(index) (seed \(seed))"
    }

    /// Runs one replication.
    public func replicate(_ index: Int) -> ReplicationOutcome {
        RunFailure.withContext(failureLabel(index)) { replicateInContext(index) }
    }

    private func replicateInContext(_ index: Int) -> ReplicationOutcome {
        let seed = Self.seed(of: scenario, replication: index)
        let progress = simulatedProgress.map { report in { (fraction: Double) in report(index, fraction) } }
        switch scenario.system {
        case .components(let spec):
            return ComponentsReplication.run(
                spec, scenario: scenario, index: index, seed: seed, keepTimeline: true, progress: progress)
        case .ensemble(let spec):
            return EnsembleReplication.run(
                spec, scenario: scenario, index: index, seed: seed, keepTimeline: true, progress: progress)
        case .cluster(let spec):
            return ClusterReplication.run(
                spec, scenario: scenario, index: index, seed: seed, keepTimeline: true, progress: progress)
        }
    }

    /// Runs one replication of a system with hosts under the given fault timeline instead of the
    /// scenario's, optionally handing over the full trace. Nil for kinds without hosts.
    public func replicate(_ index: Int, faults: [ScheduledFault], trace: ((Trace) -> Void)? = nil) -> ReplicationOutcome? {
        RunFailure.withContext(failureLabel(index)) { replicateInContext(index, faults: faults, trace: trace) }
    }

    private func replicateInContext(_ index: Int, faults: [ScheduledFault], trace: ((Trace) -> Void)?) -> ReplicationOutcome? {
        let seed = Self.seed(of: scenario, replication: index)
        switch scenario.system {
        case .components:
            return nil
        case .ensemble(let spec):
            return EnsembleReplication.run(
                spec, scenario: scenario, index: index, seed: seed, keepTimeline: true, faults: faults, trace: trace)
        case .cluster(let spec):
            return ClusterReplication.run(
                spec, scenario: scenario, index: index, seed: seed, keepTimeline: true, faults: faults, trace: trace)
        }
    }

    /// Runs replication `index` as ``replicate(_:)`` does (its seed, the scenario's scripted faults),
    /// handing over the full trace: what `nines replay --replication` prints. Nil for kinds without hosts.
    public func replicate(_ index: Int, trace: @escaping (Trace) -> Void) -> ReplicationOutcome? {
        replicate(index, faults: FaultPlan.timeline(of: scenario), trace: trace)
    }

    /// Runs replications `range` in parallel; the result is in index order.
    public func run(_ range: Range<Int>, alreadyDone: Int = 0, total: Int) -> [ReplicationOutcome] {
        run(indices: Array(range), alreadyDone: alreadyDone, total: total)
    }

    /// Runs the given replications in parallel; the result is in the order given.
    public func run(indices: [Int], alreadyDone: Int = 0, total: Int? = nil) -> [ReplicationOutcome] {
        ParallelMap.map(indices, jobs: jobs, onDone: { done in self.progress?(alreadyDone + done, total ?? indices.count) }) {
            self.replicate($0)
        }
    }
}
