/// Health-check bookkeeping for one backend (HAProxy's `fall` and `rise`): a healthy backend is
/// marked down after `fall` failed checks in a row, a down one up after `rise` passed checks in a row.
public struct HealthTracker: Equatable, Sendable {
    public let fall: Int
    public let rise: Int
    public private(set) var isHealthy: Bool
    public private(set) var streak = 0

    public init(fall: Int, rise: Int, healthy: Bool = true) {
        precondition(fall >= 1 && rise >= 1, "fall and rise must be ≥ 1")
        self.fall = fall
        self.rise = rise
        self.isHealthy = healthy
    }

    /// Records one check; returns whether the backend's health changed.
    public mutating func record(passed: Bool) -> Bool {
        if passed == isHealthy {
            streak = 0
            return false
        }
        streak += 1
        guard streak >= (isHealthy ? fall : rise) else { return false }
        isHealthy.toggle()
        streak = 0
        return true
    }
}
