import Simulation

/// Coordinator jobs in the command pipeline, and how their effects are carried out.
extension SchedulerServer {
    func loadedCoordinator(_ id: String, _ row: StoredRow?, _ context: ProcessContext) {
        guard var run = runs[id], run.stage == .reading else { return }
        guard let row, let stored = row.value.coordinator, let spec = config.coordinatorApps[stored.job.app] else {
            send(.error("no coordinator \(id)"), to: run.command.reply, context)
            return finish(id, context)
        }
        var job = CoordinatorJob(snapshot: stored.job, spec: spec)
        job.materialization = coordinatorMaterialization
        guard case .coordinator(let event) = run.command.work else {
            send(.coordinator(id: id, status: job.status), to: run.command.reply, context)
            return finish(id, context)
        }
        let before = job.snapshot
        do {
            run.coordinatorEffects = try job.apply(event, at: context.now)
        } catch {
            send(.error(error.description), to: run.command.reply, context)
            return finish(id, context)
        }
        run.coordinator = job
        runs[id] = run
        guard job.snapshot != before else {
            // Nothing changed (a tick before anything was due): only re-arm the wake-up.
            send(.coordinator(id: id, status: job.status), to: run.command.reply, context)
            performCoordinator(run.coordinatorEffects, job: id, context)
            return finish(id, context)
        }
        write(id, expectedVersion: row.version, context)
    }

    /// Tells the coordinator of action `actionId` (`coordinatorId@n`) about its workflow.
    func notifyParent(_ actionId: String, _ event: CoordinatorEvent, _ context: ProcessContext) {
        guard let coordinatorId = actionId.split(separator: "@").first.map(String.init) else { return }
        enqueue(SchedulerCommand(jobId: coordinatorId, work: .coordinator(event)), context)
    }

    func performCoordinator(_ effects: [CoordinatorEffect], job: String, _ context: ProcessContext) {
        for effect in effects {
            switch effect {
            case .submitWorkflow(let submission):
                guard let app = config.apps[submission.workflow] else { continue }
                var workflow = WorkflowJob(
                    id: workflowId(forCoordinatorAction: submission.actionId), workflow: app,
                    variables: ["nominalTime": String(submission.nominalTime.nanoseconds)], seed: config.seed,
                    settings: config.engine)
                workflow.parent = submission.actionId
                enqueue(SchedulerCommand(jobId: workflow.id, work: .create(workflow, start: true)), context)
            case .killWorkflow(let actionId):
                enqueue(SchedulerCommand(jobId: workflowId(forCoordinatorAction: actionId), work: .apply(.kill)), context)
            case .datasetProduced(let instance):
                context.trace("dataset", instance.description)
                publish(instance, reply: nil, context)
            case .wake(let at):
                if let old = wakeTimers[job] { cancel(old, context) }
                let timer = context.setTimer(after: max(.zero, at - context.now))
                timers[timer] = .coordinatorWake(jobId: job)
                wakeTimers[job] = timer
            case .finished(let status): context.emit(SchedulerObservation.coordinatorFinished(jobId: job, status: status))
            }
        }
    }
}
