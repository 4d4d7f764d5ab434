import Foundation
import Simulation

/// The API and the coordination events.
extension SchedulerServer {
    func serve(_ operation: SchedulerOperation, _ route: ReplyRoute, _ context: ProcessContext) {
        switch operation {
        case .submit(let app, let variables, let start):
            guard config.apps[app] != nil else { return send(.error("unknown app \(app)"), to: route, context) }
            requestId(PendingSubmit(app: app, variables: variables, kind: .workflow(start: start), reply: route), context)
        case .submitCoordinator(let app):
            guard config.coordinatorApps[app] != nil else {
                return send(.error("unknown coordinator app \(app)"), to: route, context)
            }
            requestId(PendingSubmit(app: app, variables: [:], kind: .coordinator, reply: route), context)
        case .submitBundle(let app):
            guard config.bundleApps[app] != nil else { return send(.error("unknown bundle app \(app)"), to: route, context) }
            requestId(PendingSubmit(app: app, variables: [:], kind: .bundle, reply: route), context)
        case .start(let id): command(id, .start, .start, route, context)
        case .suspend(let id): command(id, .suspend, .suspend, route, context)
        case .resume(let id): command(id, .resume, .resume, route, context)
        case .kill(let id): command(id, .kill, .kill, route, context)
        case .info(let id):
            if Self.isBundle(id) { return bundleOperation(id, nil, route, context) }
            enqueue(SchedulerCommand(jobId: id, work: .info, reply: route), context)
        case .datasetAvailable(let id, let instance): command(id, nil, .datasetAvailable(instance), route, context)
        case .publishDataset(let instance):
            guard isScheduling else { return send(.error(notScheduling), to: route, context) }
            publish(instance, reply: route, context)
        }
    }

    /// Asks coordination for the submission's cluster-unique number; the job is created when it comes.
    func requestId(_ submit: PendingSubmit, _ context: ProcessContext) {
        guard isScheduling else { return send(.error(notScheduling), to: submit.reply, context) }
        nextRequestId += 1
        submits[nextRequestId] = submit
        handle(coordination.nextSequence(requestId: nextRequestId, context), context)
    }

    /// A user command on a workflow, a coordinator or a bundle, by the kind of id.
    func command(
        _ id: String, _ workflowEvent: WorkflowEvent?, _ coordinatorEvent: CoordinatorEvent, _ route: ReplyRoute,
        _ context: ProcessContext
    ) {
        if Self.isBundle(id) {
            guard isScheduling else { return send(.error(notScheduling), to: route, context) }
            bundleOperation(id, coordinatorEvent, route, context)
        } else if JobRow.isCoordinator(id) {
            enqueue(SchedulerCommand(jobId: id, work: .coordinator(coordinatorEvent), reply: route), context)
        } else if let workflowEvent {
            enqueue(SchedulerCommand(jobId: id, work: .apply(workflowEvent), reply: route), context)
        } else {
            send(.error("\(id) is not a coordinator"), to: route, context)
        }
    }

    var notScheduling: String {
        config.mode == .activeStandby ? "server \(config.serverId) is not the leader" : "server \(config.serverId) has no session"
    }

