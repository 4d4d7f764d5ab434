import Simulation

/// The command pipeline: one command at a time per job, the rest queued behind it.
extension SchedulerServer {
    func enqueue(_ command: SchedulerCommand, _ context: ProcessContext) {
        if command.needsLock && !isScheduling { return send(.error(notScheduling), to: command.reply, context) }
        if runs[command.jobId] != nil {
            queued[command.jobId, default: []].append(command)
            return
        }
        var run = CommandRun(command: command)
        guard command.needsLock else {
            runs[command.jobId] = run
            return load(command.jobId, context)
        }
        if config.mode == .activeStandby {
            run.token = leaderToken
            runs[command.jobId] = run
            return load(command.jobId, context)
        }
        runs[command.jobId] = run
        handle(coordination.acquireLock(lockKey(command.jobId), timeout: config.lockTimeout, context), context)
    }

    func lockAcquired(_ key: String, _ token: FencingToken, _ context: ProcessContext) {
        guard let id = jobId(ofLockKey: key), runs[id]?.stage == .locking else {
            // A lock nobody waits for any more (the command was abandoned): give it back.
            return handle(coordination.releaseLock(key, context), context)
        }
        runs[id]!.token = token
        runs[id]!.holdsLock = true
        load(id, context)
    }

    func load(_ id: String, _ context: ProcessContext) {
        runs[id]!.stage = .reading
        switch runs[id]!.command.work {
        case .create(let job, _):
            runs[id]!.job = job
            write(id, expectedVersion: 0, context)
        case .createCoordinator(var job):
            // Created and started in one write: a submitted coordinator runs (Oozie's PREP→RUNNING at start time).
            runs[id]!.coordinatorEffects = (try? job.apply(.start, at: context.now)) ?? []
            runs[id]!.coordinator = job
            write(id, expectedVersion: 0, context)
        case .apply, .info, .coordinator:
            storeRequest(.read([JobRow.key(id)]), for: .command(jobId: id), context)
        }
    }

    func storeAnswered(_ response: StoreResponse, _ context: ProcessContext) {
        if let timer = storeTimers.removeValue(forKey: response.requestId) { cancel(timer, context) }
        guard let wait = storeWaits.removeValue(forKey: response.requestId) else { return }
        switch (wait, response.result) {
        case (.recoveryScan(let olderThan), .rows(let rows)): recoverActive(rows, olderThan: olderThan, context)
        case (.recoveryRows(let olderThan), .rows(let rows)): recoverDetails(rows, olderThan: olderThan, context)
        case (.recoveryDetails(let olderThan, let active), .rows(let rows)):
            var seen = Set(active.map(\.key))
            let all = (active + rows.filter { seen.insert($0.key).inserted }).sorted { $0.key < $1.key }
            recoverRows(all, olderThan: olderThan, context)
        case (.command(let id), .rows(let rows)):
            if JobRow.isCoordinator(id) { loadedCoordinator(id, rows.first, context) } else { loaded(id, rows.first, context) }
        case (.command(let id), .outcome(let outcome)): written(id, outcome, context)
        case (.datasetWrite(let reply), .outcome): send(.accepted, to: reply, context)
        case (.purgeQuery, .rows(let rows)): purgeFound(rows, context)
        case (.purgeDelete(let more), .outcome(.committed)): if more { queryPurge(context) }
        case (.bundleCreate, _), (.bundleInfo, _), (.bundleStates, _), (.bundleCommand, _):
            bundleAnswered(wait, response.result, context)
        default: break
        }
    }

    func loaded(_ id: String, _ row: StoredRow?, _ context: ProcessContext) {
        guard var run = runs[id], run.stage == .reading else { return }
        guard let row, let stored = row.value.workflow, let app = config.apps[stored.job.app] else {
            send(.error("no job \(id)"), to: run.command.reply, context)
            return finish(id, context)
        }
        var job = WorkflowJob(snapshot: stored.job, workflow: app, settings: config.engine)
        guard case .apply(let event) = run.command.work else {
            send(.job(id: id, status: job.status), to: run.command.reply, context)
            return finish(id, context)
        }
        let before = job.snapshot
        do {
            run.effects = try job.apply(event)
        } catch {
            send(.error(error.description), to: run.command.reply, context)
            return finish(id, context)
        }
        run.job = job
        runs[id] = run
        // News that changed nothing (a duplicate, a stale completion) needs no write.
        guard job.snapshot != before || !run.effects.isEmpty else {
            send(.job(id: id, status: job.status), to: run.command.reply, context)
            return finish(id, context)
        }
        write(id, expectedVersion: row.version, context)
    }

