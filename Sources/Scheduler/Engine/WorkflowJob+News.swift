/// How a running job reacts to news about its actions.
extension WorkflowJob {
    mutating func applyNews(_ event: WorkflowEvent) -> [WorkflowEffect] {
        switch event {
        case .actionStarted(let name, let launchId):
            guard let i = index(of: name), actions[i].launchId == launchId, actions[i].status == .prep else { return [] }
            actions[i].move(to: .running)
            return []
        case .launchFailed(let name, let launchId, let transient):
            guard let i = index(of: name), actions[i].launchId == launchId, actions[i].status == .prep else { return [] }
            if transient && actions[i].startRetries < settings.launchRetriesMax {
                actions[i].startRetries += 1
                actions[i].move(to: .startRetry)
                return [.scheduleRetry(action: name, after: settings.launchRetryInterval)]
            }
            actions[i].move(to: .failed)
            return finish(.failed)
        case .actionCompleted(let name, let launchId, let outcome):
            guard let i = index(of: name), actions[i].launchId == launchId,
                actions[i].status == .running || actions[i].status == .prep
            else { return [] }
            if actions[i].status == .prep { actions[i].move(to: .running) }
            return complete(i, outcome)
        case .retryDue(let name):
            guard let i = index(of: name), actions[i].status == .startRetry || actions[i].status == .userRetry else {
                return []
            }
            if actions[i].status == .userRetry {
                actions[i].attempt += 1
                actions[i].launchId = "\(id)@\(name)@\(actions[i].attempt)"
            }
            actions[i].move(to: .prep)
            return [.launch(launch(i))]
        case .start, .suspend, .resume, .kill:
            preconditionFailure("commands are not news")
        }
    }

    private mutating func complete(_ i: Int, _ outcome: ActionOutcome) -> [WorkflowEffect] {
        guard case .action(let spec) = workflow.node(actions[i].name).kind else {
            preconditionFailure("\(actions[i].name) is not an action")
        }
        switch outcome {
        case .ok:
            actions[i].move(to: .ok)
            return enter(spec.ok)
        case .transientError where actions[i].userRetries < spec.retryMax:
            actions[i].userRetries += 1
            actions[i].move(to: .userRetry)
            return [.scheduleRetry(action: actions[i].name, after: spec.retryInterval)]
        case .transientError, .permanentError:
            actions[i].move(to: .error)
            return enter(spec.error)
        }
    }

    func launch(_ i: Int) -> ActionLaunch {
        ActionLaunch(jobId: id, action: actions[i].name, type: actions[i].type, launchId: actions[i].launchId)
    }
}
