import Coordination
import Foundation
import Reliability
import Simulation

/// One regenerative cycle of a protocol kind (ensemble or cluster), with the real protocols:
///
/// 1. **Settle** from a fresh start: run until the system is in its settled all-up state, at most
///    `max(warm_up, 10m)`.
/// 2. **Inject** the first failure (host j with probability λ_j/Λ) after a uniform delay within
///    ``phaseWindow`` (so it finds the periodic timers at a random phase, as after a real
///    sojourn): the all-up sojourn before it is exponential with rate Λ and independent of the
///    settled protocol state, so it is never simulated; the estimator adds its mean 1/Λ.
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
    /// The window of the uniform delay between settling and the first failure: many periods of
    /// the 2 s timers (ZooKeeper's tick, the balancer's checks), several of a session's pings.
    static let phaseWindow = SimDuration.minutes(2)

    /// The hosts that fail by a model, and their groups (a group is one failure model of the
    /// scenario: `zookeeper`, `schedulers`, `database`, `balancer`; an ensemble's `servers`).
    static func components(of system: SystemSpec) -> (components: [BiasedFaultProcess.Component], groups: [BiasedFaultProcess.Group]) {
        var components: [BiasedFaultProcess.Component] = []
        var groups: [BiasedFaultProcess.Group] = []
        func add(
            _ group: String, _ names: [String], _ hosts: [HostID], _ model: FailureModel?, failedAt: Int,
            role: BiasedFaultProcess.Role? = nil
        ) {
            guard let model, case .exponential(let mean) = model.timeToFailure else { return }
            for (name, host) in zip(names, hosts) {
                components.append(.init(
                    name: name, host: host, group: groups.count, failureRate: 1 / mean, repair: model.timeToRepair,
                    crashModes: model.crashModes))
            }
            groups.append(.init(name: group, crews: model.repairCrews, failedAt: failedAt, role: role))
        }
        // A majority of n servers is lost with n − (n/2 + 1) + 1 of them down.
        func minorityPlusOne(_ n: Int) -> Int { n - (n / 2 + 1) + 1 }
        switch system {
        case .components: break
        case .ensemble(let s):
            add("servers", Array(s.hostNames.prefix(s.servers)), (0..<s.servers).map(HostID.init), s.failure,
                failedAt: minorityPlusOne(s.servers), role: .zabLeader)
        case .cluster(let s):
            let names = s.hostNames
            add("zookeeper", Array(names.prefix(s.ensemble.servers)), s.zookeeperIDs, s.ensemble.failure,
                failedAt: minorityPlusOne(s.ensemble.servers), role: .zabLeader)
            add("schedulers", s.schedulerIDs.map { names[Int($0.index)] }, s.schedulerIDs, s.schedulerFailure,
                failedAt: s.schedulers, role: .latchHolder)
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
        /// The host in a role now (the settled state has one).
        var holder: (BiasedFaultProcess.Role) -> HostID?
        /// Failovers (elections) measured so far.
        var failovers: () -> [Double]
    }

    /// Which hosts of its group a stratum's first failure falls on.
    enum FirstFailure: Sendable, Equatable {
        case any
        /// The host in the group's role (``BiasedFaultProcess/Role``).
        case holder
        /// The other hosts of the group.
        case others
    }

    /// Runs one cycle from `seed`; its first failure falls in failure group `group` (drawn by rate
    /// within it, on the hosts `role` says), or anywhere by rate when nil.
    func run(seed: StreamSeed, firstFailureIn group: Int?, role: FirstFailure = .any) -> RareEventCycle {
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
                label: { down in Self.ensembleLabel(down, servers: spec.servers) },
                holder: { _ in tracker.servingLeader.map(HostID.init) }, failovers: { tracker.electionTimes })
            var cycle = drive(simulator, faults, probes, seed: seed, group: group, role: role, quiet: Self.quiet(spec.tickTime)) {
                measuredFrom = simulator.now
                tracker.reset(at: simulator.now)
            }
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
                label: { down in Self.clusterLabel(down, spec: spec, holder: latch.holderHost) },
                holder: { role in
                    switch role {
                    case .zabLeader: leaders.servingLeader.map(HostID.init)
                    case .latchHolder: latch.holderHost
                    }
                },
                failovers: { latch.failovers })
            var cycle = drive(simulator, faults, probes, seed: seed, group: group, role: role, quiet: Self.quiet(spec.ensemble.tickTime)) {
                leaders.reset(at: simulator.now)
                signal.startMeasuring(at: simulator.now)
                latch.startMeasuring()
            }
            cycle.phases = latch.phases
            cycle.violations += rig.violations
            return cycle
        }
    }

    /// Twice ZooKeeper's largest negotiable session timeout (`ZabConfig.maxSessionTimeoutTicks`,
    /// ZooKeeper's `maxSessionTimeout` default of 20 ticks).
    static func quiet(_ tickTime: SimDuration) -> SimDuration { tickTime * (2 * ZabConfig(servers: [HostID(0)]).maxSessionTimeoutTicks) }

    private func drive(
        _ simulator: Simulator, _ faults: BiasedFaultProcess, _ probes: Probes, seed: StreamSeed, group: Int?, role: FirstFailure,
        quiet: SimDuration, startMeasuring: () -> Void
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
        // The all-up sojourn before the first failure lasts hours (exponential, rate Λ), so the
        // failure finds the periodic timers (ticks, health checks, pings) at a uniform phase; the
        // settled moment is a whole number of seconds after the start, in step with them. Run a
        // uniform time within the phase window first: injected at once, a latch holder's crash
        // cost 36.0 ± 0.1 s of outage instead of 40.6 ± 0.3 s (crude simulation: 41 s).
        var phase = seed.derive("phase").stream
        simulator.run(for: SimDuration(seconds: Self.phaseWindow.seconds * phase.nextUnit()))
        faults.attach(to: simulator)
        faults.onChange = { component, change in change.apply(to: component.host, in: simulator) }
        startMeasuring()
        let start = simulator.now
        faults.injectFirstFailure(in: group, where: firstFailure(group, role, faults, probes))
        var causes: [RareEventCycle.Cause] = []
        var label: CauseLabel?
        var measured = 0.0
        var (weightedDowntime, weightedReturnTime) = (0.0, 0.0)
        // Failovers that ended before the fault process changed again: the first failure's own,
        // with nothing biased yet, so their mix (a leader's or holder's crash, not the failovers
        // biased failures make frequent) is the true one.
        var unbiasedFailovers = 0
        let limit = start + scenario.duration
        repeat {
            // A step ends at the next failure or repair, so the likelihood ratio is smooth in it:
            // its down time is weighted by the step's mean L_t (within a second L_t moves by
            // about F·1 s ≈ 1e-6 of itself, so where in the step the down time lies is immaterial).
            let from = simulator.now
            let to = min(from + Self.step, max(from, faults.nextChange ?? from + Self.step))
            let weight = faults.integratedWeight(from: from, to: to)
            simulator.run(until: to)
            let meanWeight = to > from ? weight / (to - from).seconds : exp(faults.logWeight(at: from))
            weightedReturnTime += weight
            let downtime = probes.downtime()
            if downtime > measured || probes.inOutage() {
                let current = label ?? probes.label(faults.down)
                label = current
                let part = downtime - measured
                if let i = causes.firstIndex(where: { $0.label == current }) {
                    causes[i].seconds += part
                    causes[i].weightedSeconds += part * meanWeight
                } else {
                    causes.append(.init(label: current, seconds: part, weightedSeconds: part * meanWeight))
                }
                weightedDowntime += part * meanWeight
            } else {
                label = nil
            }
            measured = downtime
            if faults.lastChange == start { unbiasedFailovers = probes.failovers().count }
        } while !(faults.allUp && simulator.now - faults.lastChange >= quiet && probes.settled()) && simulator.now < limit
        let settled = faults.allUp && simulator.now - faults.lastChange >= quiet && probes.settled()
        faults.finish()
        let violations = settled ? [] : ["[rare_event] the cycle did not return to settled all-up within \(scenario.duration)"]
        return RareEventCycle(
            weighted: WeightedCycle(
                downtime: measured, returnTime: (simulator.now - start).seconds, likelihoodRatio: exp(faults.logWeight),
                weightedDowntime: weightedDowntime, weightedReturnTime: weightedReturnTime),
            causes: causes.filter { $0.seconds > 0 }.sorted { $0.label.text < $1.label.text }, events: simulator.eventsProcessed,
            failoverSeconds: Array(probes.failovers().prefix(unbiasedFailovers)), violations: violations)
    }

    /// Which components a stratum's first failure may hit, by the role the settled state gave them.
    private func firstFailure(_ group: Int?, _ role: FirstFailure, _ faults: BiasedFaultProcess, _ probes: Probes)
        -> ((BiasedFaultProcess.Component) -> Bool)?
    {
        guard role != .any else { return nil }
        guard let group, let groupRole = faults.groups[group].role, let host = probes.holder(groupRole) else {
            preconditionFailure("a settled system has a host in the role of group \(group.map(String.init) ?? "any")")
        }
        return role == .holder ? { $0.host == host } : { $0.host != host }
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
