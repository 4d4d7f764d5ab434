import Simulation

/// How long an action's work takes and how it fails, for one action type or all.
public struct ComputeProfile: Equatable, Sendable {
    /// Run time in seconds.
    public var duration: Distribution
    /// Probability that a run ends in error.
    public var failureProbability: Double
    /// Share of errors that are transient (retried by user retries); the rest are permanent.
    public var transientShare: Double

    public init(duration: Distribution, failureProbability: Double = 0, transientShare: Double = 1) {
        self.duration = duration
        self.failureProbability = failureProbability
        self.transientShare = transientShare
    }
}

/// The compute service's profiles: a default and overrides by action type.
public struct ComputeSettings: Equatable, Sendable {
    public var defaultProfile: ComputeProfile
    public var profiles: [String: ComputeProfile]
    /// Whether a launch id that already ran re-attaches to its run. `false` models launches
    /// without idempotency ids (unsafe on purpose): a relaunch after a failover runs the work again.
    public var idempotentLaunches = true
    /// How many finished runs the service remembers, oldest forgotten first: YARN's
    /// `yarn.resourcemanager.state-store.max-completed-applications` (defaults to
    /// `yarn.resourcemanager.max-completed-applications`, 10 000 in `yarn-default.xml`). A relaunch
    /// of a forgotten id runs the work again, as a relaunch into YARN would.
    public var maxFinishedRuns = 10_000

    public init(defaultProfile: ComputeProfile, profiles: [String: ComputeProfile] = [:]) {
        self.defaultProfile = defaultProfile
        self.profiles = profiles
    }

    public func profile(for type: String) -> ComputeProfile { profiles[type] ?? defaultProfile }
}
