import Reliability
import Simulation

/// The cycles of a set of states (the service down, exactly k components down, a component down)
/// for the ratio estimator of the fraction of time spent in it: a cycle runs from one entry into
/// the set to the next, its reward is the time spent in the set, its length the time between the
/// entries. The measured window's part before the first entry and after the last one count as
/// cycles too, so the totals are exactly the measured time in the set and the measured time.
///
/// Entries are regeneration points only approximately (exactly for exponential clocks and a set
/// entered from one state), which is the assumption the interval rests on; the coverage tests
/// check it.
struct VisitCycles {
    private(set) var statistics = CycleStatistics()
    private var cycleStart: SimTime
    private var inSet: Bool
    private var enteredAt: SimTime
    private var rewardNanoseconds: Int64 = 0

    /// Starts measuring at `time` (the end of the warm-up), inside or outside the set.
    init(inSet: Bool, at time: SimTime) {
        self.inSet = inSet
        cycleStart = time
        enteredAt = time
    }

    /// The signal at `time`; no change is ignored.
    mutating func set(_ now: Bool, at time: SimTime) {
        guard now != inSet else { return }
        if now {
            close(at: time)
            statistics.visits += 1
            enteredAt = time
        } else {
            rewardNanoseconds += (time - enteredAt).nanoseconds
        }
        inSet = now
    }

    /// Closes the last cycle at the end of the measured window and returns the statistics.
    mutating func finish(at end: SimTime) -> CycleStatistics {
        if inSet { rewardNanoseconds += (end - enteredAt).nanoseconds; enteredAt = end }
        close(at: end)
        return statistics
    }

    private mutating func close(at time: SimTime) {
        let length = (time - cycleStart).nanoseconds
        if length > 0 {
            statistics.sums.add(reward: Double(rewardNanoseconds) / 1e9, length: Double(length) / 1e9)
        }
        rewardNanoseconds = 0
        cycleStart = time
    }
}

/// The cycle sums of a set of states over one or more replications, and how often it was entered.
public struct CycleStatistics: Sendable, Equatable {
    /// (time in the set, cycle length) pairs, in seconds.
    public var sums = RatioSums()
    /// Entries into the set during the measured window.
    public var visits = 0

    public init(sums: RatioSums = RatioSums(), visits: Int = 0) {
        self.sums = sums
        self.visits = visits
    }

    /// Pools another replication's (or component's) cycles.
    public mutating func merge(_ other: CycleStatistics) {
        sums.merge(other.sums)
        visits += other.visits
    }
}
