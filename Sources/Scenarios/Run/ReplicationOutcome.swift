import Orchestration
import Simulation

/// What one replication measured. Plain values, so replications can run on any thread and be
/// merged in index order.
public struct ReplicationOutcome: Sendable, Equatable {
    public var index: Int
    public var seed: UInt64
    public var digest: UInt64
    public var events: Int
    /// One value per ``MetricID`` the system kind measures, in the kind's order.
    public var metrics: [Double]
    /// Fraction of the measured time with exactly k components down, k = 0…n.
    public var occupancy: [Double]
    /// The number of components down at instants spaced far apart (for the chi-square test).
    public var downSamples: [Int]
    /// Faults, failures, repairs and outages, in time order (`timeline.csv`).
    public var timeline: [TimelineEntry]
    /// Service outage durations in seconds, clipped to the measured window (after the warm-up).
    public var outageSeconds: [Double]
    /// The downtime per failover that the calibrated models use, in seconds. Ensemble: the time a
    /// quorum was up but no leader served; cluster: from the latch holder's death or freeze to the
    /// next holder serving (detection + election + switchover of a covered failover).
    public var failoverSeconds: [Double] = []
    /// The failovers decomposed into phases, and their coverage.
    public var phases = FailoverPhases()
    /// The orchestrator's phases and counts (empty off Kubernetes).
    public var orchestration = OrchestratorPhases()
    /// Safety invariants broken during the run, as "[name] time host: message".
    public var violations: [String] = []
    /// Per metric, in ``MetricID`` order: the cycles of the set of states whose time fraction the
    /// metric measures (or, for a ``MetricID/measuresComplement`` metric, whose complement it
    /// measures); nil where the kind does not track them. Empty when no metric has cycles.
    public var metricCycles: [CycleStatistics?] = []
    /// Per k = 0…n, the cycles of "exactly k components down" (components kind).
    public var occupancyCycles: [CycleStatistics] = []
}

/// Leader failovers split into phases, each sample in seconds, in the order they ended.
public struct FailoverPhases: Sendable, Equatable {
    /// Leader lost (crashed or paused) → the ensemble notices: cluster, the holder's session
    /// expires and its latch node goes; ensemble, the first follower goes LOOKING.
    public var detectionSeconds: [Double] = []
    /// Detected → a new leader: cluster, the next holder acquires the latch; ensemble, a new
    /// leader establishes its epoch.
    public var electionSeconds: [Double] = []
    /// Cluster only: the latch acquired → the balancer routes to the new holder (it serves).
    public var switchoverSeconds: [Double] = []
    /// Ensemble only: the server that wins the election, from its LOOKING to its LEADING (what
    /// ZooKeeper logs as "LEADER ELECTION TOOK").
    public var leaderElectionSeconds: [Double] = []
    /// Ensemble only: the probe's longest wait between two successful writes (client-visible
    /// write unavailability), one sample per replication that wrote before and after it.
    public var writeGapSeconds: [Double] = []
    /// Ensemble with a lock holder only: the holder crashed or paused → its lock node is deleted
    /// (its session expired).
    public var sessionExpirySeconds: [Double] = []
    /// Cluster only: leader losses after which another server took over before the failed one
    /// came back (with another server up to take over when it failed).
    public var covered = 0
    /// Cluster only: leader losses after which the failed server came back before anyone took over.
    public var uncovered = 0

    public init() {}
}

/// One line of a replication's timeline.
public struct TimelineEntry: Sendable, Equatable {
    public var time: SimTime
    public var event: String
    public var subject: String
}

/// A measured quantity, with how the report names and explains it.
public struct MetricID: Sendable, Equatable {
    public var key: String
    public var title: String
    /// Whether the metric is a fraction in [0, 1] (otherwise a count, rate or time, ≥ 0); reported
    /// intervals are clipped to the metric's range. Fractions say so: a wrong default would clip
    /// a count at 1, while a fraction left unmarked only shows an upper bound above 1.
    public var isFraction = false
    /// The metric is 1 − the fraction of time in the set its cycles track (availability against
    /// the down states): its interval is the mirror of the set's.
    public var measuresComplement = false
}
