import Simulation

/// The recovery service (Oozie's RecoveryService): re-drive jobs whose work is stuck — timers and
/// launches lost with a crashed server, coordinator actions whose workflow was never created or
/// whose end was never reported.
extension SchedulerServer {
    /// The key of a row's entry in the active index: `active/wf/<id>`, `active/coord/<id>`, `active/bundle/<id>`.
    static func activeKey(_ key: String) -> String { "active/" + key }

    /// Recovery reads only what is live: the active index, then those rows, then what their checks
    /// need (the workflows of running coordinator actions, the inputs they wait for, a bundle's
    /// coordinators). Finished jobs are never read again, so a long run does not slow down.
    func recover(olderThan: SimDuration, _ context: ProcessContext) {
        guard isScheduling else { return }
        storeRequest(.scan(prefix: "active/"), for: .recoveryScan(olderThan: olderThan), context)
    }

    func recoverActive(_ index: [StoredRow], olderThan: SimDuration, _ context: ProcessContext) {
        guard isScheduling, !index.isEmpty else { return }
        let keys = index.map { String($0.key.dropFirst("active/".count)) }
        storeRequest(.read(keys), for: .recoveryRows(olderThan: olderThan), context)
    }

    func recoverDetails(_ rows: [StoredRow], olderThan: SimDuration, _ context: ProcessContext) {
        guard isScheduling else { return }
        var details: [String] = []
        for row in rows {
            if row.key.hasPrefix("bundle/") {
                details += Self.coordinatorIds(in: row).map(JobRow.key)
            } else if row.key.hasPrefix("coord/"), let stored = row.value.coordinator {
                for action in stored.job.actions {
                    if action.status.isActive {
                        details.append(JobRow.key(workflowId(forCoordinatorAction: "\(stored.job.id)@\(action.number)")))
                    }
                    if action.status == .waiting {
                        details += action.missing.map {
                            Self.datasetKey(DatasetInstance(dataset: $0.dataset, time: SimTime(nanoseconds: $0.nanoseconds)))
                        }
                    }
                }
            }
        }
        guard !details.isEmpty else { return recoverRows(rows, olderThan: olderThan, context) }
        storeRequest(.read(Array(Set(details)).sorted()), for: .recoveryDetails(olderThan: olderThan, rows: rows), context)
    }

    /// Whether this server recovers `jobId`: every job for the leader; in load-balanced mode, as
    /// Oozie's `isJobIdForThisServer`, the jobs whose leading sequence number modulo the number of
    /// live servers is this server's place among them (ids without one: every server).
    func isMine(_ jobId: String) -> Bool {
        guard config.mode == .loadBalanced, !members.isEmpty, let me = members.firstIndex(of: config.serverId),
            let sequence = Int(jobId.prefix { $0.isNumber })
        else { return true }
        return sequence % members.count == me
    }

    /// Re-drives stale rows; `rows` come sorted by key, so the work is queued in a stable order.
    func recoverRows(_ rows: [StoredRow], olderThan: SimDuration, _ context: ProcessContext) {
        guard isScheduling else { return }
        var workflows: [String: WorkflowJobStatus] = [:]
        for row in rows where row.key.hasPrefix("wf/") {
            guard let stored = row.value.workflow else { continue }
            workflows[stored.job.id] = stored.job.status
            let age = context.now.nanoseconds - stored.modifiedNanoseconds
            if stored.job.status == .running, isMine(stored.job.id), age >= olderThan.nanoseconds {
                recoverWorkflow(stored.job, context)
            }
        }
        recoverBundles(rows, context)
        let datasets = Set(rows.lazy.filter { $0.key.hasPrefix("ds/") }.map(\.key))
        // RecoveryService's coordinator actions wait coord.older.than (600 s), not the workflow
        // actions' 120 s; a new leader's sweep (`olderThan` zero) takes everything at once.
        let coordinatorAge = olderThan == .zero ? .zero : config.coordinatorsOlderThan
        for row in rows where row.key.hasPrefix("coord/") {
            guard let stored = row.value.coordinator, stored.job.status == .running, isMine(stored.job.id)
            else { continue }
            checkInputs(stored.job, datasets: datasets, context)
            if context.now.nanoseconds - stored.modifiedNanoseconds >= coordinatorAge.nanoseconds {
                recoverCoordinator(stored.job, workflows: workflows, context)
            }
        }
    }

