import Simulation

/// Where to send the answer to an API request.
enum ReplyRoute: Equatable {
    case direct(client: HostID, requestId: Int64)
    /// Through the balancer: `proxyId` is the balancer's, `requestId` the client's (echoed in the reply).
    case proxied(balancer: HostID, proxyId: Int64, requestId: Int64)
}

/// One unit of work on one job, Oozie's XCommand: lock → load → check → mutate → write → act.
struct SchedulerCommand {
    enum Work {
        /// Write a new job (a submission); start it after the write if `start`.
        case create(WorkflowJob, start: Bool)
        /// Apply an event to the stored job.
        case apply(WorkflowEvent)
        /// Read the job and answer (no lock, no write).
        case info
        /// Write a new coordinator job and start it.
        case createCoordinator(CoordinatorJob)
        /// Apply an event to the stored coordinator job.
        case coordinator(CoordinatorEvent)
    }

    var jobId: String
    var work: Work
    var reply: ReplyRoute?

    var needsLock: Bool {
        if case .info = work { return false }
        return true
    }
}

/// A command in progress on this server.
struct CommandRun {
    enum Stage: Equatable { case locking, reading, writing }
    var command: SchedulerCommand
    var stage: Stage = .locking
    /// The lock's token (load-balanced) or the leader's (active-standby).
    var token: FencingToken?
    var holdsLock = false
    var job: WorkflowJob?
    var effects: [WorkflowEffect] = []
    var coordinator: CoordinatorJob?
    var coordinatorEffects: [CoordinatorEffect] = []
}

/// Why a timer was set.
enum ServerTimer {
    case recovery
    case storeTimeout(requestId: Int64)
    case retryDue(jobId: String, action: String)
    case launchTimeout(launchId: String)
    case requeue(SchedulerCommand)
    case coordinatorWake(jobId: String)
    case purge
}

/// What a store request is for.
enum StoreWait {
    case command(jobId: String)
    case recoveryScan(olderThan: SimDuration)
    case recoveryRows(olderThan: SimDuration)
    case recoveryDetails(olderThan: SimDuration, rows: [StoredRow])
    case datasetWrite(reply: ReplyRoute?)
    case purgeQuery
    /// `more`: the query returned a full batch, so another may follow.
    case purgeDelete(more: Bool)
    case bundleCreate(bundleId: String, app: String, reply: ReplyRoute?)
    case bundleInfo(bundleId: String, reply: ReplyRoute?)
    case bundleStates(bundleId: String, reply: ReplyRoute?)
    case bundleCommand(bundleId: String, event: CoordinatorEvent, reply: ReplyRoute?)
}
