import Reliability

/// What one rare-event cycle produced. Plain values, so cycles can run on any thread and be
/// merged in index order.
struct RareEventCycle: Sendable, Equatable {
    /// Down time of one cause (the failure pattern that produced it).
    struct Cause: Sendable, Equatable {
        var label: CauseLabel
        /// Seconds.
        var seconds: Double
        /// The same seconds weighted by the likelihood ratio as the cycle's down time is
        /// (``WeightedCycle/weightedDowntime``): the cause's part of it.
        var weightedSeconds: Double
    }

    var weighted: WeightedCycle
    /// Down time by cause, in a fixed order.
    var causes: [Cause]
    /// Kernel events processed (0 for the components kind, which has no event queue).
    var events = 0
    /// The failovers (elections) the cycle's first failure caused, ended before the fault process
    /// changed again, so drawn from the true law (calibrate the analytic models; the later ones
    /// follow biased failures, whose mix of causes is not the true one).
    var failoverSeconds: [Double] = []
    var phases = FailoverPhases()
    /// Safety invariants broken, as "[name] time host: message".
    var violations: [String] = []
}
