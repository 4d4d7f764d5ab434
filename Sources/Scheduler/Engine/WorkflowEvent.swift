/// An input to a workflow job: a user command or news about one of its actions.
public enum WorkflowEvent: Equatable, Sendable, Codable {
    /// Start a PREP job.
    case start
    /// Suspend a RUNNING job: news about its actions is held until `resume`.
    case suspend
    /// Resume a SUSPENDED job and apply the news held meanwhile, in arrival order.
    case resume
    /// Kill the job and every action still running.
    case kill
    /// The compute service accepted the launch `launchId` of `action`.
    case actionStarted(action: String, launchId: String)
    /// The launch could not be made (service down, refused); `transient` errors get system retries.
    case launchFailed(action: String, launchId: String, transient: Bool)
    /// The work of launch `launchId` ended.
    case actionCompleted(action: String, launchId: String, outcome: ActionOutcome)
    /// The retry timer of `action` (START_RETRY or USER_RETRY) is due.
    case retryDue(action: String)

    /// Whether this is a user's command (it may be refused) rather than news (stale news is dropped).
    public var isCommand: Bool {
        switch self {
        case .start, .suspend, .resume, .kill: return true
        default: return false
        }
    }
}

/// How an action's work ended.
public enum ActionOutcome: String, Equatable, Sendable, Codable {
    /// Success: the ok transition.
    case ok
    /// A transient error: retried up to the action's retry-max, then the error transition.
    case transientError
    /// A permanent error: the error transition at once.
    case permanentError
}
