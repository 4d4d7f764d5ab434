import Foundation
import Reliability
import Simulation

/// Runs a scenario's rare-event estimate: batches of independent regenerative cycles in
/// parallel, each on a stream derived from (seed, cycle index), merged in index order.
///
/// The stopping rules (precision, time budget, cycle cap) are checked only between batches of a
/// fixed size. The estimate after k batches is therefore the same for any `jobs`; the time budget
/// can only decide how many batches run, and the result says which rule stopped the run.
public struct RareEventRun: Sendable {
    public var scenario: Scenario
    public var spec: RareEventSpec
    public var jobs: Int
    /// The scenario's file, which a run that fails names (``RunFailure``).
    public var file = ""
    /// Called after each cycle: (cycles done, cycles planned so far).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Wall-clock seconds since the run started; injected so tests need no real clock.
    public var elapsedSeconds: @Sendable () -> Double

    public init(scenario: Scenario, spec: RareEventSpec, jobs: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.scenario = scenario
        self.spec = spec
        self.jobs = max(1, jobs)
        self.progress = progress
        let start = ContinuousClock.now
        elapsedSeconds = {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
    }

    /// The seed of cycle `index`.
    static func seed(of scenario: Scenario, cycle index: Int) -> StreamSeed {
        StreamSeed(scenario.seed).derive("rare-event-cycle", index)
    }

    /// Cycles per batch: many for the components kind (a cycle costs microseconds), fewer for
    /// the protocol kinds (a cycle settles a whole cluster).
    var cyclesPerBatch: Int {
        if let n = spec.cyclesPerBatch { return n }
        if case .components = scenario.system { return 10_000 }
        return 64
    }

    /// Λ, the total failure rate in all-up, per second.
    var allUpRate: Double {
        switch scenario.system {
        case .components(let s): return ComponentsCycle(spec: s, biasing: biasing).allUpRate
        case .ensemble, .cluster: return ProtocolCycle.components(of: scenario.system).components.reduce(0) { $0 + $1.failureRate }
        }
    }

    var biasing: BalancedFailureBiasing {
        do { return try BalancedFailureBiasing(failureProbability: spec.bias) } catch {
            preconditionFailure("the loader checks the bias: \(error)")
        }
    }

    /// Runs cycle `index`.
    func cycle(_ index: Int) -> RareEventCycle {
        switch scenario.system {
        case .components(let s):
            var stream = Self.seed(of: scenario, cycle: index).stream
            let (weighted, byCount) = ComponentsCycle(spec: s, biasing: biasing).run(&stream)
            let causes = byCount.enumerated().filter { $0.element > 0 }
                .map { (label: "\($0.offset) of \(s.count) down", seconds: $0.element) }
            return RareEventCycle(weighted: weighted, causes: causes)
        case .ensemble, .cluster:
            return ProtocolCycle(scenario: scenario, biasing: biasing).run(index, seed: Self.seed(of: scenario, cycle: index))
        }
    }

    /// Runs batches until a stopping rule holds.
    public func execute() -> RareEventResult {
        let batch = cyclesPerBatch
        var cycles: [RareEventCycle] = []
        var stop = RareEventStop.maxCycles
        while cycles.count < spec.maxCycles {
            let next = min(cycles.count + batch, spec.maxCycles)
            let done = cycles.count
            cycles += ParallelMap.map(Array(done..<next), jobs: jobs, onDone: { progress?(done + $0, next) }) { index in
                RunFailure.withContext("\(file.isEmpty ? "scenario \(scenario.name)" : file), rare-event cycle \(index)") { cycle(index) }
            }
            if let estimate = try? estimate(cycles), estimate.relativeHalfWidth <= spec.relativePrecision {
                stop = .precision
                break
            }
            if elapsedSeconds() >= spec.timeBudget.seconds, cycles.count < spec.maxCycles {
                stop = .timeBudget
                break
            }
        }
        return summarize(cycles, stop: stop, batches: (cycles.count + batch - 1) / batch)
    }

    func estimate(_ cycles: [RareEventCycle]) throws(StatisticsError) -> RareEventEstimate {
        try RareEventEstimator.estimate(cycles.map(\.weighted), allUpRate: allUpRate, level: scenario.analysis.confidence)
    }

    /// The estimate, the causes and the pooled calibration samples of the cycles, in index order.
    func summarize(_ cycles: [RareEventCycle], stop: RareEventStop, batches: Int) -> RareEventResult {
        let weighted = cycles.map(\.weighted)
        let estimate: RareEventEstimate
        do { estimate = try self.estimate(cycles) } catch {
            preconditionFailure("at least 2 finite cycles: \(error)")
        }
        var labels: [String] = []
        for cycle in cycles { for cause in cycle.causes where !labels.contains(cause.label) { labels.append(cause.label) } }
        var causes: [DowntimeCause] = labels.sorted().map { label in
            let parts = cycles.map { $0.causes.first { $0.label == label }?.seconds ?? 0 }
            let interval: ConfidenceInterval
            do {
                interval = try RareEventEstimator.ratio(parts, weighted, allUpRate: allUpRate, level: scenario.analysis.confidence)
            } catch { preconditionFailure("the cycles gave an estimate, so their parts give one: \(error)") }
            let u = estimate.unavailability.estimate
            return DowntimeCause(label: label, unavailability: interval, share: u > 0 ? interval.estimate / u : 0)
        }
        causes.sort { ($0.unavailability.estimate, $1.label) > ($1.unavailability.estimate, $0.label) }
        var trace = Trace()
        var phases = FailoverPhases()
        for cycle in cycles {
            for x in [cycle.weighted.downtime, cycle.weighted.returnTime, cycle.weighted.likelihoodRatio] {
                trace.absorb(x.bitPattern)
            }
            phases.detectionSeconds += cycle.phases.detectionSeconds
            phases.electionSeconds += cycle.phases.electionSeconds
            phases.switchoverSeconds += cycle.phases.switchoverSeconds
            phases.covered += cycle.phases.covered
            phases.uncovered += cycle.phases.uncovered
        }
        return RareEventResult(
            estimate: estimate, causes: causes, stop: stop, batches: batches, allUpRate: allUpRate, bias: spec.bias,
            digest: trace.digest, events: cycles.reduce(0) { $0 + $1.events },
            cyclesWithDowntime: cycles.filter { $0.weighted.downtime > 0 }.count,
            failoverSeconds: cycles.flatMap(\.failoverSeconds), phases: phases,
            violations: cycles.enumerated().flatMap { i, c in c.violations.map { "cycle \(i): \($0)" } })
    }
}
