import Foundation
import Reliability
import Simulation
import Testing
@testable import Scenarios

/// Regressions of the defects issue 13 lists, each with the command that showed it.
@Suite struct HonestVerdictRegressionTests {
    static func shipped(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(file: ShippedScenariosTests.root.appendingPathComponent(name).path)
    }

    /// A database that crashes 10 minutes before the end and is not back when the run ends: the
    /// only outage is censored (still under way). The headline must not say "no outage observed"
    /// while the service was down a sixth of the measured time; it reports that down time.
    @Test func anOutageUnderWayAtTheEndIsAnOutage() throws {
        let scenario = try ScenarioLoader.parse("""
            {"name": "cens", "kind": "cluster", "seed": 3, "duration": "1h", "warm_up": "10m", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby"},
             "faults": [{"at": "50m", "action": "crash", "host": "db"}]}
            """, file: "cens.json")
        let result = ScenarioRun(scenario: scenario, jobs: 2).execute()
        #expect(result.outcomes.allSatisfy { $0.outages.count == 1 && $0.outages[0].isCensored && $0.outageSeconds.isEmpty })
        let headline = try #require(result.headline)
        #expect(!headline.noOutageObserved && headline.outages == 2, "\(headline.text)")
        #expect(abs(headline.unavailability - 600.0 / 3000) < 1e-9, "\(headline.text)")
    }

    /// `nines run scenarios/components-binomial.json --seed 99 --duration 90d --replications 2`:
    /// no outage in either replication gave availability 0.99999999999999989, a 1e-14-wide
    /// interval and "disagrees". Now availability is exactly 1 − 0, the service rows are
    /// inconclusive ("saw no outages"), and the headline says no outage was seen and bounds U.
    @Test func noOutageIsInconclusiveAndExactlyOne() throws {
        var scenario = try Self.shipped("components-binomial.json")
        scenario.seed = 99
        scenario.duration = SimDuration("90d")!
        scenario.replications = .fixed(2)
        let result = ScenarioRun(scenario: scenario, jobs: 2).execute()
        #expect(result.outcomes.allSatisfy { $0.outageSeconds.isEmpty })
        for metric in ["service_availability", "service_unavailability"] {
            let row = try #require(result.rows.first { $0.metric == metric })
            #expect(row.verdict == .inconclusive && row.reason?.hasPrefix("saw no outages") == true, "\(metric): \(row)")
        }
        #expect(result.outcomes.allSatisfy { $0.metrics[2] == 1 && $0.metrics[3] == 0 })
        let headline = try #require(result.headline)
        #expect(headline.noOutageObserved && headline.unavailability == 0 && (headline.upper ?? 0) > 0)
        #expect(headline.text.contains("no outage observed") && !headline.text.contains("inf"))
    }

    /// Availability computed as 1 − down time / time never exceeds 1, and every fraction's
    /// reported interval stays inside [0, 1], over many seeds of a short run.
    @Test func fractionsStayInsideTheUnitInterval() throws {
        for seed in UInt64(1)...40 {
            let scenario = try VerdictCoverageTests.scenario(seed: seed, duration: "30d")
            let result = ScenarioRun(scenario: scenario, jobs: 1).execute()
            for o in result.outcomes { #expect(o.metrics.allSatisfy { (0...1).contains($0) }, "seed \(seed): \(o.metrics)") }
            for row in result.rows { #expect(row.lower >= 0 && row.upper <= 1 && row.lower <= row.empirical && row.empirical <= row.upper) }
            let a = result.rows.first { $0.metric == "service_availability" }!
            let u = result.rows.first { $0.metric == "service_unavailability" }!
            #expect(a.verdict == u.verdict, "seed \(seed): availability \(a.verdictText), unavailability \(u.verdictText)")
        }
    }

    /// The family counts each distinct judged interval once (availability and unavailability are
    /// one) plus the chi-square; occupancy rows get no verdict and are not counted.
    @Test func theFamilyCountsDistinctJudgedIntervals() throws {
        let scenario = try VerdictCoverageTests.scenario(seed: 3, duration: "1000d")
        let result = ScenarioRun(scenario: scenario, jobs: 1).execute()
        // component_unavailability, all_up, service (A and U), chi-square.
        #expect(result.policy.comparisons == 4 && result.chiSquare != nil)
        #expect(result.chiSquare.map { abs($0.alpha - 0.05 / 4) < 1e-15 } == true)
        #expect(result.rows.allSatisfy { abs($0.level - (1 - 0.05 / 4)) < 1e-15 })
    }
}

/// Calibrated models carry the uncertainty of the measurements they are fitted on.
@Suite struct CalibratedUncertaintyTests {
    /// active-standby with measured failovers 10 s and 30 s (mean 20 ± 10 s) and 2 of 2 losses
    /// covered: the calibrated prediction says it is fitted on this run, has a standard error
    /// from τ's and c's intervals (delta method), and the verdict's interval is widened by it.
    @Test func theCalibratedModelCarriesItsInputsStandardError() throws {
        let scenario = try HonestVerdictRegressionTests.shipped("active-standby.json")
        let metrics = ReplicationRunner.metricIDs(of: scenario.system)
        func outcome(_ i: Int) -> ReplicationOutcome {
            var o = ReplicationOutcome(
                index: i, seed: 0, digest: 0, events: 0, metrics: metrics.map { $0.isFraction ? 0.999 : 1 }, occupancy: [],
                downSamples: [], timeline: [], outages: [Outage(start: .zero, end: .zero + .seconds(20))], failoverSeconds: [10 + 20 * Double(i)])
            o.phases.covered = 1
            return o
        }
        let outcomes = [outcome(0), outcome(1)]
        let group = AnalyticPredictions.group(for: scenario)
        let calibrated = try #require(AnalyticPredictions.predictions(for: scenario, group: group, outcomes: outcomes)
            .first { $0.metric == "service_unavailability" && $0.model.contains("calibrated on this run") })
        #expect(calibrated.standardError > 0, "\(calibrated)")
        #expect(calibrated.model.contains("measured failover 20 ± 10 s"), "\(calibrated.model)")
        let narrow = IntervalEstimate(estimate: 1e-3, lower: 0.9e-3, upper: 1.1e-3, level: 0.99, method: "t", evidence: 5, evidenceNoun: "replications")
        let wide = ScenarioAnalysis.widened(narrow, by: calibrated.standardError)
        let z = ConfidenceInterval.normalQuantile(0.99) * calibrated.standardError
        #expect(abs((wide.upper - 1e-3) - (0.1e-3 * 0.1e-3 + z * z).squareRoot()) < 1e-15)
        #expect(ScenarioAnalysis.widened(narrow, by: 0) == narrow)
    }
}
