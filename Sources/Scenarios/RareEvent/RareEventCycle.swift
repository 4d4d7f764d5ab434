import Reliability

/// What one rare-event cycle produced. Plain values, so cycles can run on any thread and be
/// merged in index order.
struct RareEventCycle: Sendable, Equatable {
    var weighted: WeightedCycle
    /// Down time by cause (the failure pattern that produced it), in seconds, in a fixed order.
    var causes: [(label: CauseLabel, seconds: Double)]
    /// Kernel events processed (0 for the components kind, which has no event queue).
    var events = 0
    /// Failovers measured in the cycle (calibrate the analytic chains).
    var failoverSeconds: [Double] = []
    var phases = FailoverPhases()
    /// Safety invariants broken, as "[name] time host: message".
    var violations: [String] = []

    static func == (a: Self, b: Self) -> Bool {
        a.weighted == b.weighted && a.causes.map(\.label) == b.causes.map(\.label)
            && a.causes.map(\.seconds) == b.causes.map(\.seconds) && a.events == b.events
            && a.failoverSeconds == b.failoverSeconds && a.phases == b.phases && a.violations == b.violations
    }
}
