/// The states of a workflow job (Oozie `WorkflowFunctionalSpec` §9.1).
public enum WorkflowJobStatus: String, Sendable, CaseIterable, Codable, StatusMachine {
    case prep = "PREP"
    case running = "RUNNING"
    case suspended = "SUSPENDED"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case killed = "KILLED"

    /// The states this one may move to: PREP→RUNNING|KILLED; RUNNING→SUSPENDED|SUCCEEDED|KILLED|FAILED;
    /// SUSPENDED→RUNNING|KILLED; terminal states stay.
    public var successors: [WorkflowJobStatus] {
        switch self {
        case .prep: return [.running, .killed]
        case .running: return [.suspended, .succeeded, .killed, .failed]
        case .suspended: return [.running, .killed]
        case .succeeded, .failed, .killed: return []
        }
    }
}
