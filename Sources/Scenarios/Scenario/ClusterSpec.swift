import Coordination
import Orchestration
import Scheduler
import Simulation

/// An Oozie-like scheduler made highly available: what runs, in which HA mode, and how each
/// kind of component fails.
public struct ClusterSpec: Sendable, Equatable {
    /// The coordination ensemble (its `probe` is unused: the cluster's probe talks to the schedulers).
    public var ensemble: EnsembleSpec
    public var schedulers: Int
    public var mode: HAMode
    /// Whether the job store rejects writes with a stale fencing token.
    public var fencing: Bool
    /// Whether updates check row versions (Oozie's are blind: false).
    public var versionChecks: Bool
    /// Whether the compute service recognises a relaunch by its id (false: unsafe on purpose).
    public var idempotentLaunches = true
    public var balancerPolicy: BalancerPolicy
    /// Run time of a workflow action, in seconds.
    public var actionDuration: Distribution
    /// Probability that an action's run ends in error, and the share of errors that are transient.
    public var actionFailureProbability = 0.0
    public var actionTransientShare = 1.0
    /// Time the job database takes to serve one request.
    public var databaseServiceTime: SimDuration = .milliseconds(2)
    /// The balancer's health checks (HAProxy's inter, timeout check, fall, rise).
    public var healthCheck = HealthCheckSettings()
    /// The ZooKeeper session timeout the scheduler servers ask for (Oozie's
    /// `oozie.zookeeper.session.timeout`, 300 s); the ensemble clamps it to [2, 20] × tickTime.
    public var sessionTimeout = ZooKeeperCoordination.oozieSessionTimeout
    /// The Curator version of the leader latch (active-standby) and of the route from a lasting
    /// disconnection to LOST (both modes; ``CuratorConnectionLoss``): Oozie ships 2.5.0.
    public var latch = LatchReconnectPolicy.reset
    /// Whether a server exits when its session is lost (`oozie.zookeeper.server.shutdown.ontimeout`, true).
    public var exitOnSessionLoss = true
    /// How long the host's supervisor waits before it starts a server that exited; nil: none does.
    /// An assumption, not Oozie's: Oozie ships no supervisor (docs/faithfulness.md).
    public var supervisorRestartDelay: SimDuration? = ClusterSpec.defaultSupervisorRestartDelay
    /// systemd's `RestartSec` (100 ms) plus the time an Oozie server takes to start its services,
    /// which we have not measured: 30 s is an order of magnitude, stated as such.
    public static let defaultSupervisorRestartDelay = SimDuration.seconds(30)
    /// The workflow the probe submits, and its name.
    public var workflow: ValidatedWorkflow
    public var probeInterval: SimDuration
    public var probeTimeout: SimDuration
    /// Failure models per component kind; nil where that kind does not fail by itself.
    public var schedulerFailure: FailureModel?
    public var databaseFailure: FailureModel?
    public var balancerFailure: FailureModel?
    /// The platform: nil runs on VMs (hosts repaired by their failure models); otherwise the
    /// ensemble, the schedulers and the database are pods on a Kubernetes-like orchestrator.
    public var kubernetes: KubernetesSettings?
    /// What each of the platform's CronJobs (`kubernetes.cronJobs`, same order) submits.
    public var cronJobTasks: [CronJobTask] = []
    /// Coordinators and bundles a client submits; empty by default (then there is no client host).
    public var workload = ClusterWorkload()
    /// The schedulers' purge: Oozie's defaults. Not read from scenario files (tests shorten it to
    /// see a long run's bounds in a short one).
    public var purge = PurgeSettings()

    /// The hosts' ids, in the order of ``hostNames``.
    public var zookeeperIDs: [HostID] { (0..<ensemble.servers).map(HostID.init) }
    public var schedulerIDs: [HostID] { (0..<schedulerSlots).map { HostID(ensemble.servers + $0) } }
    public var databaseID: HostID { HostID(ensemble.servers + schedulerSlots) }
    /// The hosts of each CronJob's Job pods, after every other host.
    public var cronJobHostIDs: [[HostID]] {
        var next = Int(balancerID.index) + 2 + (workload.isEmpty ? 0 : 1)
        return (kubernetes?.cronJobs ?? []).map { job in
            defer { next += job.podSlots }
            return (next..<(next + job.podSlots)).map(HostID.init)
        }
    }
    /// Hosts for scheduler servers: `schedulers`, or on Kubernetes as many as the Deployment may
    /// have pods (the autoscaler's maximum, plus the surge of a rolling update); the slots beyond
    /// its replicas start empty.
    public var schedulerSlots: Int {
        guard let k8s = kubernetes else { return schedulers }
        let replicas = max(schedulers, k8s.autoscaler?.maxReplicas ?? 0)
        let rolls = k8s.events.contains { $0.action == .rollout(group: "oozie") }
        return replicas + (rolls ? k8s.rollingUpdateBounds(replicas: replicas).surge : 0)
    }
    public var computeID: HostID { HostID(databaseID.index + 1) }
    public var balancerID: HostID { HostID(databaseID.index + 2) }

    /// zk1…zkN, oozie1…oozieM, db, compute, lb, probe, and client when there is a workload (last,
    /// so the other hosts keep their ids and a scenario without a workload runs exactly as before).
    public var hostNames: [String] {
        (1...ensemble.servers).map { "zk\($0)" } + (1...schedulerSlots).map { "oozie\($0)" } + ["db", "compute", "lb", "probe"]
            + (workload.isEmpty ? [] : ["client"])
            + (kubernetes?.cronJobs ?? []).flatMap { job in (0..<job.podSlots).map { "cron-\(job.name)-\($0)" } }
    }
}
