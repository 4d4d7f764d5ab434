import Coordination
import Foundation
import Reliability
import Scheduler
import Simulation
import Testing
@testable import Scenarios

/// Measurements behind benchmarks/rare-event/README.md, "Crude against rare-event estimates on the
/// cluster": where crude simulation of ``RareEventClusterAgreementTests``'s cluster and its
/// rare-event cycles differ, outage by outage. Each runs only with its environment variable set:
///
///     NINES_DIAG_CRUDE=101,...,164 NINES_DIAG_DAYS=3d swift test --filter crudeOutagesByPattern
///     NINES_DIAG_RARE=1,...,20 swift test --filter rareEventCauses
///     NINES_DIAG_STUCK=147,152420 swift test --filter stuckOutageTrace
@Suite struct RareEventClusterDiagnostics {
    static func seeds(_ variable: String) -> [Int]? {
        ProcessInfo.processInfo.environment[variable].map { $0.split(separator: ",").compactMap { Int($0) } }
    }

    /// Crude replications (one per seed, the scenario seed as the simulator's), each outage keyed
    /// by the hosts down at its start and the fault change before it (which host failed, and
    /// whether it was the ZooKeeper leader or the latch holder then): seconds and count per key,
    /// U per seed, and every outage longer than 200 s.
    @Test(.enabled(if: seeds("NINES_DIAG_CRUDE") != nil)) func crudeOutagesByPattern() throws {
        let seeds = try #require(Self.seeds("NINES_DIAG_CRUDE"))
        let days = ProcessInfo.processInfo.environment["NINES_DIAG_DAYS"] ?? "2d"
        struct Tally: Sendable { var seconds: [String: Double] = [:], count: [String: Int] = [:], measured = 0.0 }
        let tallies = ParallelMap.map(seeds, jobs: 2) { seed -> Tally in
            let scenario = try! RareEventClusterAgreementTests.scenario(seed: seed, rareEvent: false, duration: days)
            guard case .cluster(let spec) = scenario.system else { preconditionFailure("a cluster") }
            let rig = ClusterReplication.build(spec, scenario: scenario, seed: UInt64(seed), keepTimeline: false, recordTrace: false)
            let simulator = rig.simulator
            var (down, last, tally) = ([String](), (change: "none", role: "", at: 0.0), Tally())
            var outage: (start: SimTime, key: String)?
            func fail(_ name: String, _ hosts: [HostID], _ model: FailureModel?) {
                guard let model else { return }
                let group = ComponentGroup(name: name, count: hosts.count, model: model, seed: simulator.seed)
                group.onChange = { i, change in
                    let host = hosts[i]
                    let hostName = spec.hostNames[Int(host.index)]
                    let leader = spec.zookeeperIDs.contains(host) && rig.leaders.servingLeader == Int(host.index)
                    let role = leader ? " leader" : rig.latch.holderHost == host ? " holder" : ""
                    // Before the change is applied: the signal reacts to the crash at once.
                    if change.isUp { down.removeAll { $0 == hostName } } else { down.append(hostName) }
                    last = (change.isUp ? "repair" : "fail", change.isUp ? "" : role, simulator.now.seconds)
                    change.apply(to: host, in: simulator)
                }
                group.attach(to: simulator)
            }
            fail("zookeeper", spec.zookeeperIDs, spec.ensemble.failure)
            fail("scheduler", spec.schedulerIDs, spec.schedulerFailure)
            let from = SimTime.zero + scenario.warmUp
            rig.signal.onChange = { up, time in
                guard time >= from else { return }
                if !up {
                    let pattern = down.isEmpty ? "all up" : down.sorted().joined(separator: "+")
                    let late = time.seconds - last.at > 60 ? ", > 60 s before" : ""
                    outage = (time, "down [\(pattern)], last change [\(last.change)\(last.role)\(late)]")
                } else if let (start, key) = outage {
                    let seconds = (time - start).seconds
                    tally.seconds[key, default: 0] += seconds
                    tally.count[key, default: 0] += 1
                    if seconds > 200 { print("crude seed \(seed): outage at \(start.seconds) s, \(key), \(seconds) s") }
                    outage = nil
                }
            }
            simulator.run(until: from)
            rig.signal.startMeasuring(at: simulator.now)
            simulator.run(until: .zero + scenario.duration)
            tally.measured = (scenario.duration - scenario.warmUp).seconds
            print("crude seed \(seed): U \(tally.seconds.values.reduce(0, +) / tally.measured)")
            return tally
        }
        var total = Tally()
        for t in tallies {
            for (k, v) in t.seconds { total.seconds[k, default: 0] += v }
            for (k, v) in t.count { total.count[k, default: 0] += v }
            total.measured += t.measured
        }
        for k in total.seconds.keys.sorted() {
            print("crude \(k): \(total.count[k]!) outages, \(total.seconds[k]!) s, U \(total.seconds[k]! / total.measured)")
        }
        print("crude: U \(total.seconds.values.reduce(0, +) / total.measured) over \(total.measured / 86_400) days")
    }

