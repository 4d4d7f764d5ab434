import Coordination
import Orchestration
import Scheduler
import Simulation

/// Runs one replication of a ``ClusterSpec``: the whole HA design on the kernel, each component
/// failing by its model, the probe submitting workflows through the balancer, and the Zab and
/// scheduler invariant checkers watching every event.
enum ClusterReplication {
    static let metrics = [
        MetricID(
            key: "service_availability", title: "Fraction of time a request sent now would succeed (exact serving-path signal)",
            isFraction: true, measuresComplement: true),
        MetricID(
            key: "service_unavailability", title: "Fraction of time a request sent now would fail (exact serving-path signal)",
            isFraction: true),
        MetricID(
            key: "probe_availability",
            title: "What monitoring sees: fraction of periodic probe requests answered correctly within the timeout",
            isFraction: true),
        MetricID(key: "zookeeper_quorum_availability", title: "Fraction of time a ZooKeeper majority is up", isFraction: true),
        MetricID(key: "scheduler_availability", title: "Fraction of time at least one scheduler server is up", isFraction: true),
        MetricID(key: "database_availability", title: "Fraction of time the database is up", isFraction: true),
        MetricID(key: "balancer_availability", title: "Fraction of time the balancer is up", isFraction: true),
        MetricID(key: "failovers_per_day", title: "Scheduler leaderships gained per day (latch fencing tokens)"),
    ]

    /// The cluster's hosts on a simulator, with the trackers and checkers that watch them; no
    /// faults yet (replications add the component groups, rare-event cycles their own process).
    struct Rig {
        let simulator: Simulator
        let zabChecker: ZabInvariantChecker
        let schedulerChecker: SchedulerInvariantChecker
        let leaders: LeaderTracker
        let probe: ProbeTracker
        /// Whether a request sent now would succeed, exactly; the service availability.
        let signal: ServiceSignal
        let latch: FailoverTracker
        let workload: WorkloadTracker?
        /// The Kubernetes orchestrator, on that platform; nil on VMs.
        let orchestrator: Orchestrator?
        /// The parts' states over time, for downtime by cause.
        let states: ComponentStateRecorder

        var violations: [String] { zabChecker.violations.map(\.description) + schedulerChecker.violations.map(\.description) }
    }

