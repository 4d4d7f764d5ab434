import Simulation

/// A Kubernetes-like orchestrator: nodes that fail silently, a kubelet per node (probes, restarts
/// with CrashLoopBackOff), the node lifecycle controller (NotReady, eviction), the Deployment and
/// StatefulSet controllers, a scheduler with anti-affinity, PodDisruptionBudgets, drains and
/// rolling updates, and the Service's endpoints.
///
/// Each pod is a kernel host whose process is its container: the orchestrator crashes, pauses and
/// restarts hosts through the kernel and never looks inside a process. A seam, ``readinessGate``,
/// lets the layer that knows the process add to the readiness probe. It is machinery around the
/// system under test (an ``EventHandler`` and an ``Observer``), so it acts only through the kernel
/// and draws only from its own seeded streams. Not thread-safe.
public final class Orchestrator: EventHandler, Observer {
    enum Kind: UInt32 {
        case probe, probeFailed, containerExited, restart, processStart, containerFailure, killGraceOver
        case nodeNotReady, evict, forceDelete, endpoint, reconcile, bind, scripted, uncordon, drainStep
        case readinessTrigger, autoscalerSync
        case cronSync, jobPodStart, jobPodEnded, jobPodRetry, controllerManagerUp, taintQueue
    }

    public let settings: KubernetesSettings
    public let groups: [PodGroup]
    /// The readiness probe's answer beyond "the process responds" (e.g. "the server has joined its
    /// quorum"); nil: a responsive process is ready.
    public var readinessGate: ((HostID) -> Bool)?
    /// Called for notable events (event, subject), for the report's timeline.
    public var onEvent: ((String, String) -> Void)?
    /// Phase samples and counts since ``startMeasuring(at:)``.
    public internal(set) var phases = OrchestratorPhases()
    /// Time with exactly k pods Ready, per workload (k = 0…its size).
    public internal(set) var readyPods: [TimeWeightedState] = []
    /// The autoscaler's changes of `replicas` since ``startMeasuring(at:)``.
    public internal(set) var rescales = 0
    /// What the CronJobs did since ``startMeasuring(at:)``.
    public internal(set) var cronCounts = CronJobCounts()
    /// Planned disruptions (drains, rolling updates): from start to completion (nil while running).
    public internal(set) var plannedWindows: [(start: SimTime, end: SimTime?)] = []

    var pods: [PodState] = []
    var nodes: [NodeState] = []
    var podOfHost: [Int32: Int] = [:]
    var streams: [RandomStream] = []
    var controllerPhase = SimDuration.zero
    var reconcileQueued = false
    var bindQueued: [Bool] = []
    var rollouts: [(group: Int, queue: [Int], window: Int)] = []
    var drains: [(node: Int, window: Int)] = []
    var measureFrom = SimTime.zero
    /// Each workload's `replicas` now (a StatefulSet's never changes).
    var desiredReplicas: [Int] = []
    /// Each Deployment's current pod-template revision, and its rolling updates under way.
    var revisions: [Int] = []
    var deploymentRollouts: [(group: Int, window: Int)] = []
    /// The autoscaler and the workload it scales.
    var autoscaler: (state: Autoscaler, group: Int)?
    var cronJobs: [CronJobState] = []
    var jobs: [JobState] = []
    var jobStreams: [RandomStream] = []
    /// The CronJob and slot of each Job pod host.
    var jobSlotOfHost: [Int32: (cronJob: Int, slot: Int)] = [:]
    /// NotReady nodes waiting for their NoExecute taint, in order; the last taint's time and rate.
    var taintQueue: [Int] = []
    var lastTaint: (time: SimTime, rate: Double)?
    var taintQueueScheduled = false
    /// The controller manager is down until then (scripted).
    var controllerDownUntil = SimTime.zero
    var handler: HandlerID!
    unowned(unsafe) var simulator: Simulator!

