import Simulation

/// One service outage of a replication: from the instant the service was lost to the instant it
/// returned, in the replication's simulated time, clipped to the measured window (an outage under
/// way at the end of the warm-up starts at the window's start).
///
/// This is the one list every kind fills from its exact service signal (components: fewer than k
/// up; ensemble: no established leader serving; cluster: ``ServiceSignal``), so what is attributed
/// to an outage (its cause, its phases) can be keyed on these boundaries. The lengths of a
/// replication's outages add up exactly to its measured down time.
public struct Outage: Sendable, Equatable {
    /// When the service was lost (or the measured window's start).
    public var start: SimTime
    /// When the service returned (or the measured window's end, for a censored outage).
    public var end: SimTime
    /// The outage was still under way when the measured window closed: `end` is the window's end,
    /// not a return of service, so its length is a lower bound.
    public var isCensored: Bool

    public init(start: SimTime, end: SimTime, isCensored: Bool = false) {
        precondition(end >= start, "an outage ends after it starts: \(start) … \(end)")
        self.start = start
        self.end = end
        self.isCensored = isCensored
    }

    /// The length.
    public var duration: SimDuration { end - start }
    /// The length in seconds.
    public var seconds: Double { duration.seconds }
}

extension ReplicationOutcome {
    /// The lengths of the outages that ended in the measured window, in seconds (the outage
    /// histogram and counts; a censored outage's length is only a lower bound).
    public var outageSeconds: [Double] { outages.filter { !$0.isCensored }.map(\.seconds) }
}
