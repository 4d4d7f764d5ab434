/// The states of a coordinator job (Oozie's, without PAUSED and the …WITHERROR variants of PREP/RUNNING).
public enum CoordinatorJobStatus: String, Sendable, CaseIterable, Codable, StatusMachine {
    case prep = "PREP"
    case running = "RUNNING"
    case suspended = "SUSPENDED"
    case succeeded = "SUCCEEDED"
    case doneWithError = "DONEWITHERROR"
    case failed = "FAILED"
    case killed = "KILLED"

    public var successors: [CoordinatorJobStatus] {
        switch self {
        case .prep: return [.running, .killed]
        case .running: return [.suspended, .succeeded, .doneWithError, .failed, .killed]
        case .suspended: return [.running, .killed]
        case .succeeded, .doneWithError, .failed, .killed: return []
        }
    }

}

/// The states of a coordinator action (Oozie `CoordinatorFunctionalSpec` §6.1.3).
///
/// WAITING→READY|TIMEDOUT|SKIPPED|KILLED; READY→SUBMITTED|SKIPPED|KILLED;
/// SUBMITTED→RUNNING|SUCCEEDED|FAILED|KILLED; RUNNING→SUCCEEDED|FAILED|KILLED. SUBMITTED→SUCCEEDED
/// lets a workflow that ends before its start was reported close its action.
public enum CoordinatorActionStatus: String, Sendable, CaseIterable, Codable, StatusMachine {
    case waiting = "WAITING"
    case ready = "READY"
    case submitted = "SUBMITTED"
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case killed = "KILLED"
    case timedOut = "TIMEDOUT"
    case skipped = "SKIPPED"

    public var successors: [CoordinatorActionStatus] {
        switch self {
        case .waiting: return [.ready, .timedOut, .skipped, .killed]
        case .ready: return [.submitted, .skipped, .killed]
        case .submitted: return [.running, .succeeded, .failed, .killed]
        case .running: return [.succeeded, .failed, .killed]
        case .succeeded, .failed, .killed, .timedOut, .skipped: return []
        }
    }

    /// SUBMITTED or RUNNING: counts against concurrency.
    public var isActive: Bool { self == .submitted || self == .running }
}
