import Reliability
import Simulation

/// Compares a scenario's replications with the analytic models and checks its expectations.
struct ScenarioAnalysis {
    let scenario: Scenario
    let outcomes: [ReplicationOutcome]
    let metricIDs: [MetricID]
    let group: GroupModel?
    let predictions: [Prediction]
    /// Leader losses covered, of those classified, pooled over the replications.
    let coverage: (covered: Int, trials: Int)?
    /// Every verdict is reached at a Bonferroni-adjusted level over exactly the comparisons that
    /// get one: each distinct interval once (availability and unavailability share one; several
    /// models against one interval share it), the measured coverage when an assumed one is
    /// compared, and the chi-square test when it is made. So the chance of any false
    /// "disagrees" in the report stays at 1 − confidence.
    let policy: VerdictPolicy

    /// Solves every model once (an active/standby chain per variant) for the report and the
    /// precision rule alike.
    init(scenario: Scenario, outcomes: [ReplicationOutcome]) {
        self.scenario = scenario
        self.outcomes = outcomes
        let metricIDs = ReplicationRunner.metricIDs(of: scenario.system)
        self.metricIDs = metricIDs
        group = AnalyticPredictions.group(for: scenario)
        predictions = AnalyticPredictions.predictions(for: scenario, group: group, outcomes: outcomes)
        coverage = AnalyticPredictions.coverage(outcomes)
        var judged: [String] = []
        for p in predictions where metricIDs.contains(where: { $0.key == p.metric }) {
            let key = Self.intervalKey(p.metric, metricIDs)
            if !judged.contains(key) { judged.append(key) }
        }
        let comparisons = judged.count + (Self.comparedCoverage(scenario, coverage) == nil ? 0 : 1)
            + (Self.chiSquareSamples(group, outcomes) == nil ? 0 : 1)
        policy = VerdictPolicy(
            familyConfidence: scenario.analysis.confidence, comparisons: max(1, comparisons),
            relativePrecision: scenario.analysis.relativePrecision)
    }

    func result() -> ScenarioResult {
        var rows: [ComparisonRow] = []
        for (i, id) in metricIDs.enumerated() {
            let interval = measured(metric: i, level: policy.perComparisonLevel)
            let models = predictions.filter { $0.metric == id.key }
            for prediction in models.isEmpty ? [nil] : models.map(Optional.some) {
                let judgement = prediction.map {
                    policy.judge(analytic: $0.value, interval: Self.widened(interval, by: $0.standardError), isFraction: id.isFraction)
                }
                rows.append(ComparisonRow(
                    metric: id.key, title: id.title, empirical: interval.estimate, lower: interval.lower,
                    upper: interval.upper, analytic: prediction?.value, model: prediction?.model ?? "none",
                    verdict: judgement?.verdict, modelKey: prediction?.key ?? "none", calibration: prediction?.calibration,
                    reason: judgement?.reason, method: interval.method, level: interval.level))
            }
        }
        if let row = coverageRow() { rows.append(row) }
        var occupancy: [OccupancyRow] = []
        if let group, let first = outcomes.first, first.occupancy.count == group.states.count {
            for k in first.occupancy.indices {
                let interval = occupancyInterval(down: k, level: scenario.analysis.confidence)
                occupancy.append(OccupancyRow(
                    down: k, empirical: interval.estimate, lower: interval.lower, upper: interval.upper,
                    binomial: group.binomial[k], birthDeath: group.states[k], method: interval.method))
            }
        }
        var result = ScenarioResult(
            scenario: scenario, outcomes: outcomes, rows: rows, occupancy: occupancy, chiSquare: chiSquare(group),
            checks: [], running: running(), digest: combinedDigest(), headline: headline())
        result.policy = policy
        result.replicationCauses = downtimeByCause()
        return ExpectationChecker(scenario.expectations).check(result)
    }

    /// The empirical interval widened by a calibrated model's own standard error, each end in
    /// quadrature with `z·SE` at the interval's level (the two are independent errors of the
    /// difference the verdict tests). Unchanged for a model without measured inputs.
    static func widened(_ interval: IntervalEstimate, by standardError: Double) -> IntervalEstimate {
        guard standardError > 0 else { return interval }
        let z = ConfidenceInterval.normalQuantile(interval.level) * standardError
        func spread(_ side: Double) -> Double { (side * side + z * z).squareRoot() }
        var wide = interval
        wide.lower = interval.estimate - spread(interval.estimate - interval.lower)
        wide.upper = interval.estimate + spread(interval.upper - interval.estimate)
        wide.method += " widened by the calibrated model's standard error"
        return wide
    }