    /// Rare-event runs of the same cluster (96 cycles per seed), U and its causes per seed.
    @Test(.enabled(if: seeds("NINES_DIAG_RARE") != nil)) func rareEventCauses() throws {
        let seeds = try #require(Self.seeds("NINES_DIAG_RARE"))
        for seed in seeds {
            let run = ScenarioRun(scenario: try RareEventClusterAgreementTests.scenario(seed: seed, rareEvent: true, cycles: 96), jobs: 2)
            let r = try #require(run.execute().rareEvent)
            let u = r.estimate.unavailability
            print("rare seed \(seed): U \(u.estimate) [\(u.lower), \(u.upper)], violations \(r.violations.count)")
            for c in r.causes { print("rare seed \(seed) cause \(c.label.text): \(c.unavailability.estimate)") }
        }
    }

    /// The crude replication of seed `s` (3 simulated days) traced from 400 s before time `t`
    /// for 2,200 s: faults, Zab states, client connections, latch, balancer, service signal.
    @Test(.enabled(if: seeds("NINES_DIAG_STUCK")?.count == 2)) func stuckOutageTrace() throws {
        let args = try #require(Self.seeds("NINES_DIAG_STUCK"))
        let scenario = try RareEventClusterAgreementTests.scenario(seed: args[0], rareEvent: false, duration: "3d")
        guard case .cluster(let spec) = scenario.system else { preconditionFailure("a cluster") }
        let rig = ClusterReplication.build(spec, scenario: scenario, seed: UInt64(args[0]), keepTimeline: false, recordTrace: false)
        let simulator = rig.simulator
        let printer = TracePrinter(from: .zero + .seconds(Int64(args[1]) - 400))
        simulator.addObserver(printer)
        for (name, hosts, model) in [("zookeeper", spec.zookeeperIDs, spec.ensemble.failure), ("scheduler", spec.schedulerIDs, spec.schedulerFailure)] {
            guard let model else { continue }
            let group = ComponentGroup(name: name, count: hosts.count, model: model, seed: simulator.seed)
            group.onChange = { i, change in
                if simulator.now >= printer.from { print("trace \(simulator.now.seconds) fault h\(hosts[i].index) \(change)") }
                change.apply(to: hosts[i], in: simulator)
            }
            group.attach(to: simulator)
        }
        rig.signal.onChange = { up, time in
            guard time >= printer.from else { return }
            print("trace \(time.seconds) service \(up ? "up" : "down"), holder \(rig.latch.holderHost.map { "h\($0.index)" } ?? "none")")
        }
        simulator.run(until: .zero + .seconds(Int64(args[1]) + 1800))
    }
}

/// Prints the observations that tell a failover's story (no requests, commits or probes).
private final class TracePrinter: Observer {
    let from: SimTime
    init(from: SimTime) { self.from = from }
    var observedTypes: [any Observation.Type]? {
        [HostEvent.self, ZabObservation.self, ZooKeeperClientObservation.self, LatchObservation.self, BalancerObservation.self]
    }
    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        guard time >= from else { return }
        if let zab = observation as? ZabObservation {
            switch zab {
            case .state, .established, .steppedDown, .sessionExpiring: break
            default: return
            }
        }
        print("trace \(time.seconds) h\(host.index) \(observation)")
    }
}
