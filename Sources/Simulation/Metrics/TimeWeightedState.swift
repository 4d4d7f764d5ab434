/// Accumulates how long something spent in each of a fixed set of integer states.
///
/// The workhorse of availability measurement: a component's up/down time, the number of
/// components down, whether a quorum or a leader exists. `reset(at:)` starts the measurement
/// afresh after a warm-up without changing the current state.
public struct TimeWeightedState: Sendable, Equatable {
    /// Nanoseconds spent in each state up to `lastChange`.
    public private(set) var nanosecondsIn: [Int64]
    /// The state now.
    public private(set) var current: Int
    /// When the current state was entered (or the measurement restarted).
    public private(set) var lastChange: SimTime
    /// When the measurement started.
    public private(set) var start: SimTime
    /// How many times the state changed since the start.
    public private(set) var transitions: Int = 0

    /// Tracks states `0..<stateCount`, starting in `initial` at `time`.
    public init(stateCount: Int, initial: Int, at time: SimTime) {
        precondition(stateCount > 0 && (0..<stateCount).contains(initial), "initial state out of range")
        nanosecondsIn = Array(repeating: 0, count: stateCount)
        current = initial
        lastChange = time
        start = time
    }

    /// Moves to `state` at `time` (not earlier than the last change).
    public mutating func set(_ state: Int, at time: SimTime) {
        precondition(time >= lastChange, "time went backwards")
        guard state != current else { return }
        nanosecondsIn[current] += (time - lastChange).nanoseconds
        current = state
        lastChange = time
        transitions += 1
    }

    /// Forgets what was accumulated; measurement restarts at `time` in the current state.
    public mutating func reset(at time: SimTime) {
        for i in nanosecondsIn.indices { nanosecondsIn[i] = 0 }
        lastChange = time
        start = time
        transitions = 0
    }

    /// Nanoseconds in each state from the start until `time`.
    public func totals(until time: SimTime) -> [Int64] {
        var totals = nanosecondsIn
        totals[current] += max(0, (time - lastChange).nanoseconds)
        return totals
    }

    /// Fraction of the time from the start until `time` spent in each state.
    public func fractions(until time: SimTime) -> [Double] {
        let span = Double((time - start).nanoseconds)
        return totals(until: time).map { span > 0 ? Double($0) / span : 0 }
    }
}
