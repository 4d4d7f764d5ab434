import Simulation

/// The simulated external compute service (a YARN-like cluster) as a kernel process.
///
/// A launch carries an idempotency id (`jobId@action@attempt`). The first launch of an id draws
/// its duration and outcome from the action type's profile and runs; any later launch of the same
/// id — a retry after a lost reply, or a standby that took over — only re-attaches the requester
/// and gets the known state back, so the work never runs twice. Runs are on the service's disk and
/// continue after the service restarts; completions are pushed to the last requester, who may also poll.
public final class ComputeService: Process {
    let settings: ComputeSettings
    var disk: ComputeDisk!

    public init(settings: ComputeSettings) { self.settings = settings }

    public func start(_ context: ProcessContext) {
        disk = context.durable(as: ComputeDisk.self)
        for (number, run) in disk.numbered where run.state == .running {
            context.setTimer(after: max(.zero, run.endsAt - context.now), tag: number)
        }
    }

    public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        switch message {
        case let launch as ComputeLaunch: self.launch(launch, from: peer, context)
        case let query as ComputeQuery:
            let state = disk.run(query.launchId).map { disk[$0].state }
            context.send(ComputeStatus(launchId: query.launchId, state: state), to: peer)
        case let cancel as ComputeCancel:
            guard let i = disk.run(cancel.launchId), disk[i].state == .running else { return }
            disk.update(i) { $0.state = .cancelled }
            disk.finished(i, retain: settings.maxFinishedRuns)
            context.emit(ComputeObservation.workCancelled(launchId: cancel.launchId))
        default: break
        }
    }

    func launch(_ launch: ComputeLaunch, from peer: HostID, _ context: ProcessContext) {
        if settings.idempotentLaunches, let i = disk.run(launch.launchId) {
            disk.update(i) { $0.requester = peer }
            context.send(ComputeAccepted(launchId: launch.launchId, isNew: false), to: peer)
            if case .completed(let outcome) = disk[i].state {
                context.send(ComputeCompleted(launchId: launch.launchId, outcome: outcome), to: peer)
            }
            return
        }
        let profile = settings.profile(for: launch.type)
        let (duration, outcome) = context.random { stream -> (SimDuration, ActionOutcome) in
            let duration = profile.duration.sampleDuration(&stream)
            guard stream.bernoulli(profile.failureProbability) else { return (duration, .ok) }
            return (duration, stream.bernoulli(profile.transientShare) ? .transientError : .permanentError)
        }
        let i = disk.append(
            ComputeDisk.Run(
                launchId: launch.launchId, requester: peer, endsAt: context.now + duration, outcome: outcome,
                state: .running))
        context.emit(ComputeObservation.workStarted(launchId: launch.launchId))
        context.trace("compute-start", launch.launchId)
        context.setTimer(after: duration, tag: i)
        context.send(ComputeAccepted(launchId: launch.launchId, isNew: true), to: peer)
    }

    /// A broken connection stays broken until closed; close it so the next send opens a fresh one.
    public func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if connection == context.connection(to: peer) { context.closeConnection(to: peer) }
    }

    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        guard disk.remembers(tag) else { return }
        let run = disk[tag]
        guard run.state == .running else { return }
        disk.update(tag) { $0.state = .completed(run.outcome) }
        disk.finished(tag, retain: settings.maxFinishedRuns)
        context.emit(ComputeObservation.workEnded(launchId: run.launchId, outcome: run.outcome))
        context.trace("compute-end", run.launchId)
        context.send(ComputeCompleted(launchId: run.launchId, outcome: run.outcome), to: run.requester)
    }
}
