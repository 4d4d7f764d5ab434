/// The stochastic failure assumptions for a component or a group: an alternating renewal process.
///
/// These are exactly the assumptions the analytic models make (MTTF, MTTR, repair crews), so the
/// simulator can be checked against them.
public struct FailureModel: Sendable, Equatable {
    /// Time to failure of an up component, in seconds.
    public var timeToFailure: Distribution
    /// Time to repair, in seconds, from the moment a crew starts on it.
    public var timeToRepair: Distribution
    /// Repair crews shared by the group; `nil` gives every component its own crew.
    public var repairCrews: Int?
    /// How failures crash the host a component stands for. The default is a silent host crash:
    /// a failure process with repair times of hours stands for machines that fail and are
    /// repaired (power, hardware, kernel), not for a process that a supervisor restarts in seconds.
    public var crashModes: CrashModeMix

    public init(
        timeToFailure: Distribution, timeToRepair: Distribution, repairCrews: Int? = nil,
        crashModes: CrashModeMix = .host
    ) {
        self.timeToFailure = timeToFailure
        self.timeToRepair = timeToRepair
        self.repairCrews = repairCrews
        self.crashModes = crashModes
    }

    /// p = MTTR / (MTTF + MTTR): a component's long-run probability of being down with its own crew.
    public var unavailability: Double {
        timeToRepair.mean / (timeToFailure.mean + timeToRepair.mean)
    }
}
