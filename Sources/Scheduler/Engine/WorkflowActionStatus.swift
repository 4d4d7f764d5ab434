/// The states of one workflow action (Oozie `WorkflowFunctionalSpec` §9.2, reduced).
///
/// Oozie's DONE/END_* states collapse into the outcome the engine learns at once; START_MANUAL
/// becomes FAILED (the launch failed for good, so the job fails).
/// ```
/// PREP ──started──▶ RUNNING ──ok──▶ OK
///  │ │                 │ └──error──▶ ERROR (retries spent or permanent)
///  │ └─launch failed─▶ START_RETRY ──due──▶ PREP      RUNNING ──transient──▶ USER_RETRY ──due──▶ PREP
///  └─launch failed for good─▶ FAILED          any non-terminal ──kill──▶ KILLED
/// ```
public enum WorkflowActionStatus: String, Sendable, CaseIterable, Codable, StatusMachine {
    case prep = "PREP"
    case startRetry = "START_RETRY"
    case running = "RUNNING"
    case userRetry = "USER_RETRY"
    case ok = "OK"
    case error = "ERROR"
    case killed = "KILLED"
    case failed = "FAILED"

    /// The legal successors of each state.
    public var successors: [WorkflowActionStatus] {
        switch self {
        case .prep: return [.running, .startRetry, .failed, .killed]
        case .startRetry: return [.prep, .killed]
        case .running: return [.ok, .error, .userRetry, .killed]
        case .userRetry: return [.prep, .killed]
        case .ok, .error, .killed, .failed: return []
        }
    }

    /// Launched on the compute service and not yet known to be over (a kill must cancel it).
    public var isLaunched: Bool { self == .prep || self == .running }
}
