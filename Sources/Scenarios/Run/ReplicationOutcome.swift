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
    /// Faults, failures, repairs and outages (kept for the first replication only).
    public var timeline: [TimelineEntry]
    /// Service outage durations in seconds.
    public var outageSeconds: [Double]
    /// Leader elections (ensemble: the time a quorum was up but no leader served) or scheduler
    /// failovers (cluster: from the latch holder's death to the next holder), in seconds.
    public var electionSeconds: [Double] = []
    /// Safety invariants broken during the run, as "[name] time host: message".
    public var violations: [String] = []
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
}
