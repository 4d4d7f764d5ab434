import Simulation
import Testing
@testable import Scenarios

/// `"host": "@zk_leader"`: a scripted fault on whoever leads the ensemble when it applies — what
/// a chaos test or the calibration harness does (kill -9 of the leader, restart it, kill the next).
@Suite struct LeaderRoleFaultTests {
    static func scenario(faults: String, replications: Int = 2) throws -> Scenario {
        try ScenarioLoader.parse("""
            {"name": "r", "kind": "ensemble", "seed": 3, "duration": "90s", "warm_up": "10s", "replications": \(replications),
             "ensemble": {"servers": 3, "probe": {"interval": "50ms", "session_timeout": "10s"}},
             "faults": [\(faults)]}
            """, file: "r.json")
    }

    /// Six kills of the leader, each restarted 3 s later: every kill is a leader loss, so each
    /// yields a detection and an election, whichever server the previous election chose.
    @Test func eachKillHitsTheServerLeadingThenAndTheRestartBringsItBack() throws {
        let kills = stride(from: 20, to: 80, by: 10).map {
            #"{"at": "\#($0)s", "action": "crash", "host": "@zk_leader"}, {"at": "\#($0 + 3)s", "action": "restart", "host": "@zk_leader"}"#
        }
        let s = try Self.scenario(faults: kills.joined(separator: ", "))
        let runner = ReplicationRunner(scenario: s, jobs: 1)
        for index in 0..<2 {
            let outcome = runner.replicate(index)
            #expect(outcome.violations.isEmpty)
            #expect(outcome.phases.detectionSeconds.count == 6, "\(outcome.phases.detectionSeconds)")
            #expect(outcome.phases.leaderElectionSeconds.count == 6)
            #expect(outcome.phases.detectionSeconds.allSatisfy { $0 > 0.01 && $0 < 0.1 })
        }
    }

    @Test(arguments: [
        #"{"at": "20s", "action": "partition", "host": "@zk_leader"}"#,
        #"{"at": "20s", "action": "crash", "hosts": ["@zk_leader", "zk1"]}"#,
        #"{"at": "20s", "action": "crash", "host": "@leader"}"#,
    ])
    func aRoleIsOnlyForFaultsOnOneHost(fault: String) {
        #expect {
            try Self.scenario(faults: fault)
        } throws: { error in
            let e = error as! ScenarioError
            return e.path == "$.faults[0].host" && e.expected.contains("@zk_leader")
        }
    }
}
