import Simulation

/// Asks the compute service to run an action's work under an idempotency id.
public struct ComputeLaunch: Message, Equatable, Sendable {
    public var launchId: String
    /// The action type, which picks the duration and failure profile.
    public var type: String
    public static let kind = MessageKind("COMPUTE_LAUNCH")
    public var kind: MessageKind { Self.kind }
    public init(launchId: String, type: String) {
        self.launchId = launchId
        self.type = type
    }
}

/// The service holds the launch: new (`isNew`) or already known, in which case nothing new runs.
public struct ComputeAccepted: Message, Equatable, Sendable {
    public var launchId: String
    public var isNew: Bool
    public static let kind = MessageKind("COMPUTE_ACCEPTED")
    public var kind: MessageKind { Self.kind }
    public init(launchId: String, isNew: Bool) {
        self.launchId = launchId
        self.isNew = isNew
    }
}

/// The work of a launch ended; sent to the host that launched it last (and again on every relaunch or query).
public struct ComputeCompleted: Message, Equatable, Sendable {
    public var launchId: String
    public var outcome: ActionOutcome
    public static let kind = MessageKind("COMPUTE_COMPLETED")
    public var kind: MessageKind { Self.kind }
    public init(launchId: String, outcome: ActionOutcome) {
        self.launchId = launchId
        self.outcome = outcome
    }
}

/// Asks where a launch stands (a server that took over a job polls instead of waiting for a callback).
public struct ComputeQuery: Message, Equatable, Sendable {
    public var launchId: String
    public static let kind = MessageKind("COMPUTE_QUERY")
    public var kind: MessageKind { Self.kind }
    public init(launchId: String) { self.launchId = launchId }
}

/// The answer to a query.
public struct ComputeStatus: Message, Equatable, Sendable {
    public var launchId: String
    public var state: ComputeRunState?
    public static let kind = MessageKind("COMPUTE_STATUS")
    public var kind: MessageKind { Self.kind }
    public init(launchId: String, state: ComputeRunState?) {
        self.launchId = launchId
        self.state = state
    }
}

/// Stops a launch's work; a later completion is not reported.
public struct ComputeCancel: Message, Equatable, Sendable {
    public var launchId: String
    public static let kind = MessageKind("COMPUTE_CANCEL")
    public var kind: MessageKind { Self.kind }
    public init(launchId: String) { self.launchId = launchId }
}

/// Where one run stands on the compute service.
public enum ComputeRunState: Equatable, Sendable {
    case running
    case completed(ActionOutcome)
    case cancelled
}

/// Reported when a run's work begins and ends; the invariant checker counts runs per launch id.
public enum ComputeObservation: Observation, Equatable, Sendable {
    case workStarted(launchId: String)
    case workEnded(launchId: String, outcome: ActionOutcome)
    case workCancelled(launchId: String)
}
