import Coordination
import Foundation
import Reliability
import Simulation

/// One regenerative cycle of a protocol kind (ensemble or cluster), with the real protocols:
///
/// 1. **Settle** from a fresh start: run until the system is in its settled all-up state, at most
///    `max(warm_up, 10m)`.
/// 2. **Inject** the first failure at once (host j with probability λ_j/Λ): the all-up sojourn
///    before it is exponential with rate Λ and independent of the settled protocol state, so it is
///    never simulated; the estimator adds its mean 1/Λ.
/// 3. **Run** under ``BiasedFaultProcess`` until the system is settled all-up again, at most the
///    scenario's `duration` (a cycle that does not come back is reported as a violation).
///
/// *Settled all-up* means: every host up, and up for at least the quiet time (twice ZooKeeper's
/// largest negotiable session timeout, `2 × maxSessionTimeoutTicks × tickTime`, so no session of
/// a dead client, and so no ephemeral node or latch entry of one, can still be waiting to expire);
/// ensemble: an established leader serving; cluster: additionally the latch held by a live
/// scheduler, no failover open, and a request sent now would succeed (``ServiceSignal``, which
/// reads the balancer that runs now, so a restarted balancer's health list counts). The state is
/// polled once per simulated second; a cycle's down time is the signal's, to the nanosecond.
struct ProtocolCycle {
    let scenario: Scenario
    let biasing: BalancedFailureBiasing

    static let step = SimDuration.seconds(1)

    /// The hosts that fail by a model, and their groups (a group is one failure model of the
    /// scenario: `zookeeper`, `schedulers`, `database`, `balancer`; an ensemble's `servers`).
    static func components(of system: SystemSpec) -> (components: [BiasedFaultProcess.Component], groups: [BiasedFaultProcess.Group]) {
        var components: [BiasedFaultProcess.Component] = []
        var groups: [BiasedFaultProcess.Group] = []
        func add(_ group: String, _ names: [String], _ hosts: [HostID], _ model: FailureModel?, failedAt: Int) {
            guard let model, case .exponential(let mean) = model.timeToFailure else { return }
            for (name, host) in zip(names, hosts) {
                components.append(.init(
                    name: name, host: host, group: groups.count, failureRate: 1 / mean, repair: model.timeToRepair,
                    crashModes: model.crashModes))
            }
            groups.append(.init(name: group, crews: model.repairCrews, failedAt: failedAt))
        }
        // A majority of n servers is lost with n − (n/2 + 1) + 1 of them down.
        func minorityPlusOne(_ n: Int) -> Int { n - (n / 2 + 1) + 1 }
        switch system {
        case .components: break
        case .ensemble(let s):
            add("servers", Array(s.hostNames.prefix(s.servers)), (0..<s.servers).map(HostID.init), s.failure,
                failedAt: minorityPlusOne(s.servers))
        case .cluster(let s):
            let names = s.hostNames
            add("zookeeper", Array(names.prefix(s.ensemble.servers)), s.zookeeperIDs, s.ensemble.failure,
                failedAt: minorityPlusOne(s.ensemble.servers))
            add("schedulers", s.schedulerIDs.map { names[Int($0.index)] }, s.schedulerIDs, s.schedulerFailure,
                failedAt: s.schedulers)
            add("database", ["db"], [s.databaseID], s.databaseFailure, failedAt: 1)
            add("balancer", ["lb"], [s.balancerID], s.balancerFailure, failedAt: 1)
        }
        return (components, groups)
    }

    /// What the cycle loop needs to know of the system.
    private struct Probes {
        var settled: () -> Bool
        var inOutage: () -> Bool
        /// Down time measured since the first failure, seconds.
        var downtime: () -> Double
        var label: ([(component: BiasedFaultProcess.Component, mode: CrashMode)]) -> CauseLabel
    }

    /// Runs one cycle from `seed`; its first failure falls in failure group `group` (drawn by rate
    /// within it), or anywhere by rate when nil.
    func run(seed: StreamSeed, firstFailureIn group: Int?) -> RareEventCycle {
        let (components, groups) = Self.components(of: scenario.system)
        let faults = BiasedFaultProcess(components: components, groups: groups, biasing: biasing, seed: seed.derive("faults"))
        switch scenario.system {
        case .components:
            preconditionFailure("the components kind runs ComponentsCycle")
        case .ensemble(let spec):
            let rig = EnsembleReplication.build(spec, scenario: scenario, seed: seed.value, keepTimeline: false, recordTrace: false)
            let (simulator, tracker) = (rig.simulator, rig.tracker)
            var measuredFrom = SimTime.zero
            let probes = Probes(
                settled: { tracker.serviceUp },
                inOutage: { !tracker.serviceUp },
                downtime: { tracker.service.fractions(until: simulator.now)[1] * (simulator.now - measuredFrom).seconds },
                label: { down in Self.ensembleLabel(down, servers: spec.servers) })
            var cycle = drive(simulator, faults, probes, group: group, quiet: Self.quiet(spec.tickTime)) {
                measuredFrom = simulator.now
                tracker.reset(at: simulator.now)
            }
            cycle.failoverSeconds = tracker.electionTimes
            cycle.phases = tracker.phases
            cycle.violations += rig.checker.violations.map(\.description)
            return cycle
        case .cluster(let spec):
            let rig = ClusterReplication.build(spec, scenario: scenario, seed: seed.value, keepTimeline: false, recordTrace: false)
            let (simulator, signal, latch, leaders) = (rig.simulator, rig.signal, rig.latch, rig.leaders)
            let probes = Probes(
                settled: { leaders.serviceUp && latch.isServing && signal.isUp },
                inOutage: { !signal.isUp },
                downtime: { signal.downSeconds(until: simulator.now) },
                label: { down in Self.clusterLabel(down, spec: spec, holder: latch.holderHost) })
            var cycle = drive(simulator, faults, probes, group: group, quiet: Self.quiet(spec.ensemble.tickTime)) {
                leaders.reset(at: simulator.now)
                signal.startMeasuring(at: simulator.now)
                latch.startMeasuring()
            }
            cycle.failoverSeconds = latch.failovers
            cycle.phases = latch.phases
            cycle.violations += rig.violations
            return cycle
        }
    }

