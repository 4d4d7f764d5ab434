import Simulation

/// The two HA designs.
public enum HAMode: String, Equatable, Sendable {
    /// Only the leader of the leader latch schedules; its writes carry the latch's fencing token.
    case activeStandby = "active-standby"
    /// Every server is active behind the balancer, taking a per-job lock before mutating a job (Oozie).
    case loadBalanced = "load-balanced"
}

/// A scheduler server's settings; the defaults are Oozie's (`oozie-default.xml`).
public struct SchedulerServerConfig: Sendable {
    public var serverId: String
    public var mode: HAMode
    public var store: HostID
    public var compute: HostID
    /// The workflow apps the server can run, by name.
    public var apps: [String: ValidatedWorkflow]
    /// The coordinator apps the server can run, by name.
    public var coordinatorApps: [String: CoordinatorSpec] = [:]
    /// The bundle apps: each names its coordinator apps, in order.
    public var bundleApps: [String: [String]] = [:]
    /// Wait for a job lock before requeueing (oozie.command.default.lock.timeout).
    public var lockTimeout: SimDuration = .seconds(5)
    /// Delay of a requeued command (oozie.command.default.requeue.delay).
    public var requeueDelay: SimDuration = .seconds(10)
    /// Period of the recovery service (oozie.service.RecoveryService.interval).
    public var recoveryInterval: SimDuration = .seconds(60)
    /// Actions pending longer than this are re-driven (oozie.service.RecoveryService.wf.actions.older.than).
    public var actionsOlderThan: SimDuration = .seconds(120)
    /// Coordinators unchanged for longer than this are re-driven (oozie.service.RecoveryService.coord.older.than).
    public var coordinatorsOlderThan: SimDuration = .seconds(600)
    /// Whether updates check the row version they read (optimistic concurrency). Oozie's JPA updates
    /// are blind and rely on the ZooKeeper lock alone; set `false` to model exactly that, and see a
    /// server whose lock expired mid-command overwrite its successor's work unless fencing stops it.
    public var versionChecks = true
    /// Whether the server exits when its ZooKeeper session is lost, for its host's supervisor to
    /// start it again (`oozie.zookeeper.server.shutdown.ontimeout`, default true: Oozie's
    /// `ZKConnectionListener` calls `System.exit(1)` on Curator's LOST, OOZIE-1847). `false` keeps
    /// it running: it opens a new session and rejoins.
    public var exitOnSessionLoss = true
    /// A store or compute request unanswered after this has failed.
    public var requestTimeout: SimDuration = .seconds(5)
    /// Seed of the jobs' decision draws.
    public var seed: UInt64 = 0
    public var engine = WorkflowEngineSettings()
    /// The purge of finished jobs (Oozie's PurgeService).
    public var purge = PurgeSettings()

    public init(
        serverId: String, mode: HAMode, store: HostID, compute: HostID, apps: [String: ValidatedWorkflow]
    ) {
        self.serverId = serverId
        self.mode = mode
        self.store = store
        self.compute = compute
        self.apps = apps
    }
}
