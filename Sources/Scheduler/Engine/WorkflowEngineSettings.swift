import Simulation

/// Server-wide settings of the workflow engine (Oozie's `oozie.action.retries.max` and
/// `oozie.action.retry.interval`, which apply to launches that fail, not to the work itself).
public struct WorkflowEngineSettings: Equatable, Sendable {
    /// System retries of a launch that failed transiently.
    public var launchRetriesMax: Int
    /// Wait before a system retry.
    public var launchRetryInterval: SimDuration

    public init(launchRetriesMax: Int = 3, launchRetryInterval: SimDuration = .seconds(10)) {
        self.launchRetriesMax = launchRetriesMax
        self.launchRetryInterval = launchRetryInterval
    }
}
