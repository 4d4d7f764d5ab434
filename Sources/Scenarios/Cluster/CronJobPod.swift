import Orchestration
import Scheduler
import Simulation

/// What a CronJob's container does: submit a workflow or a coordinator through the Service.
public struct CronJobTask: Sendable, Equatable {
    public enum Submission: Sendable, Equatable {
        case workflow(app: String)
        case coordinator(app: String)
    }

    public var submission: Submission
    /// After an accepted submission the container keeps running this long (a script that follows
    /// its job) before it exits 0.
    public var runsFor: SimDuration = .zero
    /// A submission unanswered after this has failed (the container exits 1).
    public var timeout: SimDuration = .seconds(10)

    public init(submission: Submission) { self.submission = submission }
}

/// A Job pod's process: sends one submission through the balancer (the Service) and exits 0 when
/// it is accepted, 1 when the balancer refuses it (no ready endpoint), it is rejected, or no answer
/// comes in time; the exit status goes to the orchestrator as a ``ContainerExit``.
final class CronJobPod: Process {
    let task: CronJobTask
    let balancer: HostID
    var timeout: TimerID?
    var finished = false
    static let timeoutTag = 0, doneTag = 1

    init(task: CronJobTask, balancer: HostID) {
        self.task = task
        self.balancer = balancer
    }

    func start(_ context: ProcessContext) {
        let operation: SchedulerOperation
        switch task.submission {
        case .workflow(let app): operation = .submit(app: app, variables: [:], start: true)
        case .coordinator(let app): operation = .submitCoordinator(app: app)
        }
        context.send(SchedulerRequest(requestId: 1, operation: operation), to: balancer)
        timeout = context.setTimer(after: task.timeout, tag: Self.timeoutTag)
    }

    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        guard !finished else { return }
        switch message {
        case let reply as SchedulerReply:
            switch reply.result {
            case .job, .coordinator: accepted(context)
            default: exit(succeeded: false, context)
            }
        case is BalancerUnavailable: exit(succeeded: false, context)
        default: return
        }
    }

    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        exit(succeeded: tag == Self.doneTag, context)
    }

    func accepted(_ context: ProcessContext) {
        if let timeout { context.cancelTimer(timeout) }
        guard task.runsFor > .zero else { return exit(succeeded: true, context) }
        finished = true
        context.setTimer(after: task.runsFor, tag: Self.doneTag)
    }

    func exit(succeeded: Bool, _ context: ProcessContext) {
        finished = true
        context.emit(ContainerExit(succeeded: succeeded))
        context.exit()
    }
}
