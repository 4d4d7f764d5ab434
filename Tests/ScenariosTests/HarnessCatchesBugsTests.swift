import Foundation
import Simulation
import Testing
@testable import Scenarios

/// Proof that the chaos harness catches real bugs: for each configuration that is unsafe on
/// purpose, swarm exploration finds a violating schedule within a stated number of runs,
/// shrinking leaves a handful of faults, and the same schedules are clean once the configuration
/// is made safe again.
///
/// The bounds are measured (run with `NINES_MEASURE=1` to print the numbers) with margin: the
/// runs are deterministic, so a bound is crossed only when the simulator, the protocols or the
/// swarm change, and then it should be re-measured and explained.
@Suite struct HarnessCatchesBugsTests {
    struct UnsafeConfiguration: Sendable, CustomStringConvertible {
        var description: String
        /// The `cluster` members that make it unsafe, and those that make it safe again.
        var unsafe: String
        var safe: String
        /// Text of the violation the checkers must report.
        var violation: String
        /// Most exploration runs until the first violation, and most faults left after shrinking.
        var runBound: Int
        var faultBound: Int
    }

    static let configurations = [
        UnsafeConfiguration(
            description: "launches without idempotency ids",
            unsafe: #""idempotent_launches": false"#, safe: #""idempotent_launches": true"#,
            violation: "started", runBound: 12, faultBound: 6),
        UnsafeConfiguration(
            description: "fencing off",
            unsafe: #""fencing": false"#, safe: #""fencing": true"#,
            violation: "stale write landed", runBound: 40, faultBound: 6),
        UnsafeConfiguration(
            description: "the earliest latch node leads, without fencing, with blind updates",
            unsafe: #""fencing": false, "version_checks": false"#, safe: #""fencing": true, "version_checks": false"#,
            violation: "stale write landed", runBound: 40, faultBound: 6),
    ]

    static func scenario(_ members: String) throws -> Scenario {
        try ScenarioLoader.parse("""
            {"name": "u", "kind": "cluster", "seed": 3, "duration": "20m", "warm_up": "1m", "replications": 2,
             "network": {"latency": {"uniform": {"min": "1ms", "max": "10ms"}}},
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby", \(members),
                         "action_duration": {"uniform": {"min": "20s", "max": "90s"}}, "probe": {"interval": "10s"}}}
            """, file: "u.json")
    }

    @Test(arguments: configurations)
    func exploreFindsTheViolationAndShrinkKeepsFewFaults(_ configuration: UnsafeConfiguration) throws {
        let unsafe = try Explorer(scenario: Self.scenario(configuration.unsafe))
        let safe = try Explorer(scenario: Self.scenario(configuration.safe))
        var found: (run: Int, seed: UInt64, faults: [ScheduledFault])?
        for run in 0..<configuration.runBound {
            let seed = unsafe.seed(ofRun: run)
            let faults = unsafe.schedule(seed: seed).timeline
            let outcome = unsafe.run(seed: seed, faults: faults)
            #expect(safe.run(seed: seed, faults: faults).violations.isEmpty, "run \(run) violates even when safe")
            if outcome.violations.contains(where: { $0.contains(configuration.violation) }) {
                found = (run, seed, faults)
                break
            }
        }
        let violation = try #require(found, "no violating schedule in \(configuration.runBound) runs")
        let (minimal, replays) = unsafe.shrink(seed: violation.seed, faults: violation.faults, budget: 80)
        if ProcessInfo.processInfo.environment["NINES_MEASURE"] != nil {
            print("\(configuration): violation at run \(violation.run), \(violation.faults.count) faults shrunk to \(minimal.count) in \(replays) replays: \(minimal)")
        }
        #expect(!unsafe.run(seed: violation.seed, faults: minimal).violations.isEmpty)
        #expect(minimal.count <= configuration.faultBound, "\(minimal)")
        #expect(minimal.count < violation.faults.count)
        #expect(replays < 80, "shrinking must settle before it runs out of its budget of 80 replays")
    }
}