    /// The key of the interval a metric's verdict is judged on: an availability that has its
    /// unavailability beside it shares that interval (mirrored), so the two are one comparison.
    static func intervalKey(_ key: String, _ metricIDs: [MetricID]) -> String {
        guard key.hasSuffix("_availability") else { return key }
        let mirror = String(key.dropLast("_availability".count)) + "_unavailability"
        return metricIDs.contains(where: { $0.key == mirror }) ? mirror : key
    }

    /// The scenario's assumed failover coverage, when the run measured one to compare it with.
    static func comparedCoverage(_ scenario: Scenario, _ coverage: (covered: Int, trials: Int)?) -> Double? {
        guard case .cluster = scenario.system, case .assumed(let c) = scenario.analysis.coverage, coverage != nil else { return nil }
        return c
    }

    /// Failover coverage, the fraction of classified leader losses another server took over, with
    /// its Wilson score interval (a proportion, not a mean over replications), beside the assumed one.
    func coverageRow() -> ComparisonRow? {
        guard case .cluster = scenario.system, let measured = coverage,
            let interval = try? ConfidenceInterval.wilson(
                successes: measured.covered, trials: measured.trials, level: policy.perComparisonLevel)
        else { return nil }
        let assumed = Self.comparedCoverage(scenario, coverage)
        let judgement = assumed.map { policy.judge(analytic: $0, interval: interval, isFraction: true) }
        return ComparisonRow(
            metric: "failover_coverage",
            title: "Leader losses taken over by another server before the failed one came back (Wilson interval)",
            empirical: interval.estimate, lower: interval.lower, upper: interval.upper,
            analytic: assumed, model: assumed == nil ? "none" : "assumed coverage (analysis.coverage)",
            verdict: judgement?.verdict, modelKey: assumed == nil ? "none" : "assumed_coverage",
            reason: judgement?.reason, method: interval.method, level: interval.level)
    }

    /// The service unavailability's relative half-width, for the precision stopping rule.
    func serviceRelativeHalfWidth() -> Double? {
        guard outcomes.count >= 2, let i = metricIDs.firstIndex(where: { $0.key == "service_unavailability" }) else {
            return nil
        }
        let interval = measured(metric: i, level: policy.perComparisonLevel)
        guard interval.estimate > 0 else { return nil }
        return (interval.upper - interval.lower) / 2 / interval.estimate
    }

    /// The Student-t interval; replications are at least 2 and finite by construction.
    static func interval(_ values: [Double], level: Double) -> ConfidenceInterval {
        do { return try ConfidenceInterval.studentT(values, level: level) } catch {
            preconditionFailure("replication metrics must be ≥ 2 finite values: \(error)")
        }
    }

    /// The pooled down-count samples, when there are enough for the chi-square test.
    static func chiSquareSamples(_ group: GroupModel?, _ outcomes: [ReplicationOutcome]) -> [Int]? {
        guard group != nil else { return nil }
        let samples = outcomes.flatMap(\.downSamples)
        return samples.count >= 20 ? samples : nil
    }

    /// Pooled down-count samples of every replication against the model's state probabilities,
    /// judged inside the family at α/m.
    func chiSquare(_ group: GroupModel?) -> ChiSquareSummary? {
        guard let group, let samples = Self.chiSquareSamples(group, outcomes) else { return nil }
        let alpha = 1 - policy.perComparisonLevel
        var observed = Array(repeating: 0, count: group.states.count)
        for s in samples { observed[s] += 1 }
        guard let test = try? ChiSquareTest(observed: observed, probabilities: group.states) else {
            return ChiSquareSummary(model: group.name, samples: samples.count, statistic: 0, degreesOfFreedom: 0, pValue: 1,
                                    verdict: .inconclusive, alpha: alpha)
        }
        return ChiSquareSummary(
            model: group.name, samples: samples.count, statistic: test.statistic,
            degreesOfFreedom: test.degreesOfFreedom, pValue: test.pValue,
            verdict: test.pValue >= alpha ? .agrees : .disagrees, alpha: alpha)
    }

    /// The service availability's running mean and interval after 2, 3, … replications.
    func running() -> [RunningPoint] {
        guard let i = metricIDs.firstIndex(where: { $0.key == "service_availability" }), outcomes.count >= 2 else { return [] }
        let values = outcomes.map { $0.metrics[i] }
        return (2...values.count).map { n in
            let ci = Self.interval(Array(values.prefix(n)), level: scenario.analysis.confidence)
            return RunningPoint(mean: ci.estimate, lower: ci.lower, upper: ci.upper)
        }
    }

    /// Mixes the replications' digests in index order.
    func combinedDigest() -> UInt64 {
        var trace = Trace()
        for outcome in outcomes { trace.absorb(outcome.digest) }
        return trace.digest
    }
}
