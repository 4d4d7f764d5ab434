import Foundation
import Reliability
import Simulation
import Testing
@testable import Scenarios

/// The rare-event estimator against crude simulation on the cluster kind, where crude simulation
/// is affordable: failures accelerated so that U ≈ 1e-3 and outages come every few hours.
@Suite struct RareEventClusterAgreementTests {
    /// ZooKeeper servers and schedulers fail every 4 hours (exponential) and are repaired in 2 to
    /// 6 minutes: leader elections, scheduler failovers, and a lost majority or both schedulers
    /// down (two failures at once) all produce down time.
    static func scenario(seed: Int, rareEvent: Bool, duration: String = "2d", cycles: Int = 96) throws -> Scenario {
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

    @Test func experiment() throws {
        let env = ProcessInfo.processInfo.environment
        guard let seeds = env["RARE_AGREE_SEEDS"] else { return }
        let duration = env["RARE_AGREE_DURATION"] ?? "2d"
        let cycles = Int(env["RARE_AGREE_CYCLES"] ?? "96")!
        for seed in 1...Int(seeds)! {
            var t = ContinuousClock.now
            let crude = ScenarioRun(scenario: try Self.scenario(seed: seed, rareEvent: false, duration: duration), jobs: 2).execute()
            let crudeTime = ContinuousClock.now - t
            t = ContinuousClock.now
            let rare = ScenarioRun(scenario: try Self.scenario(seed: seed, rareEvent: true, cycles: cycles), jobs: 2).execute()
            let rareTime = ContinuousClock.now - t
            let c = crude.headline!, r = rare.headline!
            print("AGREE seed \(seed): crude \(c.unavailability) [\(c.lower), \(c.upper ?? .nan)] outages \(c.outages) in \(crudeTime); rare \(r.unavailability) [\(r.lower), \(r.upper ?? .nan)] in \(rareTime); LR \(rare.rareEvent!.estimate.meanLikelihoodRatio); causes \(rare.rareEvent!.causes.map { "\($0.label.text) \($0.share)" })")
        }
    }
}
