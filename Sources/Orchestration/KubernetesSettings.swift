import Simulation

/// How the orchestrator behaves: every field defaults to Kubernetes' own default, with its source;
/// the few that Kubernetes leaves to the environment (image pull, container start, endpoint
/// propagation, scheduling latency) are Nines' assumptions and say so.
public struct KubernetesSettings: Sendable, Equatable {
    /// Worker nodes the pods run on.
    public var nodes = 3
    /// How a node fails and is repaired (silently: its pods vanish without closing connections).
    public var nodeFailure: FailureModel?

    /// Probes of every container; nil disables that probe (Kubernetes' default for an unset probe
    /// is "always passing"; the shipped scenarios set liveness and readiness as a Helm chart would).
    public var liveness: ProbeSettings? = ProbeSettings()
    public var readiness: ProbeSettings? = ProbeSettings()
    public var startup: ProbeSettings?

    /// CrashLoopBackOff: pkg/kubelet/kubelet.go `backOffPeriod` (10 s) and `MaxContainerBackOff` (300 s).
    public var restartBackoffInitial: SimDuration = .seconds(10)
    public var restartBackoffMaximum: SimDuration = .seconds(300)
    /// `terminationGracePeriodSeconds` (pod spec default 30, pkg/apis/core/v1/defaults.go): a
    /// container killed while it cannot handle SIGTERM (hung) dies only after this.
    public var terminationGracePeriod: SimDuration = .seconds(30)

    /// kube-controller-manager `--node-monitor-period` (5 s): how often the node lifecycle controller looks.
    public var nodeMonitorPeriod: SimDuration = .seconds(5)
    /// `--node-monitor-grace-period` (40 s up to v1.31; v1.32 raised it to 50 s): a node whose lease
    /// was not renewed for this long is NotReady (pkg/controller/nodelifecycle/node_lifecycle_controller.go).
    public var nodeMonitorGracePeriod: SimDuration = .seconds(40)
    /// How often the kubelet renews its node lease: `nodeLeaseDurationSeconds` 40 × 0.25
    /// (pkg/kubelet/nodelease, `renewIntervalFraction`) = 10 s.
    public var nodeLeaseRenewInterval: SimDuration = .seconds(10)
    /// The `tolerationSeconds` of the not-ready/unreachable NoExecute tolerations every pod gets
    /// (plugin/pkg/admission/defaulttolerationseconds, `--default-unreachable-toleration-seconds` 300).
    public var tolerationSeconds: SimDuration = .seconds(300)
    /// The node lifecycle controller's rate limits on tainting NotReady nodes NoExecute (which starts
    /// their pods' toleration clocks), per zone; Nines has one zone. kube-controller-manager flags
    /// `--node-eviction-rate` 0.1 nodes/s, `--secondary-node-eviction-rate` 0.01 (used while the
    /// zone is partially disrupted in a cluster larger than `--large-cluster-size-threshold` 50;
    /// smaller clusters stop evicting then), `--unhealthy-zone-threshold` 0.55 (partial disruption:
    /// more than 2 nodes and at least this share NotReady). pkg/controller/nodelifecycle
    /// node_lifecycle_controller.go `ComputeZoneState`, `handleDisruption`, `ReducedQPSFunc`.
    public var nodeEvictionRate = 0.1
    public var secondaryNodeEvictionRate = 0.01
    public var unhealthyZoneThreshold = 0.55
    public var largeClusterSizeThreshold = 50
    /// A StatefulSet pod on a lost node stays Terminating until the node returns (its name is not
    /// free; Kubernetes docs "Force Delete StatefulSet Pods"). Set this to model an operator or an
    /// automation that force-deletes it after a while; nil (the default) waits for the node.
    public var statefulSetForceDeleteAfter: SimDuration?

