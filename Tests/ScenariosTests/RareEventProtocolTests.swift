import Foundation
import Reliability
import Simulation
import Testing
@testable import Scenarios

/// Rare-event cycles with the real protocols: a small Zab ensemble (cheap enough for CI), the
/// loader's refusals, and the settled state a cycle returns to.
@Suite struct RareEventProtocolTests {
    static func ensemble(ttf: String = #"{"exponential": {"mean": "20d"}}"#, extra: String = "") throws -> Scenario {
        try ScenarioLoader.parse("""
            {"name": "re-ensemble", "kind": "ensemble", "seed": 3, "duration": "1d", "warm_up": "5m", "replications": 2,
             "ensemble": {"servers": 3, "failure": {"ttf": \(ttf), "ttr": {"uniform": {"min": "5m", "max": "20m"}}},
                          "probe": {"interval": "5s", "timeout": "5s"}},
             "rare_event": {"cycles_per_batch": 8, "max_cycles": 8}\(extra)}
            """, file: "re.json")
    }

    /// Eight cycles (the pilot: 4 whose first failure hits the leader, 4 a follower) run the real
    /// ensemble: each settles, fails, comes back; the weights are positive and finite, no
    /// invariant breaks, and the result is the same for any --jobs.
    @Test func ensembleCyclesRunTheProtocolAndAreDeterministic() throws {
        let s = try Self.ensemble()
        let one = RareEventRun(scenario: s, spec: s.rareEvent!, jobs: 1).execute()
        let two = RareEventRun(scenario: s, spec: s.rareEvent!, jobs: 2).execute()
        #expect(one == two)
        #expect(one.estimate.cycles == 8 && one.stop == .maxCycles)
        #expect(one.violations.isEmpty, "\(one.violations)")
        #expect(one.events > 0)
        let cycles = (0..<3).map { RareEventRun(scenario: s, spec: s.rareEvent!, jobs: 1).cycle($0) }
        for c in cycles {
            #expect(c.weighted.likelihoodRatio > 0 && c.weighted.likelihoodRatio.isFinite)
            // The first failure's repair takes at least 5 minutes, and the quiet time follows it.
            #expect(c.weighted.returnTime >= 300 + ProtocolCycle.quiet(.seconds(2)).seconds)
            #expect(c.weighted.downtime >= 0 && c.weighted.downtime <= c.weighted.returnTime)
            #expect(abs(c.causes.reduce(0) { $0 + $1.seconds } - c.weighted.downtime) < 1e-6)
            // Stratum 0 is the leader's: its crash costs an election, whose down time comes before
            // anything is biased, so its weight L_t is ≈ 1 (1 + p′·t/r ≈ 1.02 at t ≈ 11 s of a
            // repair of at least 5 minutes), whatever the cycle's final weight.
            let first = try #require(c.failoverSeconds.first)
            #expect(c.weighted.weightedDowntime >= 0.95 * first, "\(c.weighted) \(c.failoverSeconds)")
            #expect(c.weighted.weightedDowntime <= c.weighted.downtime * 1.1 || c.failoverSeconds.count > 1, "\(c.weighted)")
        }
        // Weighing by the cycle's final L instead (the whole-cycle weight, ≈ 0.01 or 1.2 to 3.4
        // by whether a second failure was drawn) moves the election's down time by far: that
        // spread, not the weights' mean, made the realistic ensemble ±63% after 64 cycles.
        #expect(cycles.contains { abs($0.weighted.likelihoodRatio - 1) > 0.1 })
        // The calibration samples are the first failure's own failovers: one election per
        // leader-first cycle, each a leader crash's (detection ≈ syncLimit × tickTime = 10 s, then
        // the election), none of the later ones that biased failures cause (sub-second
        // elections after a lost quorum returns, made ~10⁴ times too frequent by the biasing,
        // pulled the realistic ensemble's calibrated election from 11.4 s to 7.0 s).
        #expect(one.failoverSeconds.count == 4, "\(one.failoverSeconds)")
        #expect(one.failoverSeconds.allSatisfy { $0 > 9 && $0 < 30 }, "\(one.failoverSeconds)")
        // Λ = 3 servers / 20 days.
        #expect(abs(one.allUpRate - 3.0 / (20 * 86_400)) < 1e-18)
    }