    /// A job id unique across servers and restarts: a cluster-wide sequence number (Oozie's ZKUUIDService).
    func jobId(_ sequence: Int64, suffix: String = "W") -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 7 - digits.count)) + digits + "-oozie-" + suffix
    }

    /// The workflow job of a coordinator action: derived from the action id, so a resubmission
    /// after a failover is the same create, which the store refuses as a duplicate.
    func workflowId(forCoordinatorAction actionId: String) -> String { JobRow.workflowId(forCoordinatorAction: actionId) }

    func handle(_ events: [CoordinationEvent], _ context: ProcessContext) {
        for event in events { handle(event, context) }
    }

    func handle(_ event: CoordinationEvent, _ context: ProcessContext) {
        switch event {
        case .sessionEstablished:
            handle(coordination.register(memberId: config.serverId, context), context)
            if config.mode == .loadBalanced { setScheduling(true, context) }
            // Active-standby: the scheduling latch. Load-balanced: the `concurrencyleader` latch of
            // the housekeeping services (`ZKJobsConcurrencyService.init`), when there are any.
            if config.mode == .activeStandby || config.purge.interval != nil || !config.housekeeping.isEmpty {
                handle(coordination.joinLeaderElection(context), context)
            }
        case .sessionSuspended:
            // Curator's standard policy: a leader that cannot be sure it still leads stops leading.
            if config.mode == .activeStandby { setScheduling(false, context) }
        case .sessionLost:
            setScheduling(false, context)
            isHousekeepingLeader = false
            // Oozie's ZKConnectionListener on LOST: `Services.destroy(); System.exit(1)`. The kernel
            // resets the connections (the new session the adapter just asked for dies with them).
            if config.exitOnSessionLoss {
                context.trace("scheduler.exit", "\(config.serverId): ZooKeeper session lost")
                context.exit()
            }
        case .leadershipLost where config.mode == .loadBalanced: isHousekeepingLeader = false
        case .leadershipGained where config.mode == .loadBalanced: isHousekeepingLeader = true
        case .leadershipLost: setScheduling(false, context)
        case .leadershipGained(let token):
            leaderToken = token
            setScheduling(true, context)
            recover(olderThan: .zero, context)
        case .membersChanged(let live): members = live
        case .lockAcquired(let key, _) where key == MaterializationTrigger.lockKey:
            if isScheduling { scanForMaterialization(context) } else { handle(coordination.releaseLock(key, context), context) }
        case .lockAcquired(let key, let token): lockAcquired(key, token, context)
        case .lockTimedOut(let key):
            guard let id = jobId(ofLockKey: key), runs[id] != nil else { return }
            let command = runs[id]!.command
            finish(id, releasing: false, context)
            setTimer(.requeue(command), after: config.requeueDelay, context)
        case .lockReleased: break
        case .sequenceAllocated(let requestId, let value):
            guard let submit = submits.removeValue(forKey: requestId) else { return }
            switch submit.kind {
            case .bundle: submitBundle(jobId(value, suffix: "B"), app: submit.app, reply: submit.reply, context)
            case .coordinator:
                guard let spec = config.coordinatorApps[submit.app] else { return }
                let job = CoordinatorJob(id: jobId(value, suffix: "C"), spec: spec)
                enqueue(SchedulerCommand(jobId: job.id, work: .createCoordinator(job), reply: submit.reply), context)
            case .workflow(let start):
                guard let app = config.apps[submit.app] else { return }
                let id = jobId(value)
                let job = WorkflowJob(
                    id: id, workflow: app, variables: submit.variables, seed: config.seed, settings: config.engine)
                enqueue(SchedulerCommand(jobId: id, work: .create(job, start: start), reply: submit.reply), context)
            }
        case .requestFailed(let requestId):
            if let submit = submits.removeValue(forKey: requestId) {
                send(.error("coordination unavailable, retry"), to: submit.reply, context)
            }
        }
    }

    /// Starts or stops scheduling. Stopping abandons every command in progress: after a lost session
    /// or leadership the server must not write, and what it abandons the store still holds.
    func setScheduling(_ on: Bool, _ context: ProcessContext) {
        guard on != isScheduling else { return }
        isScheduling = on
        context.emit(SchedulerObservation.scheduling(on))
        context.trace(on ? "scheduling-on" : "scheduling-off", config.serverId)
        guard !on else { return }
        leaderToken = nil
        for id in runs.keys.sorted() {
            send(.error(notScheduling), to: runs[id]!.command.reply, context)
            for command in queued[id] ?? [] { send(.error(notScheduling), to: command.reply, context) }
        }
        runs = [:]
        queued = [:]
        storeWaits = [:]
    }

    /// A job's lock is named by its id, as Oozie's commands lock their job id (`XCommand.getEntityKey`).
    func lockKey(_ jobId: String) -> String { jobId }
    /// The job a lock key names (the inverse of `lockKey`); nil for the service locks.
    func jobId(ofLockKey key: String) -> String? { key == MaterializationTrigger.lockKey ? nil : key }

    /// The store key of a dataset instance.
    static func datasetKey(_ instance: DatasetInstance) -> String {
        "ds/\(instance.dataset)@\(instance.time.nanoseconds)"
    }

    /// Records that a dataset instance exists (idempotent: writing it twice changes nothing that matters).
    func publish(_ instance: DatasetInstance, reply: ReplyRoute?, _ context: ProcessContext) {
        let transaction = StoreTransaction(writes: [(Self.datasetKey(instance), "")], fence: nil)
        storeRequest(.transact(transaction), for: .datasetWrite(reply: reply), context)
    }
}
