import Simulation

/// The scenario's `"rare_event"` key: estimate the unavailability by regenerative importance
/// sampling instead of replications (MODELS.md's last section is in docs/rare-events.md).
public struct RareEventSpec: Sendable, Equatable {
    /// Stop once the interval's half-width is at most this fraction of the estimate.
    public var relativePrecision = 0.1
    /// Stop after the first batch that ends past this much wall-clock time. The budget decides
    /// only how many whole batches run; the summary says which rule stopped the run.
    public var timeBudget: SimDuration = .seconds(60)
    /// q, the probability that the next event is a failure while something is down.
    public var bias = 0.5
    /// Cycles per batch; the stopping rules are checked only between batches, so for a given
    /// number of batches the output is the same for any `--jobs`. Nil: the kind's default.
    public var cyclesPerBatch: Int?
    /// No more cycles than this (a deterministic cap).
    public var maxCycles = 10_000_000

    public init() {}
}