    @Test func otherTimesToFailureAreRefusedByPath() {
        #expect { try Self.ensemble(ttf: #"{"weibull": {"shape": 2, "mean": "20d"}}"#) } throws: { error in
            let e = error as! ScenarioError
            return e.path == "$.ensemble.failure.ttf" && e.expected.contains("exponential") && e.found == "a weibull distribution"
        }
    }

    @Test func scriptedFaultsAreRefused() {
        #expect { try Self.ensemble(extra: #", "faults": [{"at": "1h", "action": "crash", "host": "zk1"}]"#) } throws: { error in
            (error as! ScenarioError).path == "$.faults"
        }
    }

    /// A load-balanced cluster has no latch holder to define its settled state, and a Kubernetes
    /// platform has failure clocks of its own that are not biased: both are refused by path.
    @Test(arguments: [
        (#""mode": "load-balanced""#, "$.cluster.mode"),
        (#""mode": "active-standby", "platform": {"kubernetes": {}}"#, "$.cluster.platform"),
    ])
    func clusterDesignsWithoutASettledStateAreRefused(design: String, path: String) {
        #expect {
            try ScenarioLoader.parse("""
                {"name": "re-cluster", "kind": "cluster", "seed": 3, "duration": "1d",
                 "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, \(design),
                   "failures": {"schedulers": {"ttf": {"exponential": {"mean": "30d"}}, "ttr": {"exponential": {"mean": "1h"}}}}},
                 "rare_event": {}}
                """, file: "re.json")
        } throws: { error in
            // The file lacks "replications" too: every error is reported, this one among them.
            (error as? ScenarioError)?.all.contains { $0.path == path } == true
        }
    }

    @Test func withoutTheKeyNothingChanges() throws {
        let text = try String(contentsOf: ShippedScenariosTests.root.appendingPathComponent("ensemble-5.json"), encoding: .utf8)
        #expect(try ScenarioLoader.parse(text, file: "e.json").rareEvent == nil)
        let realistic = try ScenarioLoader.load(file: ShippedScenariosTests.root.appendingPathComponent("realistic-active-standby.json").path)
        #expect(realistic.rareEvent == RareEventSpec())
    }

    /// The label of an outage names the pattern that explains it first.
    @Test func clusterCausesNameThePattern() throws {
        let s = try ScenarioLoader.load(file: ShippedScenariosTests.root.appendingPathComponent("realistic-active-standby.json").path)
        guard case .cluster(let spec) = s.system else { Issue.record("a cluster"); return }
        let parts = ProtocolCycle.components(of: s.system).components
        func named(_ names: String..., mode: CrashMode = .host) -> [(component: BiasedFaultProcess.Component, mode: CrashMode)] {
            parts.filter { names.contains($0.name) }.map { ($0, mode) }
        }
        #expect(ProtocolCycle.clusterLabel(named("zk1", "zk3"), spec: spec, holder: nil).text == "zk quorum lost: zk1+zk3 down")
        #expect(ProtocolCycle.clusterLabel(named("db", "zk2"), spec: spec, holder: nil).text == "database down")
        #expect(ProtocolCycle.clusterLabel(named("oozie1"), spec: spec, holder: nil).text
            == "scheduler failover: silent crash of the holder, oozie1 down")
        #expect(ProtocolCycle.clusterLabel(named("oozie1", mode: .process), spec: spec, holder: nil)
            == CauseLabel(.schedulerFailover, "process crash of the holder, oozie1 down"))
        #expect(ProtocolCycle.clusterLabel(named("oozie2"), spec: spec, holder: spec.schedulerIDs[0]).text == "standby scheduler down: oozie2")
        #expect(ProtocolCycle.clusterLabel([], spec: spec, holder: nil).text == "recovery with every part up")
        #expect(parts.map(\.name) == ["zk1", "zk2", "zk3", "oozie1", "oozie2", "db", "lb"])
    }
}