    static func build(_ spec: ClusterSpec, scenario: Scenario, seed: UInt64, keepTimeline: Bool, recordTrace: Bool) -> Rig {
        let simulator = Simulator(seed: seed, recordTrace: recordTrace)
        simulator.setDefaultLinks(scenario.network)
        let names = spec.hostNames
        let (zk, schedulers, db) = (spec.zookeeperIDs, spec.schedulerIDs, spec.databaseID)
        let (compute, balancer) = (spec.computeID, spec.balancerID)

        // On Kubernetes the orchestrator exists before the hosts: the balancer routes to its endpoints.
        let orchestrator = spec.kubernetes.map { KubernetesPlatform.orchestrator(spec, settings: $0) }
        _ = spec.ensemble.addServers(to: simulator)
        for (i, name) in names[zk.count..<(zk.count + schedulers.count)].enumerated() {
            var config = SchedulerServerConfig(
                serverId: name, mode: spec.mode, store: db, compute: compute, apps: [spec.workflow.name: spec.workflow])
            config.versionChecks = spec.versionChecks
            config.exitOnSessionLoss = spec.exitOnSessionLoss
            config.purge = spec.purge
            spec.workload.configure(&config)
            config.seed = StreamSeed(seed).derive("scheduler", i).value
            let host = simulator.addHost(name) { _ in
                SchedulerServer(
                    config: config,
                    coordination: ZooKeeperCoordination(
                        servers: zk, owner: name, sessionTimeout: spec.sessionTimeout, latchPolicy: spec.latch,
                        connectionLoss: spec.latch == .reset ? .oozie : .sessionTimeout,
                        latchName: spec.mode == .loadBalanced ? "services/concurrencyleader" : "leader",
                        // Load-balanced servers lock every job, and Oozie's ZKLocksService reaps the
                        // directories; the active-standby design takes no locks, so it has none to reap.
                        lockReaperThreshold: spec.mode == .loadBalanced ? ZooKeeperCoordination.oozieLockReaperThreshold : nil))
            }
            // On Kubernetes the kubelet is the supervisor: it restarts an exited container itself.
            if orchestrator == nil, let delay = spec.supervisorRestartDelay { simulator.supervise(host, restartAfter: delay) }
        }
        let fencing = spec.fencing
        simulator.addHost("db", durable: { JobStoreDisk(fencing: fencing) }) { _ in JobStore(serviceTime: spec.databaseServiceTime) }
        var computeSettings = ComputeSettings(defaultProfile: ComputeProfile(
            duration: spec.actionDuration, failureProbability: spec.actionFailureProbability, transientShare: spec.actionTransientShare))
        computeSettings.idempotentLaunches = spec.idempotentLaunches
        simulator.addHost("compute", durable: { ComputeDisk() }) { _ in ComputeService(settings: computeSettings) }
        let admits = orchestrator.map { o in { (host: HostID) in o.isEndpoint(host) } }
        simulator.addHost("lb") { _ in
            LoadBalancer(backends: schedulers, policy: spec.balancerPolicy, health: spec.healthCheck, admits: admits)
        }
        let probeHost = simulator.addHost("probe") { _ in
            AvailabilityProbe(
                target: .balancer(balancer), request: .submit(app: spec.workflow.name), interval: spec.probeInterval,
                timeout: spec.probeTimeout)
        }
        // Only a scenario with a workload has a client host, so every other one runs as before.
        let workload = spec.workload.isEmpty ? nil : WorkloadTracker(spec.workload)
        if workload != nil {
            simulator.addHost("client") { _ in
                WorkloadClient(balancer: balancer, submissions: spec.workload.submissions, settings: spec.workload.client)
            }
        }

        for (c, hosts) in spec.cronJobHostIDs.enumerated() {
            for host in hosts {
                let added = simulator.addHost(names[Int(host.index)]) { _ in CronJobPod(task: spec.cronJobTasks[c], balancer: balancer) }
                precondition(added == host, "CronJob pod hosts come last")
            }
        }

        let zabChecker = ZabInvariantChecker()
        let schedulerChecker = SchedulerInvariantChecker()
        let leaders = LeaderTracker(servers: zk.count, keepTimeline: false)
        let probe = ProbeTracker(keepTimeline: keepTimeline)
        let latch = FailoverTracker(candidates: schedulers)
        // After the leader tracker, whose view of the ensemble it reads.
        let signal = ServiceSignal(simulator: simulator, spec: spec, client: probeHost, leaders: leaders, orchestrator: orchestrator)
        let measureFrom = SimTime.zero + scenario.warmUp
        signal.onChange = { up, time in
            // The start-up (the first leader, latch and routes) is warm-up, not an outage.
            guard time >= measureFrom else { return }
            probe.timeline?.append(TimelineEntry(time: time, event: up ? "outage_end" : "outage_start", subject: "service"))
        }
        // After the trackers it reads, so it samples their state after each observation.
        let states = ComponentStateRecorder(
            spec, leaders: leaders, latch: latch, client: probeHost,
            reachable: { a, b in simulator.isReachable(from: a, to: b) && simulator.isReachable(from: b, to: a) },
            serviceUp: { [unowned signal] in signal.isUp }
        ) {
            orchestrator?.isPlannedDisruptionUnderWay ?? false
        }
        signal.onOutageEnded = { [unowned states] in states.attribute($0) }
        for observer in [zabChecker, schedulerChecker, leaders, probe, latch, signal, states] as [any Observer] {
            simulator.addObserver(observer)
        }
        if let workload { simulator.addObserver(workload) }
        return Rig(
            simulator: simulator, zabChecker: zabChecker, schedulerChecker: schedulerChecker, leaders: leaders,
            probe: probe, signal: signal, latch: latch, workload: workload, orchestrator: orchestrator, states: states)
    }

