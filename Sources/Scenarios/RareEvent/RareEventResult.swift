import Reliability

/// Why a rare-event run stopped.
public enum RareEventStop: String, Sendable, Equatable {
    /// The relative half-width reached `relative_precision`.
    case precision = "relative_precision"
    /// The wall-clock budget ran out (checked between batches).
    case timeBudget = "time_budget"
    /// `max_cycles` cycles ran.
    case maxCycles = "max_cycles"
}

/// The outcome of a rare-event run.
public struct RareEventResult: Sendable, Equatable {
    public var estimate: RareEventEstimate
    /// Causes by decreasing contribution (ties by label).
    public var causes: [DowntimeCause]
    public var stop: RareEventStop
    public var batches: Int
    /// Λ, per second.
    public var allUpRate: Double
    public var bias: Double
    /// A digest over every cycle's weight and times, in index order.
    public var digest: UInt64
    public var events: Int
    /// Cycles that saw any down time.
    public var cyclesWithDowntime: Int
    /// Failovers measured in the cycles, pooled (calibration of the analytic chains).
    public var failoverSeconds: [Double]
    public var phases: FailoverPhases
    public var violations: [String]
}
