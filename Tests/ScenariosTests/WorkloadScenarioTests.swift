import Foundation
import Simulation
import Testing
@testable import Scenarios

/// Coordinators and bundles as a cluster's workload: reading them, the client host, the metrics.
@Suite struct WorkloadScenarioTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios")

    /// A cluster with a 10-minute coordinator (nominal 10…50 min) over one hour; `faults` and `workload` vary.
    static func scenario(
        mode: String = "active-standby", faults: String = "[]",
        workload: String = #"{"coordinators": [{"name": "every-10m", "workflow": "probe-app", "start": "10m", "end": "1h", "frequency": "10m", "timeout": "never"}], "lateness": "2m"}"#,
        file: String = "w.json"
    ) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.parse("""
            {"name": "w", "kind": "cluster", "seed": 5, "duration": "1h", "warm_up": "5m", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "\(mode)",
                         "action_duration": {"deterministic": "30s"}, "probe": {"interval": "30s"},
                         "workload": \(workload)},
             "faults": \(faults)}
            """, file: file)
    }

    static func metrics(_ runner: ReplicationRunner, _ outcome: ReplicationOutcome) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(runner.metricIDs.map(\.key), outcome.metrics))
    }

    @Test func readsCoordinatorsAndBundlesFromFilesAndInline() throws {
        let s = try ScenarioLoader.load(file: Self.scenarios.appendingPathComponent("coordinators.json").path)
        guard case .cluster(let c) = s.system else { Issue.record("kind"); return }
        #expect(c.workload.workflows.map(\.name) == ["etl-fork-decision"])
        #expect(c.workload.coordinators.map(\.name) == ["quarter-hourly"])
        #expect(c.workload.bundles.map(\.name) == ["pipeline"])
        // The bundle XML's names for its coordinators replace the coordinator files' own.
        #expect(c.workload.bundles[0].coordinators.map(\.name) == ["pipeline-producer", "pipeline-consumer"])
        #expect(c.workload.bundles[0].coordinators.map(\.frequency) == [.minutes(30), .minutes(30)])
        #expect(c.workload.lateness == .minutes(10))
        #expect(c.hostNames.last == "client")
        #expect(ReplicationRunner(scenario: s, jobs: 1).metricIDs.suffix(4).map(\.key) == [
            "coordinator_actions_on_time", "coordinator_actions_missed", "workload_duplicate_jobs", "workload_submit_seconds",
        ])
    }

    /// Each mistake names the file, the JSON path, what was expected and what was found.
    @Test(arguments: [
        (#"{"coordinators": ["workflows/no-such.xml"]}"#, "$.cluster.workload.coordinators[0]",
         "a coordinator file (Oozie coordinator XML or JSON) relative to the scenario", "no file at"),
        (#"{"coordinators": [{"name": "c", "workflow": "nope", "start": "0s", "end": "1h", "frequency": "10m"}]}"#,
         "$.cluster.workload.coordinators[0]", "a coordinator running one of the workflows \"probe-app\"",
         "coordinator \"c\" runs workflow \"nope\""),
        (#"{"coordinators": [{"name": "c", "workflow": "probe-app", "start": "0s", "end": "1h", "frequency": "0s"}]}"#,
         "$.cluster.workload.coordinators[0]", "a valid coordinator (Oozie coordinator XML or JSON)", "frequency: must be > 0"),
        (#"{"coordinators": ["workflows/hourly-coordinator.xml"]}"#, "$.cluster.workload.coordinators[0]",
         "a coordinator running one of the workflows", "runs workflow \"etl-fork-decision\""),
        (#"{"bundles": [{"name": "b", "coordinators": []}]}"#, "$.cluster.workload.bundles[0].coordinators",
         "at least one coordinator", "an array of 0"),
        (#"{"coordinators": [{"name": "c", "workflow": "probe-app", "start": "0s", "end": "1h", "frequency": "10m"}], "bundles": [{"name": "c", "coordinators": [{"name": "d", "workflow": "probe-app", "start": "0s", "end": "1h", "frequency": "10m"}]}]}"#,
         "$.cluster.workload.bundles[0]", "coordinator and bundle names unique in the workload", "\"c\" is used twice"),
        (#"{"coordinatorz": []}"#, "$.cluster.workload.coordinatorz", "one of", "unknown member"),
    ])
    func mistakesNameThePath(workload: String, path: String, expected: String, found: String) {
        let file = Self.scenarios.appendingPathComponent("w.json").path
        #expect {
            _ = try Self.scenario(workload: workload, file: file)
        } throws: { error in
            guard let e = error as? ScenarioError else { return false }
            return e.file == file && e.path == path && e.expected.hasPrefix(expected)
                && (e.found.contains(found) || (e.hint ?? "").contains(found))
        }
    }

    /// A quiet hour: nominal 10, 20, 30, 40 and 50 min are due (50 + 2 ≤ 60) and all start at once.
    /// With the database lost for good at 47 min, the 50-minute action never starts: 4 of 5 on time, 1 missed.
    @Test(arguments: [("[]", 1.0, 0.0), (#"[{"at": "47m", "action": "crash", "host": "db"}]"#, 0.8, 1.0)])
    func onTimeAndMissedCountDueNominalTimes(faults: String, onTime: Double, missed: Double) throws {
        let runner = ReplicationRunner(scenario: try Self.scenario(faults: faults), jobs: 1)
        let outcome = runner.replicate(0)
        let m = Self.metrics(runner, outcome)
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        #expect(m["coordinator_actions_on_time"] == onTime, "\(m)")
        #expect(m["coordinator_actions_missed"] == missed, "\(m)")
        #expect(m["workload_duplicate_jobs"] == 0)
    }

    /// Both schedulers crash one after the other, so whichever led loses the latch: every nominal
    /// time is still materialized once and run (the checker sees each coordinator row gapless).
    @Test func actionsAreMaterializedOnceAcrossASchedulerLeaderCrash() throws {
        let s = try Self.scenario(faults: #"""
            [{"at": "19m", "action": "crash", "host": "oozie1"}, {"at": "20m", "action": "crash", "host": "oozie2"},
             {"at": "21m", "action": "restart", "host": "oozie2"}, {"at": "40m", "action": "restart", "host": "oozie1"}]
            """#)
        let runner = ReplicationRunner(scenario: s, jobs: 1)
        for index in 0..<2 {
            let outcome = runner.replicate(index)
            let m = Self.metrics(runner, outcome)
            #expect(outcome.violations.isEmpty, "\(outcome.violations)")
            #expect(m["coordinator_actions_missed"] == 0, "\(m)")
            #expect(m["workload_duplicate_jobs"] == 0, "\(m)")
            #expect(m["failovers_per_day"]! > 0)
        }
    }

    @Test func sameSeedSameDigest() throws {
        let s = try Self.scenario(mode: "load-balanced", faults: #"[{"at": "25m", "action": "crash", "host": "oozie1"}]"#)
        let a = ReplicationRunner(scenario: s, jobs: 1).replicate(1)
        let b = ReplicationRunner(scenario: s, jobs: 1).replicate(1)
        #expect(a == b)
        var other = s
        other.seed += 1
        #expect(ReplicationRunner(scenario: other, jobs: 1).replicate(1).digest != a.digest)
    }

    /// A scenario without a workload has no client host and the cluster's own metrics (service,
    /// probe, quorum, scheduler, database, balancer, failovers), so it runs as it did before
    /// workloads existed (checked once by digest when they were added).
    @Test func aScenarioWithoutAWorkloadHasNoClientAndTheSameMetrics() throws {
        let s = try ScenarioLoader.load(file: Self.scenarios.appendingPathComponent("chaos/database-outage.json").path)
        #expect(s.system.hostNames == ["zk1", "zk2", "zk3", "oozie1", "oozie2", "db", "compute", "lb", "probe"])
        let result = ScenarioRun(scenario: s, jobs: 2).execute()
        #expect(result.rows.map(\.metric).contains("coordinator_actions_on_time") == false)
        #expect(ReplicationRunner(scenario: s, jobs: 1).metricIDs.count == 8)
    }

    /// replications.csv has one column per metric, the workload's last, even where a metric is
    /// compared with several models (active-standby with failure models).
    @Test func theReplicationsTableNamesEachMetricOnce() throws {
        let s = try Self.scenario(workload: #"""
            {"coordinators": [{"name": "c", "workflow": "probe-app", "start": "10m", "end": "1h", "frequency": "10m"}]}
            """#)
        guard case .cluster(var spec) = s.system else { Issue.record("kind"); return }
        spec.schedulerFailure = FailureModel(timeToFailure: .exponential(mean: 86_400), timeToRepair: .exponential(mean: 600))
        var scenario = s
        scenario.system = .cluster(spec)
        let result = ScenarioRun(scenario: scenario, jobs: 1).execute()
        #expect(result.rows.count > result.outcomes[0].metrics.count, "several models for one metric")
        let header = ReportFiles.tables(result).replications.header
        #expect(header.suffix(result.outcomes[0].metrics.count) == ArraySlice(ReplicationRunner(scenario: scenario, jobs: 1).metricIDs.map(\.key)))
        #expect(header.suffix(4) == ["coordinator_actions_on_time", "coordinator_actions_missed", "workload_duplicate_jobs", "workload_submit_seconds"])
    }
}