    /// The orchestrator for these workloads; `attach(to:)` places and starts them. `jobHosts` are
    /// the hosts of each CronJob's Job pods (`CronJobSettings.podSlots` each).
    public init(settings: KubernetesSettings, groups: [PodGroup], jobHosts: [[HostID]] = []) {
        precondition(settings.nodes >= 1, "a cluster needs a node")
        precondition(jobHosts.count == settings.cronJobs.count, "hosts for every CronJob's pods")
        for (c, hosts) in jobHosts.enumerated() {
            precondition(hosts.count == settings.cronJobs[c].podSlots, "a host per Job pod slot")
            cronJobs.append(CronJobState(slots: hosts.map { _ in nil }, hosts: hosts))
            for (slot, host) in hosts.enumerated() { jobSlotOfHost[host.index] = (c, slot) }
        }
        self.settings = settings
        self.groups = groups
        for (g, group) in groups.enumerated() {
            for (ordinal, host) in group.hosts.enumerated() {
                podOfHost[host.index] = pods.count
                pods.append(PodState(
                    group: g, ordinal: ordinal, host: host, name: "\(group.name)-\(ordinal)", backoff: settings.backoff))
            }
        }
        nodes = (0..<settings.nodes).map { NodeState(name: "node-\($0)", images: groups.map { _ in false }) }
        for (n, offset) in settings.nodeClockOffsets.prefix(nodes.count).enumerated() { nodes[n].clockOffset = offset }
        bindQueued = pods.map { _ in false }
        desiredReplicas = groups.map { $0.replicas ?? $0.hosts.count }
        revisions = groups.map { _ in 0 }
        if let hpa = settings.autoscaler {
            guard let g = groups.firstIndex(where: { $0.name == hpa.workload && $0.kind == .deployment }) else {
                preconditionFailure("the autoscaler's workload \(hpa.workload) is not a Deployment")
            }
            precondition(hpa.maxReplicas <= groups[g].hosts.count, "a slot for every replica the autoscaler may ask for")
            autoscaler = (Autoscaler(hpa), g)
        }
        readyPods = groups.map { TimeWeightedState(stateCount: $0.hosts.count + 1, initial: 0, at: .zero) }
    }

    // MARK: Queries

    /// Whether the Service routes to `host` now (its pod was Ready, and the change has propagated).
    public func isEndpoint(_ host: HostID) -> Bool { podOfHost[host.index].map { pods[$0].isEndpoint } ?? false }
    /// Whether the pod on `host` is Ready in the kubelet's view.
    public func isReady(_ host: HostID) -> Bool { podOfHost[host.index].map { pods[$0].isReady } ?? false }
    /// The node a pod is bound to (index), if any.
    public func node(of host: HostID) -> Int? { podOfHost[host.index].flatMap { pods[$0].node } }
    /// A workload's `replicas` now (by name), as the autoscaler set it.
    public func replicas(of workload: String) -> Int? { groups.firstIndex { $0.name == workload }.map { desiredReplicas[$0] } }
    /// Whether a pod exists on `host` (a Deployment's slot may be empty).
    public func hasPod(_ host: HostID) -> Bool { podOfHost[host.index].map { pods[$0].phase != .absent } ?? false }
    /// Restarts of the container on `host` by the kubelet.
    public func restartCount(_ host: HostID) -> Int { podOfHost[host.index].map { pods[$0].restarts } ?? 0 }
    /// Whether node `index` is up, and whether the control plane thinks it Ready.
    public func nodeStatus(_ index: Int) -> (isUp: Bool, isReady: Bool) { (nodes[index].isUp, nodes[index].isReady) }

    /// Sets a node's clock offset: pods started there from now on read it.
    public func setClockOffset(ofNode index: Int, to offset: SimDuration) { nodes[index].clockOffset = offset }

    /// Discards the phase samples and counts gathered so far (after a warm-up).
    public func startMeasuring(at time: SimTime) {
        measureFrom = time
        phases = OrchestratorPhases()
        rescales = 0
        cronCounts = CronJobCounts()
        for g in readyPods.indices { readyPods[g].reset(at: time) }
    }

    /// Whether any planned disruption (a drain, a rolling update) is under way.
    public var isPlannedDisruptionUnderWay: Bool { plannedWindows.contains { $0.end == nil } }

    // MARK: Running

    /// Registers with the kernel, places every pod (the cluster is running at time zero) and starts
    /// the node failure processes and the scripted events.
    public func attach(to simulator: Simulator) {
        self.simulator = simulator
        handler = simulator.register(self)
        simulator.addObserver(self)
        streams = pods.map { simulator.seed.derive("k8s-pod:" + $0.name).stream }
        var setup = simulator.stream("k8s-setup")
        controllerPhase = SimDuration(seconds: setup.nextUnit() * settings.nodeMonitorPeriod.seconds)
        for n in nodes.indices {
            nodes[n].leasePhase = SimDuration(seconds: setup.nextUnit() * settings.nodeLeaseRenewInterval.seconds)
        }
        if let model = settings.nodeFailure {
            let group = ComponentGroup(name: "k8s-node", count: nodes.count, model: model, seed: simulator.seed)
            group.onChange = { [unowned self] node, change in change.isUp ? nodeRepaired(node) : nodeFailed(node, loseVolumes: false) }
            group.attach(to: simulator)
        }
        for (index, event) in settings.events.enumerated() {
            schedule(.scripted, at: max(event.time, simulator.now), Int64(index))
        }
        placeInitially(&setup)
        jobStreams = settings.cronJobs.map { simulator.seed.derive("k8s-cronjob:" + $0.name).stream }
        attachCronJobs()
        if let hpa = settings.autoscaler {
            var stream = simulator.stream("k8s-hpa")
            let phase = SimDuration(seconds: stream.nextUnit() * hpa.syncPeriod.seconds)
            schedule(.autoscalerSync, at: simulator.now + phase, 0)
        }
    }

