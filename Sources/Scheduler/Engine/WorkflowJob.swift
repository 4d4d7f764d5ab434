import Simulation

/// One workflow job: a sans-IO state machine over a validated workflow.
///
/// Feed it ``WorkflowEvent``s with ``apply(_:)``; it changes state and returns the
/// ``WorkflowEffect``s the server must carry out (launch, schedule a retry, cancel, report the
/// end). It never reads a clock or a global random source: a decision's draw is derived from the
/// job's seed, its id, the node and the case, so it needs no stored random state and a job that is
/// reloaded on another server (or re-enters a node after a failover) draws the same number.
///
/// News that no longer applies (a completion for an older launch id, a retry for an action that is
/// not waiting, anything after the end) is dropped, because the network may deliver it late or twice.
public struct WorkflowJob: Sendable {
    /// The job's id, unique across servers.
    public let id: String
    /// The app it runs.
    public let workflow: ValidatedWorkflow
    /// The engine's settings.
    public let settings: WorkflowEngineSettings
    /// The job's state.
    public internal(set) var status: WorkflowJobStatus = .prep
    /// Workflow variables: the app's defaults overridden by the submission's.
    public internal(set) var variables: [String: String]
    /// The actions entered so far, in the order they were entered.
    public internal(set) var actions: [WorkflowActionRecord] = []
    /// Every node entered, in order, a join once per arriving path (for reports and tests).
    public internal(set) var visited: [String] = []
    /// News held while SUSPENDED.
    public internal(set) var held: [WorkflowEvent] = []
    /// Paths arrived at each join so far.
    public internal(set) var arrivals: [String: Int] = [:]
    /// The seed of the job's decision draws.
    public let seed: UInt64
    /// The coordinator action that submitted the job (`coordinatorJobId@number`), if any.
    public var parent: String?

    /// A PREP job; `seed` seeds its decision draws.
    public init(
        id: String, workflow: ValidatedWorkflow, variables: [String: String] = [:], seed: UInt64,
        settings: WorkflowEngineSettings = .init()
    ) {
        self.id = id
        self.workflow = workflow
        self.settings = settings
        self.variables = workflow.definition.variables.merging(variables) { _, submitted in submitted }
        self.seed = seed
    }

    /// The action record of a node, if the job entered it.
    public func action(_ name: String) -> WorkflowActionRecord? { actions.first { $0.name == name } }

    /// Applies one event; a command the state does not allow throws and changes nothing.
    public mutating func apply(_ event: WorkflowEvent) throws(WorkflowCommandError) -> [WorkflowEffect] {
        switch event {
        case .start:
            try require(.prep, "start")
            move(to: .running)
            return enter(workflow.start)
        case .suspend:
            try require(.running, "suspend")
            move(to: .suspended)
            return []
        case .resume:
            try require(.suspended, "resume")
            move(to: .running)
            var effects: [WorkflowEffect] = []
            let news = held
            held = []
            for item in news where !status.isTerminal { effects += applyNews(item) }
            return effects
        case .kill:
            guard !status.isTerminal else { throw WorkflowCommandError(jobId: id, command: "kill", status: status) }
            return finish(.killed)
        default:
            if status == .suspended {
                held.append(event)
                return []
            }
            return status == .running ? applyNews(event) : []
        }
    }

    private func require(_ expected: WorkflowJobStatus, _ command: String) throws(WorkflowCommandError) {
        guard status == expected else { throw WorkflowCommandError(jobId: id, command: command, status: status) }
    }

    mutating func move(to next: WorkflowJobStatus) {
        precondition(status.canMove(to: next), "job \(id): illegal transition \(status.rawValue) → \(next.rawValue)")
        status = next
    }

    /// Ends the job: every action not yet over is killed (its launch cancelled if it was made).
    mutating func finish(_ end: WorkflowJobStatus) -> [WorkflowEffect] {
        move(to: end)
        var effects: [WorkflowEffect] = []
        for i in actions.indices where !actions[i].status.isTerminal {
            if actions[i].status.isLaunched { effects.append(.cancel(launchId: actions[i].launchId)) }
            actions[i].move(to: .killed)
        }
        return effects + [.finished(end)]
    }

    func index(of action: String) -> Int? { actions.firstIndex { $0.name == action } }
}
