import Coordination
import Scheduler
import Simulation
import Testing
@testable import Scenarios

/// What a long run keeps stays bounded: a load-balanced cluster with accelerated failures and the
/// purge's horizons shortened to one hour, so six simulated hours show what a year does with
/// Oozie's 30 days. Sizes are read ~200 times along the run; after the first two hours (the
/// purge's horizon and more) none may grow past its earlier maximum by more than the noise of
/// one horizon's arrivals.
@Suite struct LongRunBoundsTests {
    struct Sizes {
        var storeRows = 0
        var launches = 0
        var acknowledged = 0
        var stateChanges = 0
        var lockDirectories = 0
        var knownToReapers = 0
    }

    static func sizes(_ rig: ClusterReplication.Rig, _ spec: ClusterSpec) -> Sizes {
        let sim = rig.simulator
        var sizes = Sizes()
        sizes.storeRows = (sim.durable(of: spec.databaseID) as! JobStoreDisk).state.rows.count
        sizes.launches = rig.schedulerChecker.starts.count
        sizes.acknowledged = rig.schedulerChecker.acknowledged.count
        sizes.stateChanges = rig.states.changes.count
        let trees = spec.zookeeperIDs.compactMap { sim.process(of: $0) as? ZabServer }.filter { $0.state == .leading }.map(\.tree)
        sizes.lockDirectories = trees.first?.node("/oozie/locks")?.children.count ?? 0
        sizes.knownToReapers = spec.schedulerIDs.compactMap {
            ((sim.process(of: $0) as? SchedulerServer)?.coordinationClient as? ZooKeeperCoordination)?.reaper?.knownPaths.count
        }.reduce(0, +)
        return sizes
    }

    /// Six hours of a 3-server ensemble and two schedulers in `mode`, every part failing every few
    /// hours (the ZooKeeper servers by `zookeeper`'s means), probed every 30 s; `faults` is a JSON
    /// array of scheduled faults, if any.
    static func sixHours(
        mode: String, seed: Int, zookeeper: (ttf: String, ttr: String), faults: String? = nil
    ) throws -> Scenario {
        let scheduled = faults.map { #", "faults": "# + $0 } ?? ""
        return try ScenarioLoader.parse("""
            {"name": "long", "kind": "cluster", "seed": \(seed), "duration": "6h", "warm_up": "10m", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "\(mode)",
               "action_duration": {"exponential": {"mean": "30s"}}, "probe": {"interval": "30s", "timeout": "10s"},
               "failures": {
                 "zookeeper": {"ttf": {"exponential": {"mean": "\(zookeeper.ttf)"}},
                               "ttr": {"exponential": {"mean": "\(zookeeper.ttr)"}}},
                 "schedulers": {"ttf": {"exponential": {"mean": "2h"}}, "ttr": {"exponential": {"mean": "10m"}}},
                 "database": {"ttf": {"exponential": {"mean": "4h"}}, "ttr": {"exponential": {"mean": "5m"}}}}}\(scheduled)}
            """, file: "long.json")
    }

    @Test func aLongLoadBalancedRunKeepsItsStateBounded() throws {
        let scenario = try Self.sixHours(mode: "load-balanced", seed: 3, zookeeper: (ttf: "3h", ttr: "10m"))
        guard case .cluster(var spec) = scenario.system else { preconditionFailure("a cluster scenario") }
        spec.purge.interval = .minutes(10)
        spec.purge.workflowsOlderThan = .hours(1)
        var seen: [(time: SimTime, sizes: Sizes)] = []
        let outcome = ClusterReplication.run(
            spec, scenario: scenario, index: 0, seed: 3, keepTimeline: false,
            inspect: { rig in seen.append((rig.simulator.now, Self.sizes(rig, spec))) })
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        #expect(outcome.outages.count >= 3, "failures happened: \(outcome.outages.count) outages")
        let early = seen.filter { $0.time <= .zero + .hours(2) }.map(\.sizes)
        let late = seen.filter { $0.time > .zero + .hours(2) }.map(\.sizes)
        #expect(late.count > 100)
        // Probes every 30 s: about 120 jobs an hour, kept an hour after they end (plus a purge interval).
        func bounded(_ name: String, _ value: (Sizes) -> Int, slack: Int) {
            let before = early.map(value).max()!
            let after = late.map(value).max()!
            #expect(after <= before + slack, "\(name): at most \(before) in the first two hours, \(after) later")
        }
        bounded("store rows", \.storeRows, slack: 60)
        bounded("launches the checker remembers", \.launches, slack: 150)
        bounded("acknowledged jobs", \.acknowledged, slack: 40)
        // Without the reaper: one directory per job ever run (over 600 by the end).
        #expect(late.map(\.lockDirectories).max()! <= 30, "lock directories: \(late.map(\.lockDirectories).max()!)")
        #expect(late.map(\.knownToReapers).max()! <= 60)
        // The recorder keeps one state while the service is up, the states of the outage under way otherwise.
        #expect(late.map(\.stateChanges).max()! <= 40, "state changes kept: \(late.map(\.stateChanges).max()!)")
        #expect(seen.last!.sizes.stateChanges <= 40)
    }
}
