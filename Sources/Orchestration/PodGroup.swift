import Simulation

/// A workload: the pods of one Deployment or StatefulSet, each pod a kernel host whose process is
/// the container. The orchestrator knows nothing of what the process is.
public struct PodGroup: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Pods are interchangeable; a lost one is replaced at once, on a fresh disk.
        case deployment
        /// Stable identities name-0…name-(n−1); each keeps its persistent volume; pods start in
        /// ordinal order (OrderedReady) and a lost one is recreated only once its old pod is gone.
        case statefulSet
    }

    /// The workload's name; pods are named name-0, name-1, … .
    public var name: String
    public var kind: Kind
    /// The hosts, one per pod, in ordinal order.
    public var hosts: [HostID]
    /// Time to failure of a running container (its ttr is the kubelet's restart, not a model's).
    public var containerFailure: Distribution?
    /// `requiredDuringScheduling` pod anti-affinity on the hostname: at most one pod per node.
    public var antiAffinity: Bool
    /// The PodDisruptionBudget's maxUnavailable; nil: no budget.
    public var maxUnavailable: Int?
    /// Whether the pods are the Service's endpoints.
    public var inService: Bool
    /// A Deployment's `replicas` at the start; the hosts beyond are slots for pods the autoscaler
    /// or a rolling update's surge adds. nil: one pod per host.
    public var replicas: Int?

    public init(
        name: String, kind: Kind, hosts: [HostID], containerFailure: Distribution? = nil, antiAffinity: Bool = true,
        maxUnavailable: Int? = nil, inService: Bool = false, replicas: Int? = nil
    ) {
        precondition(replicas.map { $0 >= 0 && $0 <= hosts.count && kind == .deployment } ?? true, "replicas fit the slots")
        self.name = name
        self.kind = kind
        self.hosts = hosts
        self.containerFailure = containerFailure
        self.antiAffinity = antiAffinity
        self.maxUnavailable = maxUnavailable
        self.inService = inService
        self.replicas = replicas
    }
}

/// Where a pod is in its life, as the orchestrator sees it.
enum PodPhase: Equatable {
    /// Not bound to a node (waiting for the scheduler or, for a StatefulSet, for its turn).
    case pending
    /// Bound; the image is pulling or the container starting.
    case creating
    /// The container runs (its process may be hung).
    case running
    /// The container exited; the kubelet waits out the back-off.
    case backoff
    /// The node died; nobody knows yet, or the pod waits for eviction.
    case lost
    /// Evicted from a lost node; a StatefulSet pod waits for the deletion to complete.
    case terminating
    /// No pod: a Deployment's slot beyond its replicas (scaled down, or not yet surged into).
    case absent
}

/// One pod's state.
struct PodState {
    let group: Int
    let ordinal: Int
    let host: HostID
    let name: String
    var phase = PodPhase.pending
    var node: Int?
    /// Bumped whenever the container starts or stops; events of an older container are stale.
    var generation: UInt32 = 0
    /// Bumped whenever the pod's probe workers (re)start: on binding, and when its node returns.
    var binding: UInt32 = 0
    var startedAt = SimTime.zero
    /// The kubelet's probe workers tick from here, every period (anchored at the pod's binding).
    var probeAnchor = SimTime.zero
    var started = false
    var liveness = ProbeCounter(passing: true)
    var readiness = ProbeCounter(passing: false)
    var startup = ProbeCounter(passing: false)
    var backoff: ContainerBackoff
    var exitedAt = SimTime.zero
    var restarts = 0
    /// The next crash of the host is the orchestrator's own doing (a kill, a node loss).
    var expectingCrash = false
    /// The Service's view, and the version of the last change sent towards it.
    var isEndpoint = false
    var endpointVersion: UInt32 = 0
    /// The next start uses an empty disk (Deployment pod moved, or its volume was lost).
    var wipeOnStart = false
    /// Phase clocks: when the process hung, when its node died, when it was evicted, when it was
    /// last (re)started by the kubelet.
    var hungAt: SimTime?
    var lostAt: SimTime?
    var evictedAt: SimTime?
    var restartBeganAt: SimTime?
    var runningSince: SimTime?
    /// Set while a rolling update waits for this pod to come back Ready.
    var updating = false
    /// The Deployment's pod-template revision the pod was created from.
    var revision = 0

    var isReady: Bool { phase == .running && started && readiness.passing }
}

/// One worker node.
struct NodeState {
    let name: String
    var isUp = true
    /// Ready in the control plane's view (NotReady once its lease is stale).
    var isReady = true
    var cordoned = false
    /// Bumped at every failure and repair; events of an older incarnation are stale.
    var generation: UInt32 = 0
    /// Bumped whenever the pod's probe workers (re)start: on binding, and when its node returns.
    var binding: UInt32 = 0
    /// Groups whose image this node has pulled.
    var images: [Bool]
    /// The node's clock offset from true time (pods started here read it).
    var clockOffset = SimDuration.zero
    /// The phase of its lease renewals.
    var leasePhase = SimDuration.zero
    var failedAt = SimTime.zero
    var notReadyAt = SimTime.zero
}
