import Simulation
import Testing
@testable import Scenarios

@Suite struct EnsembleReplicationTests {
    static func scenario(_ extra: String = "", failure: Bool = true, duration: String = "8h") throws -> Scenario {
        let failureText = failure
            ? #", "failure": {"ttf": {"exponential": {"mean": "1h"}}, "ttr": {"exponential": {"mean": "5m"}}}"# : ""
        return try ScenarioLoader.parse("""
            {"name": "e", "kind": "ensemble", "seed": 5, "duration": "\(duration)", "warm_up": "1h", "replications": 2,
             "ensemble": {"servers": 3, "probe": {"interval": "5s"}\(failureText)}\(extra)}
            """, file: "e.json")
    }

    @Test func aFailingEnsembleKeepsServingWithShortElectionsAndNoViolation() throws {
        let s = try Self.scenario()
        let runner = ReplicationRunner(scenario: s, jobs: 1)
        let outcome = runner.replicate(0)
        let m = Dictionary(uniqueKeysWithValues: zip(runner.metricIDs.map(\.key), outcome.metrics))
        #expect(outcome.violations.isEmpty)
        #expect(m["service_availability"]! > 0.9)
        #expect(m["service_availability"]! <= m["quorum_availability"]! + 1e-12)
        #expect(m["probe_availability"]! > 0.9)
        #expect(m["elections_per_day"]! > 5)
        #expect(!outcome.failoverSeconds.isEmpty && outcome.failoverSeconds.allSatisfy { $0 < 60 })
        #expect(runner.replicate(0) == outcome)
    }

    @Test func aScriptedLeaderCrashCostsOneElection() throws {
        let s = try Self.scenario(#", "faults": [{"at": "2h", "action": "crash", "host": "zk3"}, {"at": "3h", "action": "restart", "host": "zk3"}]"#,
                                  failure: false, duration: "4h")
        let outcome = ReplicationRunner(scenario: s, jobs: 1).replicate(0)
        #expect(outcome.violations.isEmpty)
        // zk3 won the cold-start election (highest id); its crash resets the followers'
        // connections at once, so they elect zk2 after FLE's 200 ms finalize wait.
        #expect(outcome.outageSeconds.count == 1)
        #expect(outcome.outageSeconds[0] > 0.2 && outcome.outageSeconds[0] < 1)
        #expect(outcome.failoverSeconds == outcome.outageSeconds)
        #expect(outcome.timeline.map(\.event).contains("leader epoch 2"))
    }
}

extension EnsembleReplicationTests {
    /// The leader crashes: its followers' connections break at once, so detection is immediate,
    /// and FLE's 200 ms finalize wait dominates the election; the two phases make up the outage.
    @Test func aLeaderCrashSplitsIntoDetectionAndElection() throws {
        let s = try Self.scenario(#", "faults": [{"at": "2h", "action": "crash", "host": "zk3"}, {"at": "3h", "action": "restart", "host": "zk3"}]"#,
                                  failure: false, duration: "4h")
        let outcome = ReplicationRunner(scenario: s, jobs: 1).replicate(0)
        #expect(outcome.phases.detectionSeconds.count == 1 && outcome.phases.electionSeconds.count == 1, "\(outcome.phases)")
        let detection = outcome.phases.detectionSeconds[0], election = outcome.phases.electionSeconds[0]
        #expect(detection >= 0 && detection < 0.1, "detection \(detection) s")
        #expect(election > 0.2 && election < 1, "election \(election) s")
        #expect(abs(detection + election - outcome.outageSeconds[0]) < 1e-9)
        #expect(outcome.phases.switchoverSeconds.isEmpty && outcome.phases.covered == 0)
    }
}