    public func handle(_ event: Event, in simulator: Simulator) {
        let (index, generation) = (Int(event.payload & 0xFF_FFFF), UInt32(truncatingIfNeeded: event.payload >> 32))
        let probeKind = Int((event.payload >> 24) & 0xFF)
        switch Kind(rawValue: event.kind) {
        case .probe: probeTick(index, kind: probeKind, binding: generation)
        case .probeFailed: if pods[index].generation == generation { record(index, kind: probeKind, success: false) }
        case .containerExited: if pods[index].generation == generation { containerExited(index) }
        case .restart: if pods[index].generation == generation { restartContainer(index) }
        case .processStart: if pods[index].generation == generation { processStart(index) }
        case .containerFailure: if pods[index].generation == generation { containerFails(index) }
        case .killGraceOver: if pods[index].generation == generation { killNow(index) }
        case .nodeNotReady: if nodes[index].generation == generation { nodeNotReady(index) }
        case .evict: if nodes[index].generation == generation { evictPods(of: index) }
        case .forceDelete: if pods[index].generation == generation { podDeleted(index) }
        case .endpoint: applyEndpoint(index, version: generation)
        case .reconcile: reconcile()
        case .bind: bind(index)
        case .scripted: runScripted(settings.events[index])
        case .uncordon: uncordon(index)
        case .drainStep: drainStep(index)
        case .readinessTrigger: if pods[index].generation == generation { probeOnce(index, kind: probeKind) }
        case .autoscalerSync: autoscalerSync()
        case .cronSync: if cronJobs[index].syncVersion == generation { cronSync(index) }
        case .jobPodStart: if jobs[index].generation == generation { jobPodStarted(index) }
        case .jobPodEnded: if jobs[index].generation == generation { jobPodEnded(index) }
        case .jobPodRetry: if jobs[index].generation == generation, cronJobs[jobs[index].cronJob].active.contains(index) { startJobPod(index) }
        case .controllerManagerUp: controllerManagerUp()
        case .taintQueue:
            taintQueueScheduled = false
            processTaintQueue()
        case nil: preconditionFailure("unknown orchestrator event \(event.kind)")
        }
    }

    /// Host events: a crash the orchestrator did not cause is the container's process exiting; a
    /// pause is a hang (for the liveness phase's clock).
    public func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        if jobSlotOfHost[host.index] != nil {
            if let exit = observation as? ContainerExit { jobPodExit(host, succeeded: exit.succeeded) }
            if case .crashed? = observation as? HostEvent { jobPodHostCrashed(host) }
            return
        }
        guard let event = observation as? HostEvent, let p = podOfHost[host.index] else { return }
        switch event {
        case .crashed:
            if pods[p].expectingCrash {
                pods[p].expectingCrash = false
            } else if pods[p].phase == .running {
                schedule(.containerExited, at: time, payload(p, pods[p].generation))
            }
        case .paused: if pods[p].phase == .running { pods[p].hungAt = time }
        case .resumed: pods[p].hungAt = nil
        default: break
        }
    }

    // MARK: Helpers

    func schedule(_ kind: Kind, at time: SimTime, _ payload: Int64) {
        simulator.schedule(at: time, for: handler, kind: kind.rawValue, payload: payload)
    }

    func payload(_ index: Int, _ generation: UInt32, probe: Int = 0) -> Int64 {
        precondition(index < 0xFF_FFFF && probe < 0x100, "index out of range")
        return Int64(generation) << 32 | Int64(probe) << 24 | Int64(index)
    }

    func sample(_ distribution: Distribution, for pod: Int) -> SimDuration {
        distribution.sampleDuration(&streams[pod])
    }

    /// Records a phase sample that began at `start` (dropped if it began in the warm-up).
    func measure(_ phase: OrchestratorPhase, from start: SimTime) {
        guard start >= measureFrom else { return }
        phases[phase].append((simulator.now - start).seconds)
    }

    func note(_ event: String, _ subject: String, host: HostID? = nil) {
        simulator.trace.noteComponent("k8s-" + event, at: simulator.now, host: host, detail: subject)
        onEvent?(event, subject)
    }

    /// Kills a pod's process through the kernel, remembering that the crash is the orchestrator's.
    /// `silently`: the node vanished, so nobody's connections are reset.
    func crashHost(_ p: Int, silently: Bool) {
        guard simulator.status(of: pods[p].host) != .crashed else { return }
        pods[p].expectingCrash = true
        simulator.crash(pods[p].host, mode: silently ? .host : .process)
        precondition(!pods[p].expectingCrash, "the orchestrator observes its own crashes")
    }

    /// Asks for one reconcile pass at the current time (coalesced).
    func requestReconcile() {
        guard !reconcileQueued else { return }
        reconcileQueued = true
        schedule(.reconcile, at: simulator.now, 0)
    }

    func pods(on node: Int) -> [Int] { pods.indices.filter { pods[$0].node == node } }
}
