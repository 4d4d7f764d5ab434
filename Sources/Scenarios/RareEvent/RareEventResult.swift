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
    /// The strata by the first failure's group, with the cycles each got (empty: not stratified).
    public var strata: [RareEventStratumCount] = []
}

/// A stratum of a stratified run: the failure group of the first failure, its probability
/// λ_g/Λ and how many cycles Neyman allocation gave it.
public struct RareEventStratumCount: Sendable, Equatable {
    public var name: String
    public var probability: Double
    public var cycles: Int
}