    func recoverWorkflow(_ job: WorkflowJobSnapshot, _ context: ProcessContext) {
        for action in job.actions {
            switch action.status {
            case .prep, .running:
                // Relaunching is safe: the compute service knows the id and only re-attaches us.
                launch(action.launchId, type: action.type, context)
            case .startRetry, .userRetry:
                // The retry timer died with the server that set it.
                enqueue(SchedulerCommand(jobId: job.id, work: .apply(.retryDue(action: action.name))), context)
            case .ok, .error, .killed, .failed: continue
            }
        }
    }

    /// A bundle whose row was written but whose coordinators were not all created (the server died
    /// in between): create the missing ones; a create of an existing id is refused by the store.
    func recoverBundles(_ rows: [StoredRow], _ context: ProcessContext) {
        let existing = Set(rows.lazy.map(\.key))
        for row in rows where row.key.hasPrefix("bundle/") {
            let lines = (row.value.text ?? "").split(separator: "\n").map(String.init)
            guard let app = lines.first, let names = config.bundleApps[app] else { continue }
            let missing = zip(lines.dropFirst(), names).filter { !existing.contains(JobRow.key($0.0)) }
            if missing.isEmpty {
                // Every coordinator exists: the bundle needs no more recovery.
                let done = StoreTransaction(writes: [(Self.activeKey(row.key), nil)])
                storeRequest(.transact(done), for: .datasetWrite(reply: nil), context)
            }
            for (coordinatorId, name) in missing {
                guard isMine(coordinatorId), let spec = config.coordinatorApps[name] else { continue }
                enqueue(SchedulerCommand(jobId: coordinatorId, work: .createCoordinator(CoordinatorJob(id: coordinatorId, spec: spec))), context)
            }
        }
    }

    /// The input check: tell a coordinator about the published instances its WAITING actions miss.
    func checkInputs(_ job: CoordinatorJobSnapshot, datasets: Set<String>, _ context: ProcessContext) {
        var found: [DatasetInstance] = []
        for action in job.actions where action.status == .waiting {
            for missing in action.missing {
                let instance = DatasetInstance(dataset: missing.dataset, time: SimTime(nanoseconds: missing.nanoseconds))
                if datasets.contains(Self.datasetKey(instance)) && !found.contains(instance) { found.append(instance) }
            }
        }
        for instance in found.sorted() {
            enqueue(SchedulerCommand(jobId: job.id, work: .coordinator(.datasetAvailable(instance))), context)
        }
    }

    func recoverCoordinator(_ job: CoordinatorJobSnapshot, workflows: [String: WorkflowJobStatus], _ context: ProcessContext) {
        // Its wake-up timer may have died with a server: a tick is harmless if nothing is due.
        enqueue(SchedulerCommand(jobId: job.id, work: .coordinator(.tick)), context)
        for action in job.actions where action.status.isActive {
            let actionId = "\(job.id)@\(action.number)"
            let workflowId = workflowId(forCoordinatorAction: actionId)
            switch workflows[workflowId] {
            case nil:
                // Materialized and submitted, but the workflow was never written: submit it again.
                guard let spec = config.coordinatorApps[job.app] else { continue }
                performCoordinator(
                    [.submitWorkflow(
                        CoordinatorSubmission(
                            coordinatorJobId: job.id, actionId: actionId, workflow: spec.workflow,
                            nominalTime: SimTime(nanoseconds: action.nominalNanoseconds)))], job: job.id, context)
            case let status? where status.isTerminal:
                enqueue(SchedulerCommand(jobId: job.id, work: .coordinator(.workflowEnded(actionId: actionId, status: status))), context)
            default: continue
            }
        }
    }
}
