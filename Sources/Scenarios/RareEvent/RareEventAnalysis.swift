import Reliability
import Simulation

extension ScenarioAnalysis {
    /// The failovers, coverage and violations of the cycles as one outcome, so the calibrated
    /// models and the coverage row use them as they use replications'.
    static func calibration(_ rare: RareEventResult, scenario: Scenario) -> ReplicationOutcome {
        ReplicationOutcome(
            index: 0, seed: scenario.seed, digest: rare.digest, events: rare.events, metrics: [], occupancy: [],
            downSamples: [], timeline: [], outages: [], failoverSeconds: rare.failoverSeconds, phases: rare.phases,
            violations: rare.violations)
    }

    /// A rare-event run compared with the analytic models: the service (un)availability rows
    /// carry the importance-sampling estimate (one interval, judged once, so one comparison, plus
    /// the coverage when an assumed one is compared); every model row the kind has for them stays.
    /// The headline is the estimate at the scenario's confidence.
    static func result(_ rare: RareEventResult, scenario: Scenario) -> ScenarioResult {
        let analysis = ScenarioAnalysis(scenario: scenario, outcomes: [calibration(rare, scenario: scenario)])
        let coverage = analysis.coverageRow()
        let policy = VerdictPolicy(
            familyConfidence: scenario.analysis.confidence, comparisons: 1 + (coverage?.analytic == nil ? 0 : 1),
            relativePrecision: scenario.analysis.relativePrecision)
        let method = "regenerative importance sampling over \(rare.estimate.cycles) cycles"
        let u = rare.estimate.unavailability(at: policy.perComparisonLevel)
        let interval = IntervalEstimate(
            estimate: u.estimate, lower: max(0, u.lower), upper: min(1, u.upper), level: u.level, method: method,
            evidence: rare.estimate.cycles, evidenceNoun: "cycles")
        var rows: [ComparisonRow] = []
        for id in analysis.metricIDs where id.key == "service_unavailability" || id.key == "service_availability" {
            let shown = id.key == "service_availability" ? interval.complement : interval
            let models = analysis.predictions.filter { $0.metric == id.key }
            for prediction in models.isEmpty ? [nil] : models.map(Optional.some) {
                let judgement = prediction.map { policy.judge(analytic: $0.value, interval: shown, isFraction: true) }
                rows.append(ComparisonRow(
                    metric: id.key, title: id.title, empirical: shown.estimate, lower: shown.lower, upper: shown.upper,
                    analytic: prediction?.value, model: prediction?.model ?? "none", verdict: judgement?.verdict,
                    reason: judgement?.reason, method: method, level: shown.level))
            }
        }
        if let coverage { rows.append(coverage) }
        var result = ScenarioResult(
            scenario: scenario, outcomes: [], rows: rows, occupancy: [], chiSquare: nil, checks: [], running: [],
            digest: rare.digest, headline: headline(rare, scenario: scenario))
        result.policy = policy
        result.rareEvent = rare
        return ExpectationChecker(scenario.expectations).check(result)
    }

    /// The estimate at the scenario's level; the time it stands for is cycles × the mean cycle length.
    static func headline(_ rare: RareEventResult, scenario: Scenario) -> Headline {
        let u = rare.estimate.unavailability
        let method = "regenerative importance sampling over \(rare.estimate.cycles) cycles, balanced failure biasing "
            + "q = \(rare.bias), stopped by \(rare.stop.rawValue)"
        let observed = Double(rare.estimate.cycles) * rare.estimate.meanCycleLength
        guard u.estimate > 0 else {
            return Headline(
                metric: "service_availability", unavailability: 0, lower: 0, upper: nil, confidence: u.level,
                method: method + ": no cycle saw down time", outages: 0, observedSeconds: observed)
        }
        return Headline(
            metric: "service_availability", unavailability: u.estimate, lower: max(0, u.lower), upper: min(1, u.upper),
            confidence: u.level, method: method, outages: rare.cyclesWithDowntime, observedSeconds: observed)
    }
}
