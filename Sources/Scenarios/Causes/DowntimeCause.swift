import Reliability

/// One row of a downtime-by-cause table: a cause's contribution to the unavailability U with its
/// interval, and its share of the down time. The replications' table (one row per
/// ``OutageCause``) and the rare-event estimator's (one per failure pattern) are both lists of it.
public struct DowntimeCause: Sendable, Equatable {
    public var label: CauseLabel
    /// The contribution to U (the fraction of time down for this cause), with its interval.
    public var unavailability: ConfidenceInterval
    /// The share of the down time (0 when there was none).
    public var share: Double

    /// The contribution in minutes of downtime per year (365.25 days), with its interval (the
    /// lower end clipped at 0).
    public var minutesPerYear: (estimate: Double, lower: Double, upper: Double) {
        let u = unavailability
        return (u.estimate * Headline.minutesPerYear, max(0, u.lower) * Headline.minutesPerYear, u.upper * Headline.minutesPerYear)
    }
}
