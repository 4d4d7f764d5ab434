import Foundation
import Reliability
import Simulation
import Testing
@testable import Scenarios

/// The rare-event estimator against crude simulation on the cluster kind, with the real
/// protocols, where crude simulation is affordable: failures accelerated so that U ≈ 5e-3 and
/// outages come every hour or so. Both measure the same exact service signal.
@Suite struct RareEventClusterAgreementTests {
    /// ZooKeeper servers and schedulers fail every 4 hours (exponential) and are repaired in 2 to
    /// 6 minutes: leader elections, scheduler failovers after a silent crash of the latch holder,
    /// and a lost majority or both schedulers down (two failures at once, what the biasing is
    /// for) all produce down time.
    static func scenario(seed: Int, rareEvent: Bool, duration: String = "1d", cycles: Int = 48) throws -> Scenario {
        let rare = rareEvent ? #", "rare_event": {"cycles_per_batch": \#(cycles), "max_cycles": \#(cycles)}"# : ""
        return try ScenarioLoader.parse("""
            {"name": "re-cluster-agreement", "kind": "cluster", "seed": \(seed), "duration": "\(duration)", "warm_up": "10m",
             "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
               "probe": {"interval": "30s", "timeout": "10s"},
               "failures": {
                 "zookeeper": {"ttf": {"exponential": {"mean": "4h"}}, "ttr": {"uniform": {"min": "2m", "max": "6m"}}},
                 "schedulers": {"ttf": {"exponential": {"mean": "4h"}}, "ttr": {"uniform": {"min": "2m", "max": "6m"}}}}}\(rare)}
            """, file: "agreement.json")
    }

    struct Pair {
        var crude: Headline
        var rare: RareEventResult

        /// Whether the two 95% intervals overlap.
        var overlap: Bool { crude.lower <= rare.estimate.unavailability.upper && rare.estimate.unavailability.lower <= (crude.upper ?? 1) }
    }

    static func pair(seed: Int, duration: String, cycles: Int) throws -> Pair {
        let crude = ScenarioRun(scenario: try scenario(seed: seed, rareEvent: false, duration: duration), jobs: 2).execute()
        let rare = ScenarioRun(scenario: try scenario(seed: seed, rareEvent: true, cycles: cycles), jobs: 2).execute()
        return Pair(crude: try #require(crude.headline), rare: try #require(rare.rareEvent))
    }

    /// One seed, affordable in a debug build (2 simulated days of crude replications, 48 cycles):
    /// the 95% intervals overlap, and the mean likelihood ratio of the cluster's cycles, with the
    /// real protocols, has 1 inside its 95% interval (E′[L] = 1). Tolerance: overlap of two 95%
    /// intervals fails for two unbiased estimates with probability below 5% (about 0.6% when
    /// their widths are alike); the seeds are fixed, so the test cannot flip. Many seeds:
    /// ``agreementOverSeeds()``.
    @Test func crudeAndRareEventIntervalsOverlap() throws {
        let p = try Self.pair(seed: 1, duration: "1d", cycles: 48)
        #expect(p.crude.outages >= 20, "crude simulation saw \(p.crude.outages) outages")
        #expect(p.overlap, "crude \(p.crude.unavailability) [\(p.crude.lower), \(p.crude.upper ?? .nan)] vs \(p.rare.estimate.unavailability)")
        #expect(p.rare.estimate.relativeHalfWidth < 0.5)
        #expect(p.rare.estimate.meanLikelihoodRatio.contains(1), "\(p.rare.estimate.meanLikelihoodRatio)")
        #expect(p.rare.violations.isEmpty, "\(p.rare.violations)")
    }

    /// Five seeds, 4 simulated days of crude replications and 96 cycles each: a measurement
    /// (`NINES_MEASURE=1 swift test --filter agreementOverSeeds`), too slow for every CI run in a
    /// debug build. Each pair of intervals overlaps, and the mean difference over the seeds is
    /// within 3 standard errors of 0.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NINES_MEASURE"] != nil)) func agreementOverSeeds() throws {
        var differences: [Double] = []
        for seed in 1...5 {
            let p = try Self.pair(seed: seed, duration: "2d", cycles: 96)
            let r = p.rare.estimate
            print("agreement seed \(seed): crude \(p.crude.unavailability) [\(p.crude.lower), \(p.crude.upper ?? .nan)] "
                + "from \(p.crude.outages) outages; rare event \(r.unavailability.estimate) [\(r.unavailability.lower), "
                + "\(r.unavailability.upper)] from \(r.cycles) cycles, mean L \(r.meanLikelihoodRatio.estimate) "
                + "[\(r.meanLikelihoodRatio.lower), \(r.meanLikelihoodRatio.upper)]")
            #expect(p.overlap, "seed \(seed)")
            differences.append(p.crude.unavailability - r.unavailability.estimate)
        }
        let d = try ConfidenceInterval.studentT(differences, level: 0.997)
        print("agreement: mean crude − rare event \(d.estimate) ± \(d.halfWidth) (99.7%)")
        #expect(d.contains(0))
    }
}

extension RareEventClusterAgreementTests {
    /// The first failure finds the periodic timers at a random phase, as after a real all-up
    /// sojourn: over 40 cycles whose first failure is the latch holder's silent crash, the latch
    /// failover it causes (crash to new holder) takes 37.9 s on average with the phase delay and
    /// 34.4 s without it (injected a whole number of seconds after the fresh start, in step with
    /// the 2 s tick and health checks). A failover's standard deviation is ≈ 3.3 s, so the mean
    /// of 40 is within ± 1.6 s at 3σ: the bound of 36.1 s (midway) separates the two.
    @Test func firstFailureFindsTheTimersAtARandomPhase() throws {
        let scenario = try Self.scenario(seed: 1, rareEvent: true)
        let cycle = ProtocolCycle(scenario: scenario, biasing: try BalancedFailureBiasing(failureProbability: 0.5))
        let failovers = ParallelMap.map(Array(0..<40), jobs: 2) { i in
            let c = cycle.run(seed: StreamSeed(77).derive("cycle", i), firstFailureIn: 1, role: .holder)
            return c.failoverSeconds.first ?? 0
        }
        let mean = failovers.reduce(0, +) / Double(failovers.count)
        #expect(mean > 36.1 && mean < 40, "mean failover after the holder's crash \(mean) s")
    }
}
