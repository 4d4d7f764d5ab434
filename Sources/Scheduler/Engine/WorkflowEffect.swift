import Simulation

/// What the engine asks its host (the scheduler server) to do; the engine itself does no I/O.
public enum WorkflowEffect: Equatable, Sendable {
    /// Launch the action's work on the compute service. Relaunching the same `launchId` (after a
    /// lost reply or a failover) must not run the work twice; the compute service guarantees that.
    case launch(ActionLaunch)
    /// Deliver `.retryDue(action)` after `delay`.
    case scheduleRetry(action: String, after: SimDuration)
    /// Stop the work of this launch (the job ended or was killed).
    case cancel(launchId: String)
    /// The job reached a terminal state.
    case finished(WorkflowJobStatus)
}

/// One launch of an action's work.
public struct ActionLaunch: Equatable, Sendable {
    /// The job.
    public var jobId: String
    /// The action node.
    public var action: String
    /// The action's type (map-reduce, shell, ...), which picks the compute service's distributions.
    public var type: String
    /// `jobId@action@attempt` (Oozie's `actionId@run`): the same for every relaunch of one attempt,
    /// new for each user retry, since a retry is meant to run the work again.
    public var launchId: String

    public init(jobId: String, action: String, type: String, launchId: String) {
        self.jobId = jobId
        self.action = action
        self.type = type
        self.launchId = launchId
    }
}

/// A user command the job's state does not allow (resume a running job, start it twice, ...).
public struct WorkflowCommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public var jobId: String
    public var command: String
    public var status: WorkflowJobStatus
    public var description: String { "job \(jobId): cannot \(command) a \(status.rawValue) job" }
}
