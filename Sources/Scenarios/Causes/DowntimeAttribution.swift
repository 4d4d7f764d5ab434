import Simulation

/// Attributes every moment of service outage to a cause: each outage interval `[start, end)` is
/// cut where the parts' state changes, and each piece goes to the cause its state shows
/// (``ComponentState/cause``). It reads only intervals and states, so it works with any signal
/// that yields outage intervals (the probe's runs of failed requests, or an exact one).
public enum DowntimeAttribution {
    /// Seconds of outage per cause, in ``OutageCause/allCases`` order; the sum is the outages' total.
    ///
    /// - Parameters:
    ///   - outages: disjoint intervals in time order.
    ///   - states: the state from each time on, in time order, the first at or before the first outage.
    public static func attribute(
        outages: [Range<SimTime>], states: [(time: SimTime, state: ComponentState)]
    ) -> [Double] {
        var seconds = [Double](repeating: 0, count: OutageCause.allCases.count)
        var i = 0  // the state in force at the current position
        var previousEnd = SimTime.zero
        for outage in outages {
            precondition(outage.lowerBound >= previousEnd, "outages disjoint and in time order")
            previousEnd = outage.upperBound
            add(outage, states: states, from: &i, to: &seconds)
        }
        return seconds
    }

    /// Adds one outage's seconds per cause to `seconds`, reading the states from index `i` on (the
    /// state in force at the outage's start or before it); `i` ends at the state in force at the
    /// outage's last piece, so the next, later outage can go on from there.
    static func add(
        _ outage: Range<SimTime>, states: [(time: SimTime, state: ComponentState)], from i: inout Int, to seconds: inout [Double]
    ) {
        precondition(i < states.count && states[i].time <= outage.lowerBound, "a state before the outage")
        var position = outage.lowerBound
        while position < outage.upperBound {
            while i + 1 < states.count && states[i + 1].time <= position { i += 1 }
            let next = i + 1 < states.count ? min(states[i + 1].time, outage.upperBound) : outage.upperBound
            let index = OutageCause.allCases.firstIndex(of: states[i].state.cause)!
            seconds[index] += (next - position).seconds
            position = next
        }
    }
}
