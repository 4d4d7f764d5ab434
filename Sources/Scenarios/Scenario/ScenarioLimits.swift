import Simulation

/// Bounds on what a scenario may ask for, so that whatever validates also runs.
public enum ScenarioLimits {
    /// The longest duration a scenario may name: 36,500 days (100 years). The clock counts
    /// nanoseconds in an Int64 (about 106,751 days), and sums of a time and a delay must fit.
    public static let longestDuration = SimDuration.days(36_500)
    /// The shortest period of anything that repeats (a tick, a probe, a health check) and the
    /// shortest mean time to failure: shorter ones would make a run of any length take forever.
    public static let shortestInterval = SimDuration.milliseconds(1)
    /// Errors of one file listed by validation; further ones are only counted, so a file of a
    /// million mistakes gives a readable message.
    public static let maximumErrorsListed = 50
}