    /// Twice ZooKeeper's largest negotiable session timeout (`ZabConfig.maxSessionTimeoutTicks`,
    /// ZooKeeper's `maxSessionTimeout` default of 20 ticks).
    static func quiet(_ tickTime: SimDuration) -> SimDuration { tickTime * (2 * ZabConfig(servers: [HostID(0)]).maxSessionTimeoutTicks) }

    private func drive(
        _ simulator: Simulator, _ faults: BiasedFaultProcess, _ probes: Probes, group: Int?, quiet: SimDuration,
        startMeasuring: () -> Void
    ) -> RareEventCycle {
        let settleLimit = SimTime.zero + max(scenario.warmUp, .minutes(10))
        while !(probes.settled() && simulator.now >= .zero + quiet) && simulator.now < settleLimit {
            simulator.run(for: Self.step)
        }
        guard probes.settled() else {
            return RareEventCycle(
                weighted: WeightedCycle(downtime: 0, returnTime: 0, likelihoodRatio: 1), causes: [],
                events: simulator.eventsProcessed,
                violations: ["[rare_event] the system did not settle within \(max(scenario.warmUp, .minutes(10))) of a fresh start"])
        }
        faults.attach(to: simulator)
        faults.onChange = { component, change in change.apply(to: component.host, in: simulator) }
        startMeasuring()
        let start = simulator.now
        faults.injectFirstFailure(in: group)
        var causes: [(label: CauseLabel, seconds: Double)] = []
        var label: CauseLabel?
        var measured = 0.0
        let limit = start + scenario.duration
        repeat {
            simulator.run(for: Self.step)
            let downtime = probes.downtime()
            if downtime > measured || probes.inOutage() {
                let current = label ?? probes.label(faults.down)
                label = current
                if let i = causes.firstIndex(where: { $0.label == current }) {
                    causes[i].seconds += downtime - measured
                } else {
                    causes.append((current, downtime - measured))
                }
            } else {
                label = nil
            }
            measured = downtime
        } while !(faults.allUp && simulator.now - faults.lastChange >= quiet && probes.settled()) && simulator.now < limit
        let settled = faults.allUp && simulator.now - faults.lastChange >= quiet && probes.settled()
        faults.finish()
        let violations = settled ? [] : ["[rare_event] the cycle did not return to settled all-up within \(scenario.duration)"]
        return RareEventCycle(
            weighted: WeightedCycle(
                downtime: measured, returnTime: (simulator.now - start).seconds, likelihoodRatio: exp(faults.logWeight)),
            causes: causes.filter { $0.seconds > 0 }.sorted { $0.label.text < $1.label.text }, events: simulator.eventsProcessed,
            violations: violations)
    }

    /// The failure pattern an ensemble outage began under.
    static func ensembleLabel(_ down: [(component: BiasedFaultProcess.Component, mode: CrashMode)], servers: Int) -> CauseLabel {
        let names = down.map(\.component.name).joined(separator: "+")
        if down.count > servers - (servers / 2 + 1) { return CauseLabel(.quorumLoss, "\(names) down") }
        return CauseLabel(.leaderElection, down.isEmpty ? "every server up" : "\(names) down")
    }

    /// The failure pattern a cluster outage began under, the part that explains it first; a
    /// scheduler failover says how the holder crashed (a silent host crash is detected only by the
    /// session timeout, a process crash at once).
    static func clusterLabel(
        _ down: [(component: BiasedFaultProcess.Component, mode: CrashMode)], spec: ClusterSpec, holder: HostID?
    ) -> CauseLabel {
        func names(_ parts: [(component: BiasedFaultProcess.Component, mode: CrashMode)]) -> String {
            parts.map(\.component.name).joined(separator: "+")
        }
        let zk = down.filter { spec.zookeeperIDs.contains($0.component.host) }
        let schedulers = down.filter { spec.schedulerIDs.contains($0.component.host) }
        if zk.count > spec.ensemble.servers - (spec.ensemble.servers / 2 + 1) { return CauseLabel(.quorumLoss, "\(names(zk)) down") }
        if down.contains(where: { $0.component.host == spec.databaseID }) { return CauseLabel(.database) }
        if down.contains(where: { $0.component.host == spec.balancerID }) { return CauseLabel(.balancer) }
        if schedulers.count == spec.schedulers { return CauseLabel(.allSchedulersDown, names(schedulers)) }
        if !schedulers.isEmpty, holder == nil || schedulers.contains(where: { $0.component.host == holder }) {
            let how = schedulers.allSatisfy { $0.mode == .host } ? "silent crash" : schedulers.allSatisfy { $0.mode == .process } ? "process crash" : "crash"
            return CauseLabel(.schedulerFailover, "\(how) of the holder, \(names(schedulers)) down")
        }
        if !zk.isEmpty { return CauseLabel(.leaderElection, "\(names(zk)) down") }
        if !schedulers.isEmpty { return CauseLabel(.standbyDown, names(schedulers)) }
        return CauseLabel(.other)
    }
}
