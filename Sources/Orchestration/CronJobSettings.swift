import Simulation

/// A CronJob whose Jobs run one pod each, with Kubernetes' defaults (API reference `CronJobSpec`,
/// `JobSpec`): concurrencyPolicy Allow, no startingDeadlineSeconds, backoffLimit 6.
public struct CronJobSettings: Sendable, Equatable {
    public enum ConcurrencyPolicy: String, Sendable, Equatable {
        /// Jobs may overlap.
        case allow = "Allow"
        /// A run is skipped while the previous Job is active.
        case forbid = "Forbid"
        /// The active Job is deleted and the new one takes its place.
        case replace = "Replace"
    }

    public var name: String
    public var schedule: CronSchedule
    public var concurrencyPolicy = ConcurrencyPolicy.allow
    /// `startingDeadlineSeconds`: a run more than this late is missed; nil (the default): never too late.
    public var startingDeadline: SimDuration?
    /// `backoffLimit`: failed pods before the Job fails (default 6).
    public var backoffLimit = 6

    /// What the Job's container does is the business of the layer that gives its hosts a process.
    public init(name: String, schedule: CronSchedule) {
        self.name = name
        self.schedule = schedule
    }

    /// How many Job pods may run at once, each on a host of its own: one under Forbid and Replace;
    /// Allow is bounded here (a simplification: Kubernetes sets no bound), and a Job beyond waits.
    public var podSlots: Int { concurrencyPolicy == .allow ? 3 : 1 }
}

/// A Job's container ended with this exit status; the process running in a Job pod emits it just
/// before it exits (the container runtime's exit code).
public struct ContainerExit: Observation, Sendable, Equatable {
    public var succeeded: Bool
    public init(succeeded: Bool) { self.succeeded = succeeded }
}

/// What the CronJobs did since measuring began.
public struct CronJobCounts: Sendable, Equatable {
    /// Jobs created; Jobs that completed; Jobs that failed (more than backoffLimit failed pods).
    public var started = 0, succeeded = 0, failed = 0
    /// Scheduled times never run (the controller runs only the most recent due time, and none older
    /// than startingDeadlineSeconds), and scheduled times found blocked by Forbid while a Job was
    /// active (`JobAlreadyActive`; such a time may still run late once the Job ends, as the controller does).
    public var missed = 0, skipped = 0
    /// Jobs deleted by Replace.
    public var replaced = 0
    /// Syncs that found more than 100 missed schedules (the `TooManyMissedTimes` warning).
    public var tooManyMissed = 0
    public init() {}
}