    /// Nines' assumptions, not Kubernetes defaults: kube-scheduler's binding latency, an image pull
    /// on a node that has not pulled the image yet (`imagePullPolicy: IfNotPresent`), the runtime's
    /// container start, and the time an endpoint change takes to reach the Service's proxies.
    public var schedulingLatency: Distribution = .deterministic(0.1)
    public var imagePull: Distribution = .lognormal(mean: 8, cv: 0.5)
    public var containerStart: Distribution = .uniform(min: 1, max: 3)
    public var endpointPropagation: Distribution = .uniform(min: 0.5, max: 2)

    /// A Deployment's `strategy.rollingUpdate` (pkg/apis/apps/v1/defaults.go: 25 % each).
    public var deploymentMaxSurge = RollingUpdateValue.percent(25)
    public var deploymentMaxUnavailable = RollingUpdateValue.percent(25)
    /// The PodDisruptionBudget of the ensemble's StatefulSet: evictions may leave at most this many
    /// of its pods unavailable (the usual ZooKeeper chart sets maxUnavailable 1).
    public var ensembleMaxUnavailable = 1
    /// Share of container failures that hang the process (liveness must kill it) instead of crashing it.
    public var hangShare = 0.0
    /// Each node's clock offset from true time (missing nodes: none); pods started there read it.
    public var nodeClockOffsets: [SimDuration] = []
    /// The HorizontalPodAutoscaler on a Deployment, if any.
    public var autoscaler: AutoscalerSettings?
    /// CronJobs, each with its own Job pods.
    public var cronJobs: [CronJobSettings] = []
    /// Scripted node failures, repairs, drains and rolling updates.
    public var events: [KubernetesEvent] = []

    public init() {}

    /// maxSurge and maxUnavailable as pod counts for `replicas` (pkg/controller/deployment/util
    /// `ResolveFenceposts`): surge rounds up, unavailable rounds down, and if both are 0 one pod may
    /// be unavailable.
    public func rollingUpdateBounds(replicas: Int) -> (surge: Int, unavailable: Int) {
        let surge = deploymentMaxSurge.pods(of: replicas, roundUp: true)
        let unavailable = deploymentMaxUnavailable.pods(of: replicas, roundUp: false)
        return (surge, surge == 0 && unavailable == 0 ? 1 : unavailable)
    }

    /// A back-off with these settings.
    public var backoff: ContainerBackoff { ContainerBackoff(initial: restartBackoffInitial, maximum: restartBackoffMaximum) }
}

/// A scripted orchestrator event.
public struct KubernetesEvent: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// The node dies silently; with `loseVolumes`, the volumes on its disk are gone too.
        case nodeFailure(loseVolumes: Bool)
        case nodeRepair
        /// `kubectl drain`: cordon, then evict each pod through the eviction API (PDBs respected);
        /// uncordon after `for` if given. Planned.
        case drain(for: SimDuration?)
        /// A rolling update of a workload (by group name): StatefulSet pods from the highest ordinal
        /// down, each after the previous one is Running and Ready; a Deployment's within maxSurge
        /// and maxUnavailable. Planned.
        case rollout(group: String)
        /// kube-controller-manager is down for this long; only its CronJob controller's outage is
        /// modelled (it catches up on missed schedules when it is back).
        case controllerManagerDown(for: SimDuration)
    }

    public var time: SimTime
    public var action: Action
    /// The node (index) the action acts on; unused by a rollout.
    public var node: Int

    public init(at time: SimTime, _ action: Action, node: Int = 0) {
        self.time = time
        self.action = action
        self.node = node
    }
}

/// An `IntOrString` of a rolling update: a pod count or a percentage of the replicas.
public enum RollingUpdateValue: Sendable, Equatable {
    case pods(Int)
    case percent(Int)

    /// k8s.io/apimachinery intstr `GetScaledValueFromIntOrPercent`.
    public func pods(of replicas: Int, roundUp: Bool) -> Int {
        switch self {
        case .pods(let n): return n
        case .percent(let p): return roundUp ? (p * replicas + 99) / 100 : p * replicas / 100
        }
    }
}