    static func run(
        _ spec: ClusterSpec, scenario: Scenario, index: Int, seed: UInt64, keepTimeline: Bool,
        faults override: [ScheduledFault]? = nil, trace: ((Trace) -> Void)? = nil, progress: ((Double) -> Void)? = nil,
        observer: (any Observer)? = nil, inspect: ((Rig) -> Void)? = nil
    ) -> ReplicationOutcome {
        let rig = build(spec, scenario: scenario, seed: seed, keepTimeline: keepTimeline, recordTrace: trace != nil)
        if let observer { rig.simulator.addObserver(observer) }  // a test's eyes on the run
        let (simulator, leaders, probe, latch, workload) = (rig.simulator, rig.leaders, rig.probe, rig.latch, rig.workload)
        let signal = rig.signal
        let orchestrator = rig.orchestrator
        let names = spec.hostNames
        let (zk, schedulers, db, balancer) = (spec.zookeeperIDs, spec.schedulerIDs, spec.databaseID, spec.balancerID)

        var groups: [(ComponentGroup, [HostID])] = []
        func fail(_ name: String, _ hosts: [HostID], _ model: FailureModel?) -> ComponentGroup? {
            guard let model else { return nil }
            let group = ComponentGroup(name: name, count: hosts.count, model: model, seed: simulator.seed)
            group.onChange = { i, change in
                change.apply(to: hosts[i], in: simulator)
                probe.timeline?.append(
                    TimelineEntry(time: simulator.now, event: change.isUp ? "restart" : "crash", subject: names[Int(hosts[i].index)]))
            }
            group.attach(to: simulator)
            groups.append((group, hosts))
            return group
        }
        // On Kubernetes the failure models are the containers' (the orchestrator draws them).
        let onVMs = orchestrator == nil
        _ = fail("zookeeper", zk, onVMs ? spec.ensemble.failure : nil)
        let schedulerGroup = fail("scheduler", schedulers, onVMs ? spec.schedulerFailure : nil)
        let dbGroup = fail("database", [db], onVMs ? spec.databaseFailure : nil)
        let planned = orchestrator.map(PlannedDowntimeTracker.init)
        if let orchestrator, let planned {
            orchestrator.onEvent = { event, subject in
                probe.timeline?.append(TimelineEntry(time: simulator.now, event: "k8s_" + event, subject: subject))
                rig.states.sample(at: simulator.now)
                signal.evaluate(at: simulator.now)  // an endpoint added or removed changes what the balancer routes to
            }
            orchestrator.attach(to: simulator)
            simulator.addObserver(planned)
        }
        let balancerGroup = fail("balancer", [balancer], spec.balancerFailure)
        let timeline = override ?? FaultPlan.timeline(of: scenario)
        if !timeline.isEmpty {
            FaultInjector(timeline).attach(to: simulator)
        }

        let measureFrom = SimTime.zero + scenario.warmUp
        simulator.run(until: measureFrom)
        for (group, _) in groups { group.resetStatistics(at: simulator.now) }
        leaders.reset(at: simulator.now)
        probe.startMeasuring()
        signal.startMeasuring(at: simulator.now)
        latch.startMeasuring()
        orchestrator?.startMeasuring(at: simulator.now)
        planned?.startMeasuring()
        // A test's look at the rig at each progress step (the same events run either way).
        let report = inspect.map { inspect in { (fraction: Double) in progress?(fraction); inspect(rig) } } ?? progress
        simulator.run(until: .zero + scenario.duration, progress: report)

        let end = simulator.now
        trace?(simulator.trace)
        let service = signal.finish(at: end)
        if let censored = service.outages.last, censored.isCensored { rig.states.attribute(censored) }
        let days = (end - measureFrom).seconds / 86_400
        func up(_ group: ComponentGroup?, atLeast k: Int, pods: Int? = nil) -> Double {
            if let orchestrator, let pods { return KubernetesPlatform.availability(orchestrator, group: pods, until: end) }
            guard let group else { return 1 }
            return group.downCount.fractions(until: end)[...(group.isUp.count - k)].reduce(0, +)
        }
        var outcome = ReplicationOutcome(
            index: index, seed: seed, digest: simulator.trace.digest, events: simulator.eventsProcessed,
            metrics: [
                1 - service.downFraction, service.downFraction, probe.availability, leaders.quorumState.fractions(until: end)[0],
                up(schedulerGroup, atLeast: 1, pods: 1), up(dbGroup, atLeast: 1, pods: 2), up(balancerGroup, atLeast: 1),
                Double(latch.leaderships) / days,
            ] + (workload?.values(measuredFrom: measureFrom, until: end) ?? [])
                + (orchestrator.map { KubernetesPlatform.values($0, planned: planned!, days: days, until: end) } ?? []),
            occupancy: [], downSamples: [], timeline: probe.timeline ?? [], outages: service.outages,
            failoverSeconds: latch.failovers, phases: latch.phases, orchestration: orchestrator?.phases ?? OrchestratorPhases(),
            violations: rig.violations, downtimeByCause: rig.states.downtimeByCause)
        // The service's fraction of time gets the regenerative interval over its outage cycles; the
        // probe's and the other rows stay Student t over the replications.
        outcome.metricCycles = [service.cycles, service.cycles]
        return outcome
    }
}
