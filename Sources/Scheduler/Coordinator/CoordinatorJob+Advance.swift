import Simulation

/// The coordinator's periodic work: materialize, check inputs and timeouts, skip, submit, finish.
extension CoordinatorJob {
    mutating func advance(_ now: SimTime, materializing: Bool) -> [CoordinatorEffect] {
        let hitLimit = materializing && materialize(now)
        // Oozie's input check waits for the nominal time (`CoordActionInputCheckXCommand.verifyPrecondition`
        // requeues itself until then), which matters only for actions materialized ahead.
        for i in actions.indices
        where actions[i].status == .waiting && actions[i].missing.isEmpty && actions[i].nominalTime <= now {
            actions[i].move(to: .ready)
        }
        if let timeout = spec.timeout {
            for i in actions.indices where actions[i].status == .waiting && timeoutBase(actions[i]) + timeout <= now {
                actions[i].move(to: .timedOut)
            }
        }
        if spec.execution == .lastOnly {
            // An action is stale once the next nominal time has come: a newer one supersedes it.
            for i in actions.indices where actions[i].status == .waiting || actions[i].status == .ready {
                if actions[i].nominalTime + spec.frequency <= now { actions[i].move(to: .skipped) }
            }
        }
        var effects = submit()
        if isFullyMaterialized && actions.allSatisfy(\.status.isTerminal) {
            let clean = actions.allSatisfy { $0.status == .succeeded || $0.status == .skipped }
            move(to: clean ? .succeeded : .doneWithError)
            return effects + [.finished(status)]
        }
        if let wake = hitLimit ? now : nextWake(now) { effects.append(.wake(at: wake)) }
        return effects
    }

    /// A waiting action times out `timeout` after the later of its nominal time and its creation
    /// (`CoordActionInputCheckXCommand.isTimeout`).
    func timeoutBase(_ action: CoordinatorAction) -> SimTime { max(action.nominalTime, action.createdAt) }

    /// Appends the due nominal times (by ``materialization``); returns whether the per-tick limit
    /// stopped it early.
    private mutating func materialize(_ now: SimTime) -> Bool {
        let first = spec.nominalTime(lastActionNumber + 1)
        let through: SimTime
        switch materialization {
        case .atNominalTime: through = now
        case .ahead(let window, let lookahead):
            guard first <= now + lookahead else { return false }
            through = first + window - .nanoseconds(1)  // [first, first + window)
        }
        var made = 0
        // Counted once: every action made here is WAITING, so a catch-up stays linear.
        var waiting = actions.count { $0.status == .waiting }
        while !isFullyMaterialized, spec.nominalTime(lastActionNumber + 1) <= through {
            guard waiting < spec.throttle else { return false }
            guard made < Self.materializationLimitPerTick else { return true }
            let number = lastActionNumber + 1
            let nominal = spec.nominalTime(number)
            var missing: [DatasetInstance] = []
            for input in spec.inputs {
                for offset in input.instances {
                    if let instance = input.dataset.instance(at: nominal, offset: offset), !available.contains(instance) {
                        missing.append(instance)
                    }
                }
            }
            actions.append(
                CoordinatorAction(
                    id: "\(id)@\(number)", number: number, nominalTime: nominal, createdAt: now,
                    missing: Array(Set(missing)).sorted()))
            made += 1
            waiting += 1
        }
        return false
    }

    /// Submits READY actions in execution order while concurrency allows.
    private mutating func submit() -> [CoordinatorEffect] {
        var free = spec.concurrency - actions.count { $0.status.isActive }
        guard free > 0 else { return [] }
        var ready = actions.indices.filter { actions[$0].status == .ready }
        if spec.execution == .lifo { ready.reverse() }
        var effects: [CoordinatorEffect] = []
        for i in ready where free > 0 {
            actions[i].move(to: .submitted)
            free -= 1
            effects.append(
                .submitWorkflow(
                    CoordinatorSubmission(
                        coordinatorJobId: id, actionId: actions[i].id, workflow: spec.workflow,
                        nominalTime: actions[i].nominalTime)))
        }
        return effects
    }

    /// The next time a tick could change something: the next nominal time, a timeout, a LAST_ONLY skip.
    private func nextWake(_ now: SimTime) -> SimTime? {
        var candidates: [SimTime] = []
        if !isFullyMaterialized && materializesOnTick { candidates.append(spec.nominalTime(lastActionNumber + 1)) }
        for a in actions where a.status == .waiting {
            // The input check Oozie queues for each materialized action at its nominal time.
            candidates.append(a.nominalTime)
            if let timeout = spec.timeout { candidates.append(timeoutBase(a) + timeout) }
        }
        if spec.execution == .lastOnly {
            for a in actions where a.status == .waiting || a.status == .ready { candidates.append(a.nominalTime + spec.frequency) }
        }
        return candidates.filter { $0 > now }.min()
    }

    /// Violations of the coordinator's invariants (S10 gapless numbers, S11 concurrency and throttle).
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        for (i, a) in actions.enumerated() {
            if a.number != i + 1 { problems.append("action \(a.id) has number \(a.number) at position \(i + 1)") }
            if a.nominalTime != spec.nominalTime(a.number) { problems.append("action \(a.id) has a wrong nominal time") }
            if a.nominalTime >= spec.end { problems.append("action \(a.id) is at or after end") }
        }
        if Set(nominalTimes).count != actions.count { problems.append("a nominal time was materialized twice") }
        let active = actions.count { $0.status.isActive }
        if active > spec.concurrency { problems.append("\(active) active actions > concurrency \(spec.concurrency)") }
        if status.isTerminal && !actions.allSatisfy(\.status.isTerminal) { problems.append("terminal job with live actions") }
        return problems
    }
}
