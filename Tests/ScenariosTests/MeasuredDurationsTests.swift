import Simulation
import Testing
@testable import Scenarios

/// The measured phase durations and coverage in every output, and `"measured"` assumptions.
@Suite struct MeasuredDurationsTests {
    static func scenario(analysis: String = "") throws -> Scenario {
        try ScenarioLoader.parse("""
            {"name": "m", "kind": "cluster", "seed": 8, "duration": "1h", "warm_up": "2m", "replications": 2,
             \(analysis)
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
                         "action_duration": {"exponential": {"mean": "30s"}}, "probe": {"interval": "10s"},
                         "failures": {"schedulers": {"ttf": {"exponential": {"mean": "9h"}}, "ttr": {"exponential": {"mean": "1h"}}}}},
             "faults": [{"at": "20m", "action": "crash", "host": "oozie1"}, {"at": "40m", "action": "restart", "host": "oozie1"}]}
            """, file: "m.json")
    }

    /// summary.json's "durations" are the statistics of exactly the samples in durations.csv.
    @Test func everyOutputCarriesThePhases() throws {
        let result = ScenarioRun(scenario: try Self.scenario(), jobs: 2).execute()
        let files = Dictionary(uniqueKeysWithValues: ReportFiles.render(result).map { ($0.name, $0.contents) })
        let detections = result.outcomes.flatMap(\.phases.detectionSeconds)
        #expect(!detections.isEmpty)
        let summary = try JSONParser.parse(files["summary.json"]!).value
        let detection = try #require(summary["durations"]?["detection"])
        #expect(detection["count"] == .number(Double(detections.count)))
        #expect(detection["mean"] == .number(detections.reduce(0, +) / Double(detections.count)))
        #expect(detection["max"] == .number(detections.max()!))
        #expect(summary["durations"]?["switchover"]?["p90"] != nil && summary["durations"]?["failover"] != nil)
        let csv = files["durations.csv"]!.components(separatedBy: "\r\n")
        #expect(csv.first == "phase,replication,duration_seconds")
        #expect(csv.filter { $0.hasPrefix("detection,") }.count == detections.count)
        #expect(csv.filter { $0.hasPrefix("failover,0,") }.count == result.outcomes[0].failoverSeconds.count)
        #expect(files["report.html"]!.contains("<h3>switchover</h3>"))
        #expect(files["report.ipynb"]!.contains("pd.read_csv(\\\"durations.csv\\\")"))
    }

    /// Coverage is a measured row beside the assumed one, and the calibrated CTMC uses it.
    @Test func coverageIsMeasuredBesideTheAssumedOne() throws {
        let result = ScenarioRun(scenario: try Self.scenario(analysis: #""analysis": {"coverage": 0.9},"#), jobs: 1).execute()
        let covered = result.outcomes.reduce(0) { $0 + $1.phases.covered }
        let trials = covered + result.outcomes.reduce(0) { $0 + $1.phases.uncovered }
        #expect(trials >= 2, "one scripted crash per replication")
        let row = try #require(result.rows.first { $0.metric == "failover_coverage" })
        #expect(row.empirical == Double(covered) / Double(trials) && row.analytic == 0.9)
        #expect(row.lower < row.empirical && row.upper <= 1 + 1e-12 && row.verdict != nil)
        let models = result.rows.filter { $0.metric == "service_availability" }
        #expect(models.contains { $0.modelKey == "series_ctmc_assumed" && $0.model.contains("instant switchover, coverage 0.9") })
        // The calibrated model's key is stable; the measured values it used are beside it, not in its name.
        let calibrated = try #require(models.first { $0.modelKey == "series_ctmc_calibrated" })
        #expect(calibrated.calibration?.coverage == Double(covered) / Double(trials))
        #expect(calibrated.calibration?.coverageTrials == trials)
        let failovers = result.outcomes.flatMap(\.failoverSeconds)
        #expect(calibrated.calibration?.failoverSeconds == failovers.reduce(0, +) / Double(failovers.count))
    }

    /// `"measured"` drops the assumed CTMC and keeps the calibrated one; the coverage row has no model.
    @Test func measuredAssumptionsLeaveOnlyTheCalibratedModel() throws {
        let s = try Self.scenario(analysis: #""analysis": {"coverage": "measured", "switchover_time": "measured"},"#)
        #expect(s.analysis.coverage == .measured && s.analysis.switchoverTime == .measured)
        #expect(!ScenarioModels(scenario: s).predictions.contains { $0.model.contains("CTMC") })
        let result = ScenarioRun(scenario: s, jobs: 1).execute()
        let ctmc = result.rows.filter { $0.metric == "service_availability" && $0.model.contains("CTMC") }
        #expect(ctmc.count == 1 && ctmc[0].model.contains("calibrated"))
        let coverage = try #require(result.rows.first { $0.metric == "failover_coverage" })
        #expect(coverage.analytic == nil && coverage.verdict == nil)
        #expect(throws: ScenarioError.self) {
            try Self.scenario(analysis: #""analysis": {"coverage": "measure"},"#)
        }
        let assumed = try Self.scenario(analysis: #""analysis": {"switchover_time": "30s"},"#)
        #expect(assumed.analysis.switchoverTime == .assumed(.seconds(30)) && assumed.analysis.coverage == .assumed(1))
    }

    /// The schema accepts `"measured"` for both parameters, and nothing else in place of a value.
    @Test func theSchemaAcceptsMeasured() throws {
        let text = try String(contentsOf: ShippedScenariosTests.root.appendingPathComponent("schema.json"), encoding: .utf8)
        let schema = try SchemaSubsetValidator(schema: try JSONParser.parse(text).value)
        func problems(_ analysis: String) throws -> [String] {
            schema.validate(try JSONParser.parse("""
                {"name": "m", "kind": "components", "seed": 1, "duration": "10d", "replications": 2, "analysis": \(analysis),
                 "components": {"count": 2, "failure": {"ttf": {"exponential": {"mean": "4d"}}, "ttr": {"exponential": {"mean": "1d"}}}}}
                """).value)
        }
        #expect(try problems(#"{"coverage": "measured", "switchover_time": "measured"}"#).isEmpty)
        #expect(try problems(#"{"coverage": 0.99, "switchover_time": "30s"}"#).isEmpty)
        #expect(try problems(#"{"coverage": "measure"}"#).contains { $0.hasPrefix("$.analysis.coverage") })
        #expect(try problems(#"{"switchover_time": 30}"#).contains { $0.hasPrefix("$.analysis.switchover_time") })
    }
}
