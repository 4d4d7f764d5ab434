import Simulation
import Testing
@testable import Scenarios

/// The ensemble's lock holder (`"lock_holder"`): killed or stopped, its lock outlives it until the
/// ensemble expires its session — what `benchmarks/reality` measures on a real ZooKeeper 3.8.
@Suite struct LockHolderScenarioTests {
    static func scenario(fault: String, replications: Int = 24) throws -> Scenario {
        try ScenarioLoader.parse("""
            {"name": "h", "kind": "ensemble", "seed": 11, "duration": "50s", "warm_up": "20s", "replications": \(replications),
             "ensemble": {"servers": 3, "probe": {"interval": "1s", "session_timeout": "10s"},
                          "lock_holder": {"session_timeout": "10s"}},
             "faults": [\(fault)]}
            """, file: "h.json")
    }

    static func expiries(_ scenario: Scenario) -> [Double] {
        let runner = ReplicationRunner(scenario: scenario, jobs: 1)
        return (0..<scenario.replications.minimum).flatMap { index in
            let outcome = runner.replicate(index)
            #expect(outcome.violations.isEmpty)
            return outcome.phases.sessionExpirySeconds
        }
    }

    /// Real ZooKeeper 3.8, 10 s session, 8 trials each: kill -9 → node gone after 9.87 s on
    /// average (max 10.98), SIGSTOP → 9.57 s (max 11.48) (`docs/faithfulness.md`). ZooKeeper
    /// expires a session T to T + tickTime after its last contact (`ExpiryQueue`), up to a half
    /// tick later when the session lives on a follower, and the Java client's last contact was at
    /// most one ping interval (2/3 T / 2 − 1 s = 2.33 s) before the fault: every sample lies in
    /// [10 − 2.33, 12 + 1] s. The mean of 24 replications is held to the real means within 15%
    /// (the issue's goal; the spread of one sample is about 1 s, so 24 of them have a standard
    /// error near 0.2 s, 2%).
    @Test(arguments: [
        (#"{"at": "30s", "action": "crash", "host": "holder", "mode": "process"}"#, 9.87),
        (#"{"at": "30s", "action": "pause", "host": "holder"}"#, 9.57),
    ])
    func aDeadLockHolderLosesItsLockWhenItsSessionExpires(fault: String, realMean: Double) throws {
        let samples = Self.expiries(try Self.scenario(fault: fault))
        #expect(samples.count == 24, "one expiry per replication: \(samples.count)")
        #expect(samples.allSatisfy { $0 >= 10 - 7.0 / 3 && $0 <= 13 }, "\(samples)")
        let mean = samples.reduce(0, +) / Double(samples.count)
        #expect(abs(mean / realMean - 1) < 0.15, "mean \(mean) s, real \(realMean) s")
    }

    @Test func theHolderIsAHostAfterTheProbeAndItsSpecIsChecked() throws {
        let s = try Self.scenario(fault: #"{"at": "30s", "action": "crash", "host": "holder"}"#)
        #expect(s.system.hostNames == ["zk1", "zk2", "zk3", "probe", "holder"])
        #expect {
            try ScenarioLoader.parse("""
                {"name": "h", "kind": "ensemble", "seed": 1, "duration": "1m", "replications": 2,
                 "ensemble": {"servers": 3, "lock_holder": {"session": "10s"}}}
                """, file: "h.json")
        } throws: { error in
            (error as! ScenarioError).path == "$.ensemble.lock_holder.session"
        }
    }
}
