import Simulation

/// An Oozie-like scheduler server as a kernel process, in either HA mode.
///
/// It serves the API (submit, start, suspend, resume, kill, info), runs each job mutation as a
/// command (lock → load → apply → write with an optimistic version check → act), launches actions
/// on the compute service under their idempotency ids, and runs a recovery service that re-drives
/// stuck jobs — all of the dead servers' in load-balanced mode (partitioned among the live ones),
/// everything at once when it becomes leader in active-standby mode. The job store is the truth;
/// the server's memory is a cache that a crash loses.
///
/// Coordination comes through a ``CoordinationClient``; the server never sees ZooKeeper itself.
public final class SchedulerServer: Process {
    let config: SchedulerServerConfig
    let coordination: CoordinationClient
    /// Whether this server may mutate jobs now (leader, or session alive in load-balanced mode).
    public internal(set) var isScheduling = false
    /// Load-balanced: whether this server holds the `concurrencyleader` latch (runs the housekeeping).
    public internal(set) var isHousekeepingLeader = false
    var leaderToken: FencingToken?
    var members: [String] = []
    var runs: [String: CommandRun] = [:]
    var queued: [String: [SchedulerCommand]] = [:]
    var storeWaits: [Int64: StoreWait] = [:]
    var submits: [Int64: PendingSubmit] = [:]
    var wakeTimers: [String: TimerID] = [:]
    var timers: [TimerID: ServerTimer] = [:]
    var launchTimers: [String: TimerID] = [:]
    var storeTimers: [Int64: TimerID] = [:]
    var nextRequestId: Int64 = 0

    /// The latch's fencing token while this server leads (active-standby); what its writes carry.
    public var fencingToken: FencingToken? { leaderToken }
    /// The coordination client (for observers that read its connection, such as the service signal).
    public var coordinationClient: any CoordinationClient { coordination }

    /// Jobs with a command in progress, sorted (for tests and inspection).
    public var busyJobs: [String] { runs.keys.sorted() }

    public init(config: SchedulerServerConfig, coordination: CoordinationClient) {
        self.config = config
        self.coordination = coordination
    }

    public func start(_ context: ProcessContext) {
        handle(coordination.start(context), context)
        setTimer(.recovery, after: config.recoveryInterval, context)
        startMaterializationTrigger(context)
        startHousekeeping(context)
        if config.purge.interval != nil { setTimer(.purge, after: config.purge.firstDelay, context) }
    }

    public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if message is HealthCheck {
            // In active-standby only the leader is healthy, as a real deployment's health endpoint
            // answers 503 on the standby so the balancer sends users to the active server.
            if config.mode == .loadBalanced || leaderToken != nil { _ = message.answerHealthCheck(from: peer, context) }
            return
        }
        if let events = coordination.receive(message, from: peer, context) { return handle(events, context) }
        switch message {
        case let request as SchedulerRequest:
            serve(request.operation, .direct(client: peer, requestId: request.requestId), context)
        case let proxied as ProxiedRequest:
            guard let request = proxied.request as? SchedulerRequest else { return }
            serve(request.operation, .proxied(balancer: peer, proxyId: proxied.requestId, requestId: request.requestId), context)
        case let response as StoreResponse: storeAnswered(response, context)
        case let accepted as ComputeAccepted:
            if let timer = launchTimers.removeValue(forKey: accepted.launchId) { cancel(timer, context) }
            guard let (job, action) = Self.parse(accepted.launchId) else { return }
            enqueue(SchedulerCommand(jobId: job, work: .apply(.actionStarted(action: action, launchId: accepted.launchId))), context)
        case let completed as ComputeCompleted:
            guard let (job, action) = Self.parse(completed.launchId) else { return }
            let event = WorkflowEvent.actionCompleted(action: action, launchId: completed.launchId, outcome: completed.outcome)
            enqueue(SchedulerCommand(jobId: job, work: .apply(event)), context)
        default: break
        }
    }

    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if tag >= CoordinationTimerTags.base {
            if let events = coordination.timerFired(timer, tag: tag, context) { handle(events, context) }
            return
        }
        guard let purpose = timers.removeValue(forKey: timer) else { return }
        switch purpose {
        case .recovery:
            setTimer(.recovery, after: config.recoveryInterval, context)
            recover(olderThan: config.actionsOlderThan, context)
        case .storeTimeout(let requestId): storeTimedOut(requestId, context)
        case .retryDue(let job, let action): enqueue(SchedulerCommand(jobId: job, work: .apply(.retryDue(action: action))), context)
        case .launchTimeout(let launchId):
            launchTimers[launchId] = nil
            guard let (job, action) = Self.parse(launchId) else { return }
            let event = WorkflowEvent.launchFailed(action: action, launchId: launchId, transient: true)
            enqueue(SchedulerCommand(jobId: job, work: .apply(event)), context)
        case .requeue(let command): enqueue(command, context)
        case .coordinatorWake(let id):
            wakeTimers[id] = nil
            enqueue(SchedulerCommand(jobId: id, work: .coordinator(.tick)), context)
        case .materializationTrigger: materializationTriggerFired(context)
        case .housekeeping(let service): housekeepingFired(service, context)
        case .purge: purgeDue(context)
        }
    }

    public func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if let events = coordination.connectionClosed(connection, peer: peer, context) { handle(events, context) }
        if connection == context.connection(to: peer) { context.closeConnection(to: peer) }
    }

    // MARK: Helpers

    func setTimer(_ purpose: ServerTimer, after delay: SimDuration, _ context: ProcessContext) {
        timers[context.setTimer(after: delay)] = purpose
    }

    func cancel(_ timer: TimerID, _ context: ProcessContext) {
        timers[timer] = nil
        context.cancelTimer(timer)
    }

    func send(_ result: SchedulerReply.Result, to route: ReplyRoute?, _ context: ProcessContext) {
        switch route {
        case .direct(let client, let requestId)?:
            context.send(SchedulerReply(requestId: requestId, result: result), to: client)
        case .proxied(let balancer, let proxyId, let requestId)?:
            context.send(ProxiedReply(requestId: proxyId, reply: SchedulerReply(requestId: requestId, result: result)), to: balancer)
        case nil: break
        }
    }

    func storeRequest(_ operation: StoreRequest.Operation, for wait: StoreWait, _ context: ProcessContext) {
        nextRequestId += 1
        storeWaits[nextRequestId] = wait
        context.send(StoreRequest(requestId: nextRequestId, operation: operation), to: config.store)
        let timer = context.setTimer(after: config.requestTimeout)
        timers[timer] = .storeTimeout(requestId: nextRequestId)
        storeTimers[nextRequestId] = timer
    }

    /// `jobId@action@attempt` → (jobId, action).
    static func parse(_ launchId: String) -> (String, String)? {
        // Finds the two separators without building an array of parts (this runs per compute message).
        guard let first = launchId.firstIndex(of: "@") else { return nil }
        let rest = launchId[launchId.index(after: first)...]
        guard let second = rest.firstIndex(of: "@"), !rest[rest.index(after: second)...].contains("@") else { return nil }
        return (String(launchId[..<first]), String(rest[..<second]))
    }

    /// The fence for a write: the leader's token or the job lock's. Writes always carry it; whether
    /// a stale one is refused is the job store's setting (fencing on or off), so with fencing off the
    /// invariant checker can still see a stale write land — the split brain Oozie is exposed to.
    func fence(for run: CommandRun) -> Fence? {
        guard let token = run.token else { return nil }
        return Fence(scope: config.mode == .activeStandby ? "leader" : run.command.jobId, token: token)
    }
}