    func write(_ id: String, expectedVersion: Int64, _ context: ProcessContext) {
        runs[id]!.stage = .writing
        let run = runs[id]!
        let value: StoredValue
        if let coordinator = run.coordinator {
            value = .coordinator(CoordinatorRow(job: coordinator.snapshot, modifiedNanoseconds: context.now.nanoseconds))
        } else {
            value = .workflow(JobRow(job: run.job!.snapshot, modifiedNanoseconds: context.now.nanoseconds))
        }
        // A create always checks that the id is new; an update checks its version only if configured.
        let checked = expectedVersion == 0 || config.versionChecks
        // The active index lists live jobs, so the recovery service never reads finished ones.
        let terminal = run.coordinator.map(\.status.isTerminal) ?? run.job!.status.isTerminal
        let transaction = StoreTransaction(
            expectedVersions: checked ? [(JobRow.key(id), expectedVersion)] : [],
            writes: [(JobRow.key(id), value), (Self.activeKey(JobRow.key(id)), terminal ? nil : "")], fence: fence(for: run))
        storeRequest(.transact(transaction), for: .command(jobId: id), context)
    }

    func written(_ id: String, _ outcome: StoreOutcome, _ context: ProcessContext) {
        guard let run = runs[id], run.stage == .writing else { return }
        switch outcome {
        case .committed:
            if let coordinator = run.coordinator {
                if case .createCoordinator = run.command.work { context.emit(SchedulerObservation.acknowledged(jobId: id)) }
                send(.coordinator(id: id, status: coordinator.status), to: run.command.reply, context)
                performCoordinator(run.coordinatorEffects, job: id, context)
                return finish(id, context)
            }
            let job = run.job!
            if case .create(_, let start) = run.command.work {
                context.emit(SchedulerObservation.acknowledged(jobId: id))
                if start { queued[id, default: []].insert(SchedulerCommand(jobId: id, work: .apply(.start)), at: 0) }
            }
            if case .apply(.start) = run.command.work, let parent = job.parent {
                notifyParent(parent, .workflowStarted(actionId: parent), context)
            }
            send(.job(id: id, status: job.status), to: run.command.reply, context)
            perform(run.effects, job: job, context)
            finish(id, context)
        case .conflict:
            finish(id, context)
            switch run.command.work {
            case .create, .createCoordinator:
                // The id exists: a coordinator action's workflow submitted again after a failover.
                send(.error("job \(id) already exists"), to: run.command.reply, context)
            default:
                // Someone else changed the job first: load again later (Oozie requeues the command).
                setTimer(.requeue(run.command), after: config.requeueDelay, context)
            }
        case .staleToken:
            send(.error("fenced off: a newer owner holds job \(id)"), to: run.command.reply, context)
            finish(id, context)
            if config.mode == .activeStandby { setScheduling(false, context) }
        }
    }

    func storeTimedOut(_ requestId: Int64, _ context: ProcessContext) {
        storeTimers[requestId] = nil
        switch storeWaits[requestId] {
        case .datasetWrite(let reply)?, .bundleCreate(_, _, let reply)?, .bundleInfo(_, let reply)?,
            .bundleStates(_, let reply)?, .bundleCommand(_, _, let reply)?:
            storeWaits[requestId] = nil
            return send(.error("job store unavailable"), to: reply, context)
        default: break
        }
        guard let wait = storeWaits.removeValue(forKey: requestId), case .command(let id) = wait, let run = runs[id] else {
            return
        }
        // The database did not answer: the API says so; internal work is tried again later.
        if let reply = run.command.reply {
            send(.error("job store unavailable"), to: reply, context)
        } else {
            setTimer(.requeue(run.command), after: config.requeueDelay, context)
        }
        finish(id, context)
    }

    /// Ends the job's command (releasing its lock) and starts the next queued one.
    func finish(_ id: String, releasing: Bool = true, _ context: ProcessContext) {
        guard let run = runs.removeValue(forKey: id) else { return }
        if releasing && run.holdsLock { handle(coordination.releaseLock(lockKey(id), context), context) }
        guard var waiting = queued[id], !waiting.isEmpty else { return }
        let next = waiting.removeFirst()
        queued[id] = waiting.isEmpty ? nil : waiting
        enqueue(next, context)
    }

    func perform(_ effects: [WorkflowEffect], job: WorkflowJob, _ context: ProcessContext) {
        for effect in effects {
            switch effect {
            case .launch(let launch): self.launch(launch.launchId, type: launch.type, context)
            case .scheduleRetry(let action, let delay): setTimer(.retryDue(jobId: job.id, action: action), after: delay, context)
            case .cancel(let launchId): context.send(ComputeCancel(launchId: launchId), to: config.compute)
            case .finished(let status):
                context.emit(SchedulerObservation.jobFinished(jobId: job.id, status: status))
                if let parent = job.parent { notifyParent(parent, .workflowEnded(actionId: parent, status: status), context) }
            }
        }
    }

    func launch(_ launchId: String, type: String, _ context: ProcessContext) {
        context.send(ComputeLaunch(launchId: launchId, type: type), to: config.compute)
        if let old = launchTimers[launchId] { cancel(old, context) }
        let timer = context.setTimer(after: config.requestTimeout)
        timers[timer] = .launchTimeout(launchId: launchId)
        launchTimers[launchId] = timer
    }
}
