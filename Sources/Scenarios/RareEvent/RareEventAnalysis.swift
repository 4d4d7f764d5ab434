import Reliability
import Simulation

extension ScenarioAnalysis {
    /// The failovers, coverage and violations of the cycles as one outcome, so the calibrated
    /// models and the coverage row use them as they use replications'.
    static func calibration(_ rare: RareEventResult, scenario: Scenario) -> ReplicationOutcome {
        ReplicationOutcome(
            index: 0, seed: scenario.seed, digest: rare.digest, events: rare.events, metrics: [], occupancy: [],
            downSamples: [], timeline: [], outageSeconds: [], failoverSeconds: rare.failoverSeconds, phases: rare.phases,
            violations: rare.violations)
    }

    /// A rare-event run compared with the analytic models: the service (un)availability rows
    /// carry the importance-sampling estimate; every model row the kind has for them stays.
    static func result(_ rare: RareEventResult, scenario: Scenario) -> ScenarioResult {
        let analysis = ScenarioAnalysis(scenario: scenario, outcomes: [calibration(rare, scenario: scenario)])
        let u = rare.estimate.unavailability
        let atLevel = u.normalRescaled(to: analysis.policy.perComparisonLevel)
        var rows: [ComparisonRow] = []
        for id in analysis.metricIDs where id.key == "service_unavailability" || id.key == "service_availability" {
            let complement = id.key == "service_availability"
            let interval = complement
                ? ConfidenceInterval(estimate: 1 - u.estimate, halfWidth: u.halfWidth, level: u.level, sampleCount: u.sampleCount)
                : u
            let verdictInterval = complement
                ? ConfidenceInterval(
                    estimate: 1 - atLevel.estimate, halfWidth: atLevel.halfWidth, level: atLevel.level,
                    sampleCount: atLevel.sampleCount)
                : atLevel
            let models = analysis.predictions.filter { $0.metric == id.key }
            for prediction in models.isEmpty ? [nil] : models.map(Optional.some) {
                rows.append(ComparisonRow(
                    metric: id.key, title: id.title + " (regenerative importance sampling)", empirical: interval.estimate,
                    lower: max(0, interval.lower), upper: min(1, interval.upper), analytic: prediction?.value,
                    model: prediction?.model ?? "none",
                    verdict: prediction.map { analysis.policy.verdict(analytic: $0.value, interval: verdictInterval) }))
            }
        }
        if let row = analysis.coverageRow() { rows.append(row) }
        var result = ScenarioResult(
            scenario: scenario, outcomes: [], rows: rows, occupancy: [], chiSquare: nil, checks: [], running: [],
            digest: rare.digest)
        result.rareEvent = rare
        return ExpectationChecker(scenario.expectations).check(result)
    }
}
