import Foundation
import Testing
@testable import Scenarios

/// Issue 11: a scenario's simulated work (periodic events × replications) is estimated before it
/// runs, and one over the limit is refused naming the paths that drive it.
@Suite struct WorkEstimateTests {
    static func ensemble(tick: String, duration: String, replications: Int = 2) throws -> Scenario {
        try ScenarioLoader.parse(
            """
            {"name": "w", "kind": "ensemble", "seed": 1, "duration": "\(duration)", "replications": \(replications),
             "ensemble": {"servers": 3, "tick_time": "\(tick)", "probe": {"interval": "1s", "session_timeout": "30s"}}}
            """, file: "w.json")
    }

    /// Each source is its count × duration / period: 3 servers tick every tick_time/2, the probe
    /// writes every second and pings every third of its granted session (≤ 10 s).
    @Test func theEstimateCountsEachPeriodicSource() throws {
        let work = WorkEstimate(try Self.ensemble(tick: "2s", duration: "1d"))
        let perReplication = Dictionary(uniqueKeysWithValues: work.drivers.map { ($0.path, $0.eventsPerReplication) })
        #expect(perReplication["$.ensemble.tick_time"] == 259_200)  // 3 servers × 86,400 s / 1 s
        #expect(perReplication["$.ensemble.probe.interval"] == 86_400)
        #expect(perReplication["$.ensemble.probe.session_timeout"] == 8_640)
        #expect(work.replications == 2 && work.total == 2 * (4 * 86_400 + 8_640))
        #expect(work.drivers.first?.path == "$.ensemble.tick_time")
    }

    /// The example: a 1 ms tick over 36,500 days validates as a scenario but is refused
    /// as work, naming the tick, the estimate and the limit.
    @Test func aMillisecondTickOverACenturyIsRefusedNamingItsPath() throws {
        let scenario = try Self.ensemble(tick: "1ms", duration: "36500d")
        #expect { try WorkEstimate(scenario).check(file: "w.json") } throws: { error in
            let e = error as! ScenarioError
            return e.file == "w.json" && e.path == "$.ensemble.tick_time"
                && e.expected == "at most 1e+10 periodic events in the whole run"
                && e.found.hasPrefix("about 3.8") && e.found.contains("$.ensemble.tick_time 1.89e+13")
                && (e.hint ?? "").contains("--allow-long-run")
        }
        #expect(throws: Never.self) { try WorkEstimate(try Self.ensemble(tick: "1ms", duration: "1d")).check(file: "w.json") }
    }

    /// Coordinators count their nominal times within the run; failure models their cycles.
    @Test func coordinatorsAndFailuresCountWithinTheRun() throws {
        let scenario = try ScenarioLoader.parse(
            """
            {"name": "c", "kind": "cluster", "seed": 1, "duration": "10h", "replications": 3,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
               "failures": {"database": {"ttf": {"deterministic": "59m"}, "ttr": {"deterministic": "1m"}}},
               "workload": {"coordinators": [{"name": "c", "workflow": "probe-app", "start": "1h", "end": "100d", "frequency": "1m"}]}}}
            """, file: "c.json")
        let work = WorkEstimate(scenario)
        let perReplication = Dictionary(uniqueKeysWithValues: work.drivers.map { ($0.path, $0.eventsPerReplication) })
        #expect(perReplication["$.cluster.workload.coordinators"] == 540)  // 1h…10h every minute
        #expect(perReplication["$.cluster.failures.database"] == 20)  // 10 cycles of an hour, a failure and a repair each
        #expect(perReplication["$.cluster.health_check.interval"] == 36_000)  // 2 schedulers × 36,000 s / 2 s
        #expect(work.replications == 3)
    }

    /// Every shipped scenario is well within the limit.
    @Test func shippedScenariosAreWithinTheLimit() throws {
        for file in ShippedScenariosTests.files {
            let scenario = try ScenarioLoader.load(file: ShippedScenariosTests.root.appendingPathComponent(file).path)
            #expect(WorkEstimate(scenario).total < WorkEstimate.maximumEvents / 50, "\(file)")
        }
    }
}

/// Issue 11: a replication that fails at run time is named by its file, index and seed.
@Suite struct RunFailureLabelTests {
    @Test func aReplicationIsNamedByFileIndexAndSeed() throws {
        let scenario = try WorkEstimateTests.ensemble(tick: "2s", duration: "1d")
        var runner = ReplicationRunner(scenario: scenario, jobs: 1)
        let seed = ReplicationRunner.seed(of: scenario, replication: 3)
        #expect(runner.failureLabel(3) == "scenario w, replication 3 (seed \(seed))")
        runner.file = "scenarios/w.json"
        #expect(runner.failureLabel(3) == "scenarios/w.json, replication 3 (seed \(seed))")
    }
}
