import Coordination
import Simulation

/// Runs one replication of an ``EnsembleSpec``: a Zab ensemble whose servers fail and are
/// repaired (and suffer the scripted faults), a probe client writing through it, and the
/// invariant checker watching every step.
enum EnsembleReplication {
    static let metrics = [
        MetricID(key: "server_unavailability", title: "Fraction of time a server is down (p)", isFraction: true),
        MetricID(key: "all_up", title: "Fraction of time every server is up", isFraction: true, measuresComplement: true),
        MetricID(key: "quorum_availability", title: "Fraction of time a majority of servers is up", isFraction: true, measuresComplement: true),
        MetricID(key: "service_availability", title: "Fraction of time an established leader is serving", isFraction: true),
        MetricID(key: "service_unavailability", title: "Fraction of time no established leader is serving", isFraction: true),
        MetricID(key: "probe_availability", title: "What monitoring sees: fraction of periodic probe writes answered within the timeout", isFraction: true),
        MetricID(key: "elections_per_day", title: "Leaders established per day"),
    ]

    /// The ensemble and its probe on a simulator, with the checker and tracker; no faults yet.
    struct Rig {
        let simulator: Simulator
        let probeHost: HostID
        let checker: ZabInvariantChecker
        let tracker: LeaderTracker
        /// The lock holder's tracker, when the scenario has one.
        let holderTracker: LockHolderTracker?
    }

    static func build(_ spec: EnsembleSpec, scenario: Scenario, seed: UInt64, keepTimeline: Bool, recordTrace: Bool) -> Rig {
        let simulator = Simulator(seed: seed, recordTrace: recordTrace)
        simulator.setDefaultLinks(scenario.network)
        let config = spec.addServers(to: simulator)
        let probeHost = simulator.addHost("probe") { _ in ProbeClient(servers: config.servers, spec: spec.probe) }
        let holderTracker = spec.lockHolder.map { holder in
            LockHolderTracker(holder: simulator.addHost("holder") { _ in LockHolder(servers: config.servers, spec: holder) })
        }
        let rig = Rig(
            simulator: simulator, probeHost: probeHost, checker: ZabInvariantChecker(),
            tracker: LeaderTracker(servers: spec.servers, keepTimeline: keepTimeline), holderTracker: holderTracker)
        simulator.addObserver(rig.checker)
        simulator.addObserver(rig.tracker)
        if let holderTracker { simulator.addObserver(holderTracker) }
        return rig
    }

    /// - Parameters:
    ///   - faults: the fault timeline to inject instead of the scenario's (exploration, shrinking).
    ///   - trace: receives the full trace records when given (replay).
    static func run(
        _ spec: EnsembleSpec, scenario: Scenario, index: Int, seed: UInt64, keepTimeline: Bool,
        faults override: [ScheduledFault]? = nil, trace: ((Trace) -> Void)? = nil, progress: ((Double) -> Void)? = nil
    ) -> ReplicationOutcome {
        let rig = build(spec, scenario: scenario, seed: seed, keepTimeline: keepTimeline, recordTrace: trace != nil)
        let (simulator, probeHost, checker, tracker) = (rig.simulator, rig.probeHost, rig.checker, rig.tracker)

        var group: ComponentGroup?
        var sampler: ComponentsReplication.Sampler?
        var cycles: ComponentsReplication.Cycles?
        if let failure = spec.failure {
            let servers = ComponentGroup(name: "server", count: spec.servers, model: failure, seed: simulator.seed)
            servers.onChange = { i, change in
                change.apply(to: HostID(i), in: simulator)
                cycles?.update(servers, changed: i, at: simulator.now)
            }
            servers.attach(to: simulator)
            group = servers
        }
        let timeline = override ?? FaultPlan.timeline(of: scenario)
        if !timeline.isEmpty {
            FaultInjector(timeline).attach(to: simulator)
        }

        let measureFrom = SimTime.zero + scenario.warmUp
        simulator.run(until: measureFrom)
        group?.resetStatistics(at: simulator.now)
        if let group { cycles = ComponentsReplication.Cycles(group, maxDown: spec.servers - (spec.servers / 2 + 1), at: simulator.now) }
        tracker.reset(at: simulator.now)
        rig.holderTracker?.reset()
        let probe = simulator.process(of: probeHost) as! ProbeClient
        probe.resetCounts()
        if let group, let failure = spec.failure {
            let spacing = SimDuration(seconds: ComponentsReplication.sampleSpacingCycles
                * (failure.timeToFailure.mean + failure.timeToRepair.mean))
            sampler = ComponentsReplication.Sampler(group: group, spacing: spacing)
            sampler?.attach(to: simulator)
        }
        simulator.run(until: .zero + scenario.duration, progress: progress)

        let end = simulator.now
        trace?(simulator.trace)
        let measuredDays = (end - measureFrom).seconds / 86_400
        let occupancy = group?.downCount.fractions(until: end) ?? []
        let perServer = group.map { $0.componentStates.map { $0.fractions(until: end)[1] }.reduce(0, +) / Double(spec.servers) } ?? 0
        let service = tracker.service.fractions(until: end)
        let counts = probe.finalCounts(now: simulator.localTime(of: probeHost))
        var phases = tracker.phases
        if let gap = probe.longestGap { phases.writeGapSeconds = [gap.seconds] }
        phases.sessionExpirySeconds = rig.holderTracker?.expirySeconds ?? []
        let probes = counts.succeeded + counts.failed
        let groupCycles = cycles?.finish(at: end)
        let trackerCycles = tracker.finishCycles(at: end)
        var outcome = ReplicationOutcome(
            index: index, seed: seed, digest: simulator.trace.digest, events: simulator.eventsProcessed,
            metrics: [
                perServer, occupancy.first ?? 1, tracker.quorumState.fractions(until: end)[0], service[0], service[1],
                probes > 0 ? Double(counts.succeeded) / Double(probes) : 0, Double(tracker.elections) / measuredDays,
            ],
            occupancy: occupancy, downSamples: sampler?.samples ?? [], timeline: tracker.timeline ?? [],
            outages: tracker.outages(until: end), failoverSeconds: tracker.electionTimes, phases: phases,
            violations: checker.violations.map(\.description))
        // Fractions of time get the regenerative interval over their cycles; the probe's and the
        // elections' rows stay Student t over the replications.
        outcome.metricCycles = [
            groupCycles?.component, groupCycles?.notAllUp, trackerCycles?.quorumLost, trackerCycles?.service,
            trackerCycles?.service, nil, nil,
        ]
        outcome.occupancyCycles = groupCycles?.states ?? []
        return outcome
    }
}

extension EnsembleSpec {
    /// Adds the ensemble's servers as the simulator's first hosts (zk1…zkN) and returns their configuration.
    func addServers(to simulator: Simulator) -> ZabConfig {
        var config = ZabConfig(servers: (0..<servers).map(HostID.init))
        config.tickTime = tickTime
        config.initLimit = initLimit
        config.syncLimit = syncLimit
        config.forceSync = forceSync
        for name in hostNames.prefix(servers) {
            simulator.addHost(name, durable: { ZabDisk() }) { id in ZabServer(id, config: config) }
        }
        simulator.registerZooKeeperLeaderRole(servers: config.servers)
        return config
    }
}
