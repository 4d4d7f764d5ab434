/// A host's own clock: the true time shifted by an offset and running at a rate of `1 + drift`.
///
/// Processes read only this clock and set their timers on it, so a clock jump or a drift changes
/// when their timeouts fire, as it does on a real machine.
public struct LocalClock: Sendable {
    /// True time at which `localAtAnchor` was read.
    private var anchor: Int64 = 0
    private var localAtAnchor: Int64 = 0
    /// Relative rate error: 1e-4 is a clock that gains 100 µs per second.
    public private(set) var drift: Double = 0

    public init() {}

    /// Local time when the true time is `time`.
    public func local(at time: SimTime) -> SimTime {
        let elapsed = time.nanoseconds - anchor
        let scaled = drift == 0 ? elapsed : Int64((Double(elapsed) * (1 + drift)).rounded())
        return SimTime(nanoseconds: localAtAnchor + scaled)
    }

    /// The true time at which the local clock will read `local` (never earlier than `now`).
    public func trueTime(whenLocalReads local: SimTime, now: SimTime) -> SimTime {
        let ahead = local.nanoseconds - localAtAnchor
        let scaled = drift == 0 ? ahead : Int64((Double(ahead) / (1 + drift)).rounded(.up))
        return SimTime(nanoseconds: max(now.nanoseconds, anchor + scaled))
    }

    /// Steps the local clock by `delta` at true time `time` (an NTP step, a VM resume, an operator).
    public mutating func jump(by delta: SimDuration, at time: SimTime) {
        rebase(at: time)
        localAtAnchor += delta.nanoseconds
    }

    /// From `time` on, the clock runs at rate `1 + drift`.
    public mutating func setDrift(_ drift: Double, at time: SimTime) {
        precondition(drift > -1, "a clock cannot run backwards")
        rebase(at: time)
        self.drift = drift
    }

    private mutating func rebase(at time: SimTime) {
        localAtAnchor = local(at: time).nanoseconds
        anchor = time.nanoseconds
    }
}
