import Simulation
import Testing
@testable import Scenarios

/// Proof that the chaos harness catches real bugs: swarm exploration of a configuration that is
/// unsafe on purpose (launches without idempotency ids) finds a violating schedule within a stated
/// number of runs, shrinking leaves a handful of faults, and the same schedules are clean once
/// the launches are idempotent again.
@Suite struct HarnessCatchesBugsTests {
    static func scenario(idempotent: Bool) throws -> Scenario {
        try ScenarioLoader.parse("""
            {"name": "u", "kind": "cluster", "seed": 3, "duration": "1h", "warm_up": "1m", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
                         "idempotent_launches": \(idempotent), "action_duration": {"uniform": {"min": "20s", "max": "90s"}},
                         "probe": {"interval": "10s"}}}
            """, file: "u.json")
    }

    /// Bound: a violation within 12 random schedules; at most 6 faults after shrinking.
    @Test func exploreFindsTheDuplicateLaunchAndShrinkKeepsFewFaults() throws {
        let unsafe = try Explorer(scenario: Self.scenario(idempotent: false))
        let safe = try Explorer(scenario: Self.scenario(idempotent: true))
        var found: (seed: UInt64, faults: [ScheduledFault])?
        for run in 0..<12 {
            let seed = unsafe.seed(ofRun: run)
            let faults = unsafe.schedule(seed: seed).timeline
            let outcome = unsafe.run(seed: seed, faults: faults)
            #expect(safe.run(seed: seed, faults: faults).violations.isEmpty, "run \(run) violates even when safe")
            if outcome.violations.contains(where: { $0.contains("started") }) {
                found = (seed, faults)
                break
            }
        }
        let violation = try #require(found, "no violating schedule in 12 runs")
        let (minimal, replays) = unsafe.shrink(seed: violation.seed, faults: violation.faults, budget: 80)
        #expect(!unsafe.run(seed: violation.seed, faults: minimal).violations.isEmpty)
        #expect(minimal.count <= 6, "\(minimal)")
        #expect(minimal.count < violation.faults.count)
        #expect(replays <= 80)
    }
}
