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
    /// Every comparison is made at a Bonferroni-adjusted level (metrics × models, plus the
    /// occupancy rows and the measured coverage against the assumed one), so the chance of any
    /// false "disagrees" in the report stays at 1 − confidence.
    let policy: VerdictPolicy

    /// Solves every model once (an active/standby chain per variant) for the report and the
    /// precision rule alike.
    init(scenario: Scenario, outcomes: [ReplicationOutcome]) {
        self.scenario = scenario
        self.outcomes = outcomes
        metricIDs = ReplicationRunner.metricIDs(of: scenario.system)
        group = AnalyticPredictions.group(for: scenario)
        predictions = AnalyticPredictions.predictions(for: scenario, group: group, outcomes: outcomes)
        coverage = AnalyticPredictions.coverage(outcomes)
        let comparedCoverage = Self.comparedCoverage(scenario, coverage)
        policy = VerdictPolicy(
            familyConfidence: scenario.analysis.confidence,
            comparisons: max(1, predictions.count + (outcomes.first?.occupancy.count ?? 0) + (comparedCoverage == nil ? 0 : 1)),
            maxRelativeHalfWidth: scenario.analysis.inconclusiveAbove)
    }

    func result() -> ScenarioResult {
        var rows: [ComparisonRow] = []
        for (i, id) in metricIDs.enumerated() {
            let interval = Self.interval(outcomes.map { $0.metrics[i] }, level: policy.perComparisonLevel)
            let models = predictions.filter { $0.metric == id.key }
            // Reported clipped to the metric's range; the verdict uses the t interval as computed.
            let (lower, upper) = (max(0, interval.lower), id.isFraction ? min(1, interval.upper) : interval.upper)
            for prediction in models.isEmpty ? [nil] : models.map(Optional.some) {
                rows.append(ComparisonRow(
                    metric: id.key, title: id.title, empirical: interval.estimate, lower: lower,
                    upper: upper, analytic: prediction?.value, model: prediction?.model ?? "none",
                    verdict: prediction.map { policy.verdict(analytic: $0.value, interval: interval) }))
            }
        }
        if let row = coverageRow() { rows.append(row) }
        var occupancy: [OccupancyRow] = []
        if let group, let first = outcomes.first, first.occupancy.count == group.states.count {
            for k in first.occupancy.indices {
                let interval = Self.interval(outcomes.map { $0.occupancy[k] }, level: policy.perComparisonLevel)
                occupancy.append(OccupancyRow(
                    down: k, empirical: interval.estimate, lower: max(0, interval.lower), upper: min(1, interval.upper),
                    binomial: group.binomial[k], birthDeath: group.states[k]))
            }
        }
        let result = ScenarioResult(
            scenario: scenario, outcomes: outcomes, rows: rows, occupancy: occupancy, chiSquare: chiSquare(group),
            checks: [], running: running(), digest: combinedDigest(), headline: headline())
        return ExpectationChecker(scenario.expectations).check(result)
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
        return ComparisonRow(
            metric: "failover_coverage",
            title: "Leader losses taken over by another server before the failed one came back (Wilson interval)",
            empirical: Double(measured.covered) / Double(measured.trials), lower: interval.lower, upper: interval.upper,
            analytic: assumed, model: assumed == nil ? "none" : "assumed coverage (analysis.coverage)",
            verdict: assumed.map { policy.verdict(analytic: $0, interval: interval) })
    }

    /// The service unavailability's relative half-width, for the precision stopping rule.
    func serviceRelativeHalfWidth() -> Double? {
        guard outcomes.count >= 2, let i = metricIDs.firstIndex(where: { $0.key == "service_unavailability" }) else {
            return nil
        }
        let interval = Self.interval(outcomes.map { $0.metrics[i] }, level: policy.perComparisonLevel)
        guard interval.estimate > 0 else { return nil }
        return interval.halfWidth / interval.estimate
    }

    /// The Student-t interval; replications are at least 2 and finite by construction.
    static func interval(_ values: [Double], level: Double) -> ConfidenceInterval {
        do { return try ConfidenceInterval.studentT(values, level: level) } catch {
            preconditionFailure("replication metrics must be ≥ 2 finite values: \(error)")
        }
    }

    /// Pooled down-count samples of every replication against the model's state probabilities.
    func chiSquare(_ group: GroupModel?) -> ChiSquareSummary? {
        guard let group else { return nil }
        let samples = outcomes.flatMap(\.downSamples)
        guard samples.count >= 20 else { return nil }
        var observed = Array(repeating: 0, count: group.states.count)
        for s in samples { observed[s] += 1 }
        guard let test = try? ChiSquareTest(observed: observed, probabilities: group.states) else {
            return ChiSquareSummary(model: group.name, samples: samples.count, statistic: 0, degreesOfFreedom: 0, pValue: 1,
                                    verdict: .inconclusive)
        }
        let verdict: Verdict = test.pValue >= scenario.analysis.chiSquareAlpha ? .agrees : .disagrees
        return ChiSquareSummary(
            model: group.name, samples: samples.count, statistic: test.statistic,
            degreesOfFreedom: test.degreesOfFreedom, pValue: test.pValue, verdict: verdict)
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
