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

    /// One stratum of cycles: those whose first failure falls in failure group `group` (nil: any)
    /// on the hosts `role` says, with probability p = Λ_s/Λ.
    struct Stratum: Sendable, Equatable {
        var name: String
        var group: Int?
        var role = ProtocolCycle.FirstFailure.any
        var probability: Double
    }

    /// The strata: a protocol kind is stratified by the first failure's group (a cluster:
    /// ZooKeeper servers, schedulers, database, balancer) and, in a group with a role
    /// (``BiasedFaultProcess/Role``), by whether it hits the host in the role: a ZooKeeper
    /// leader's crash costs an election and a follower's nothing, the latch holder's a failover
    /// and a standby's nothing. A group's hosts share one failure model, so the host in the role
    /// has p = λ/Λ whichever it is. The components kind is one stratum (the plain estimator).
    var strata: [Stratum] { Self.strata(of: scenario.system) }

    static func strata(of system: SystemSpec) -> [Stratum] {
        guard case .components = system else {
            let (components, groups) = ProtocolCycle.components(of: system)
            let total = components.reduce(0) { $0 + $1.failureRate }
            let strata = groups.indices.flatMap { g -> [Stratum] in
                let members = components.filter { $0.group == g }
                let rate = members.reduce(0) { $0 + $1.failureRate }
                guard let role = groups[g].role, members.count > 1 else {
                    return [Stratum(name: groups[g].name, group: g, probability: rate / total)]
                }
                precondition(members.allSatisfy { $0.failureRate == members[0].failureRate }, "one failure model per group")
                let names = role.strata
                return [
                    Stratum(name: "\(groups[g].name): \(names.holder)", group: g, role: .holder, probability: members[0].failureRate / total),
                    Stratum(
                        name: "\(groups[g].name): \(names.others)", group: g, role: .others,
                        probability: Double(members.count - 1) * members[0].failureRate / total),
                ]
            }
            return strata.count > 1 ? strata : [Stratum(name: groups.first?.name ?? "all", group: nil, probability: 1)]
        }
        return [Stratum(name: "all", group: nil, probability: 1)]
    }

    /// The seed of cycle `index` of stratum `stratum` (one stratum: the plain cycle seeds).
    static func seed(of scenario: Scenario, cycle index: Int, stratum: Int? = nil) -> StreamSeed {
        guard let stratum else { return StreamSeed(scenario.seed).derive("rare-event-cycle", index) }
        return StreamSeed(scenario.seed).derive("rare-event-stratum", stratum).derive("cycle", index)
    }

    /// Cycles per batch: many for the components kind (a cycle costs microseconds), fewer for
    /// the protocol kinds (a cycle settles a whole cluster).
    var cyclesPerBatch: Int {
        if let n = spec.cyclesPerBatch { return n }
        if case .components = scenario.system { return 10_000 }
        return strata.count > 1 ? 24 : 64
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

    /// Runs cycle `index` of stratum `stratum`.
    func cycle(_ index: Int, stratum: Int = 0) -> RareEventCycle {
        let strata = strata
        precondition(strata.indices.contains(stratum), "stratum \(stratum) of \(strata.count)")
        let seed = Self.seed(of: scenario, cycle: index, stratum: strata.count > 1 ? stratum : nil)
        switch scenario.system {
        case .components(let s):
            var stream = seed.stream
            let (weighted, byCount) = ComponentsCycle(spec: s, biasing: biasing).run(&stream)
            let causes = byCount.enumerated().filter { $0.element > 0 }.map {
                RareEventCycle.Cause(
                    label: CauseLabel(.componentsDown, "\($0.offset) of \(s.count)"), seconds: $0.element,
                    weightedSeconds: $0.element * weighted.likelihoodRatio)
            }
            return RareEventCycle(weighted: weighted, causes: causes)
        case .ensemble, .cluster:
            return ProtocolCycle(scenario: scenario, biasing: biasing)
                .run(seed: seed, firstFailureIn: strata[stratum].group, role: strata[stratum].role)
        }
    }

    /// Runs batches until a stopping rule holds. With several strata the first batch is spread
    /// in proportion to p_s (at least 2 cycles each) and every later one by Neyman allocation
    /// (``NeymanAllocation``) on what the earlier batches measured, so the allocation, like the
    /// estimate, is the same for any `jobs`.
    public func execute() -> RareEventResult {
        let batch = cyclesPerBatch
        let strata = strata
        precondition(
            strata.count == 1 || min(batch, spec.maxCycles) >= Self.pilotCycles * strata.count,
            "the loader asks for the pilot cycles of every stratum in the first batch")
        var cycles: [[RareEventCycle]] = strata.map { _ in [] }
        var stop = RareEventStop.maxCycles
        var batches = 0
        while total(cycles) < spec.maxCycles {
            let size = min(batch, spec.maxCycles - total(cycles))
            let plan = allocate(size, after: cycles, strata: strata)
            let jobsOfBatch = plan.enumerated().flatMap { s, n in (cycles[s].count..<(cycles[s].count + n)).map { (s, $0) } }
            let done = total(cycles)
            let ran = ParallelMap.map(Array(jobsOfBatch.indices), jobs: jobs, onDone: { progress?(done + $0, done + size) }) {
                let (stratum, index) = jobsOfBatch[$0]
                let name = strata.count > 1 ? "\(strata[stratum].name) " : ""
                return RunFailure.withContext("\(file.isEmpty ? "scenario \(scenario.name)" : file), rare-event \(name)cycle \(index)") {
                    cycle(index, stratum: stratum)
                }
            }
            for (job, result) in zip(jobsOfBatch, ran) { cycles[job.0].append(result) }
            batches += 1
            if let estimate = try? estimate(cycles, strata: strata), estimate.relativeHalfWidth <= spec.relativePrecision {
                stop = .precision
                break
            }
            if elapsedSeconds() >= spec.timeBudget.seconds, total(cycles) < spec.maxCycles {
                stop = .timeBudget
                break
            }
        }
        return summarize(cycles, strata: strata, stop: stop, batches: batches)
    }

    private func total(_ cycles: [[RareEventCycle]]) -> Int { cycles.reduce(0) { $0 + $1.count } }

    /// Cycles each stratum gets in the first batch at least: its σ_s, estimated from them, steers
    /// the allocation of the later batches.
    static let pilotCycles = 4

    /// How many of the next `size` cycles each stratum gets: the first batch in proportion to
    /// p_s with at least ``pilotCycles`` each, later ones by Neyman allocation
    /// with at least 1 each (0 in a last batch cut short by `max_cycles`).
    func allocate(_ size: Int, after cycles: [[RareEventCycle]], strata: [Stratum]) -> [Int] {
        guard strata.count > 1 else { return [size] }
        let (counts, probabilities) = (cycles.map(\.count), strata.map(\.probability))
        guard cycles.allSatisfy({ $0.count >= Self.pilotCycles }) else {
            return NeymanAllocation.allocate(
                batch: size, counts: counts, probabilities: probabilities, deviations: strata.map { _ in 0 },
                costs: strata.map { _ in 1 }, minimum: Self.pilotCycles)
        }
        let deviations: [Double]
        do { deviations = try RareEventEstimator.deviations(strata: self.strata(cycles, strata), allUpRate: allUpRate) } catch {
            preconditionFailure("every stratum has 2 finite cycles: \(error)")
        }
        // A cycle's cost: the kernel events it processed (deterministic, unlike CPU time).
        let costs = cycles.map { c in max(1, Double(c.reduce(0) { $0 + $1.events }) / Double(c.count)) }
        return NeymanAllocation.allocate(
            batch: size, counts: counts, probabilities: probabilities, deviations: deviations, costs: costs,
            minimum: size >= strata.count ? 1 : 0)
    }

    private func strata(_ cycles: [[RareEventCycle]], _ strata: [Stratum]) -> [RareEventStratum] {
        zip(strata, cycles).map { RareEventStratum(probability: $0.probability, cycles: $1.map(\.weighted)) }
    }

    func estimate(_ cycles: [[RareEventCycle]], strata: [Stratum]) throws(StatisticsError) -> RareEventEstimate {
        try RareEventEstimator.estimate(
            strata: self.strata(cycles, strata), allUpRate: allUpRate, level: scenario.analysis.confidence)
    }

    /// The estimate, the causes and the pooled calibration samples of the cycles, stratum by
    /// stratum in index order.
    func summarize(_ byStratum: [[RareEventCycle]], strata: [Stratum], stop: RareEventStop, batches: Int) -> RareEventResult {
        let weighted = self.strata(byStratum, strata)
        let cycles = byStratum.flatMap { $0 }
        let estimate: RareEventEstimate
        do { estimate = try self.estimate(byStratum, strata: strata) } catch {
            preconditionFailure("at least 2 finite cycles per stratum: \(error)")
        }
        var labels: [CauseLabel] = []
        for cycle in cycles { for cause in cycle.causes where !labels.contains(cause.label) { labels.append(cause.label) } }
        var causes: [DowntimeCause] = labels.sorted { $0.text < $1.text }.map { label in
            let parts = byStratum.map { $0.map { $0.causes.first { $0.label == label }?.weightedSeconds ?? 0 } }
            let interval: ConfidenceInterval
            do {
                interval = try RareEventEstimator.ratio(parts, weighted, allUpRate: allUpRate, level: scenario.analysis.confidence)
            } catch { preconditionFailure("the cycles gave an estimate, so their parts give one: \(error)") }
            let u = estimate.unavailability.estimate
            return DowntimeCause(label: label, unavailability: interval, share: u > 0 ? interval.estimate / u : 0)
        }
        causes.sort { ($0.unavailability.estimate, $1.label.text) > ($1.unavailability.estimate, $0.label.text) }
        var trace = Trace()
        var phases = FailoverPhases()
        for cycle in cycles {
            let w = cycle.weighted
            for x in [w.downtime, w.returnTime, w.likelihoodRatio, w.weightedDowntime, w.weightedReturnTime] {
                trace.absorb(x.bitPattern)
            }
            phases.detectionSeconds += cycle.phases.detectionSeconds
            phases.electionSeconds += cycle.phases.electionSeconds
            phases.switchoverSeconds += cycle.phases.switchoverSeconds
            phases.covered += cycle.phases.covered
            phases.uncovered += cycle.phases.uncovered
        }
        let shown = strata.count > 1
            ? zip(strata, byStratum).map { RareEventStratumCount(name: $0.name, probability: $0.probability, cycles: $1.count) } : []
        let violations = zip(strata, byStratum).flatMap { stratum, c in
            c.enumerated().flatMap { i, cycle in
                cycle.violations.map { (strata.count > 1 ? "\(stratum.name) " : "") + "cycle \(i): \($0)" }
            }
        }
        return RareEventResult(
            estimate: estimate, causes: causes, stop: stop, batches: batches, allUpRate: allUpRate, bias: spec.bias,
            digest: trace.digest, events: cycles.reduce(0) { $0 + $1.events },
            cyclesWithDowntime: cycles.filter { $0.weighted.downtime > 0 }.count,
            failoverSeconds: cycles.flatMap(\.failoverSeconds), phases: phases, violations: violations, strata: shown)
    }
}
