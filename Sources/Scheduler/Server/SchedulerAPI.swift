import Simulation

/// A request to a scheduler server's API, directly or through the load balancer.
public struct SchedulerRequest: Message, Equatable, Sendable {
    public var requestId: Int64
    public var operation: SchedulerOperation
    public var kind: MessageKind { operation.kind }
    public init(requestId: Int64, operation: SchedulerOperation) {
        self.requestId = requestId
        self.operation = operation
    }
}

/// The operations of the API (Oozie's jobs/job REST resources, reduced).
public enum SchedulerOperation: Equatable, Sendable {
    /// Submit a job of a known app; `start` also starts it (Oozie's `-run`).
    case submit(app: String, variables: [String: String], start: Bool)
    case start(jobId: String)
    case suspend(jobId: String)
    case resume(jobId: String)
    case kill(jobId: String)
    case info(jobId: String)
    /// Submit and start a coordinator of a known coordinator app.
    case submitCoordinator(app: String)
    /// Submit and start a bundle: its coordinators, started together.
    case submitBundle(app: String)
    /// A dataset instance became available to one coordinator.
    case datasetAvailable(coordinatorId: String, instance: DatasetInstance)
    /// An external source produced a dataset instance: recorded in the store, and every coordinator
    /// waiting for it learns of it at the next input check (the recovery cycle, as Oozie re-checks inputs every 60 s).
    case publishDataset(DatasetInstance)

    /// The kind of a request for this operation.
    public var kind: MessageKind {
        switch self {
        case .submit: Kinds.submit
        case .start: Kinds.start
        case .suspend: Kinds.suspend
        case .resume: Kinds.resume
        case .kill: Kinds.kill
        case .info: Kinds.info
        case .submitCoordinator: Kinds.submitCoordinator
        case .submitBundle: Kinds.submitBundle
        case .datasetAvailable: Kinds.datasetAvailable
        case .publishDataset: Kinds.publishDataset
        }
    }

    /// The request kinds, one per operation, registered once.
    public enum Kinds {
        public static let submit = MessageKind("API_SUBMIT")
        public static let start = MessageKind("API_START")
        public static let suspend = MessageKind("API_SUSPEND")
        public static let resume = MessageKind("API_RESUME")
        public static let kill = MessageKind("API_KILL")
        public static let info = MessageKind("API_INFO")
        public static let submitCoordinator = MessageKind("API_SUBMIT_COORDINATOR")
        public static let submitBundle = MessageKind("API_SUBMIT_BUNDLE")
        public static let datasetAvailable = MessageKind("API_DATASET")
        public static let publishDataset = MessageKind("API_PUBLISH_DATASET")
        public static let all = [
            submit, start, suspend, resume, kill, info, submitCoordinator, submitBundle, datasetAvailable, publishDataset,
        ]
    }
}

/// A server's answer: the job and its state after the operation, or an error message.
public struct SchedulerReply: Message, Equatable, Sendable {
    public enum Result: Equatable, Sendable {
        case job(id: String, status: WorkflowJobStatus)
        case coordinator(id: String, status: CoordinatorJobStatus)
        /// A bundle and its coordinators' states, in the bundle's order.
        case bundle(id: String, status: CoordinatorJobStatus, coordinators: [CoordinatorJobStatus])
        /// Done, with nothing more to say (a published dataset).
        case accepted
        case error(String)
    }
    public var requestId: Int64
    public var result: Result
    public static let kind = MessageKind("API_REPLY")
    public var kind: MessageKind { Self.kind }
    public init(requestId: Int64, result: Result) {
        self.requestId = requestId
        self.result = result
    }
}

/// What a server reports about its own work, for checkers and metrics.
public enum SchedulerObservation: Observation, Equatable, Sendable {
    /// A submission was committed and acknowledged.
    case acknowledged(jobId: String)
    /// A job reached a terminal state.
    case jobFinished(jobId: String, status: WorkflowJobStatus)
    /// A coordinator reached a terminal state.
    case coordinatorFinished(jobId: String, status: CoordinatorJobStatus)
    /// The server started or stopped scheduling (leadership, session).
    case scheduling(Bool)
    /// The server's materialization trigger ran (it held the cluster-wide lock, or led).
    case materializationTriggered
    /// A housekeeping service did its work here (this server holds the `concurrencyleader` latch).
    case housekeeping(HousekeepingService)
}
