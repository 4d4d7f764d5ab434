import Simulation

/// One coordinator job: a sans-IO state machine that materializes nominal times exactly once and
/// turns them into workflow submissions under its controls (timeout, concurrency, execution, throttle).
///
/// Exactly once: materialization only ever appends action `lastActionNumber + 1`, whose nominal
/// time follows from the number, so a nominal time can be neither skipped nor made twice — as Oozie
/// writes `lastActionNumber` in the same batch as the actions. Persist the job and that holds across
/// servers.
public struct CoordinatorJob: Sendable {
    public let id: String
    public let spec: CoordinatorSpec
    public internal(set) var status: CoordinatorJobStatus = .prep
    /// The actions materialized so far, in number order.
    public internal(set) var actions: [CoordinatorAction] = []
    /// Dataset instances known to be available.
    public internal(set) var available: Set<DatasetInstance> = []
    /// How nominal times become actions: a setting of the server, not part of the stored job.
    public var materialization = CoordinatorMaterialization.atNominalTime

    /// The most actions one tick materializes; bounds the work of catching up after a long suspension
    /// (the rest follows at the next tick, which the job asks for at once).
    public static let materializationLimitPerTick = 1_000

    public init(id: String, spec: CoordinatorSpec) {
        precondition(spec.problems().isEmpty, "invalid coordinator spec: \(spec.problems())")
        self.id = id
        self.spec = spec
    }

    /// Number of the last materialized action (0 before the first).
    public var lastActionNumber: Int { actions.count }
    /// The nominal times materialized so far.
    public var nominalTimes: [SimTime] { actions.map(\.nominalTime) }
    /// Whether every nominal time before `end` has been materialized.
    public var isFullyMaterialized: Bool { spec.nominalTime(lastActionNumber + 1) >= spec.end }

    /// Applies one event at local time `now`.
    public mutating func apply(_ event: CoordinatorEvent, at now: SimTime) throws(CoordinatorCommandError) -> [CoordinatorEffect] {
        switch event {
        case .start:
            try require(.prep, "start")
            move(to: .running)
            return advance(now, materializing: true)
        case .suspend:
            try require(.running, "suspend")
            move(to: .suspended)
            return []
        case .resume:
            try require(.suspended, "resume")
            move(to: .running)
            return advance(now, materializing: materializesOnTick)
        case .kill:
            guard !status.isTerminal else { throw CoordinatorCommandError(jobId: id, command: "kill", status: status) }
            return kill()
        case .tick:
            return status == .running ? advance(now, materializing: materializesOnTick) : []
        case .materialize:
            return status == .running ? advance(now, materializing: true) : []
        case .datasetAvailable(let instance):
            available.insert(instance)
            for i in actions.indices where actions[i].status == .waiting {
                actions[i].missing.removeAll { $0 == instance }
            }
            return status == .running ? advance(now, materializing: materializesOnTick) : []
        case .workflowStarted(let actionId):
            if let i = index(actionId), actions[i].status == .submitted { actions[i].move(to: .running) }
            return []
        case .workflowEnded(let actionId, let end):
            guard let i = index(actionId), actions[i].status.isActive else { return [] }
            return ended(i, end, now)
        }
    }

    /// Whether time passing materializes due nominal times (else only `.start` and `.materialize` do).
    var materializesOnTick: Bool { materialization == .atNominalTime }

    private func require(_ expected: CoordinatorJobStatus, _ command: String) throws(CoordinatorCommandError) {
        guard status == expected else { throw CoordinatorCommandError(jobId: id, command: command, status: status) }
    }

    mutating func move(to next: CoordinatorJobStatus) {
        precondition(status.canMove(to: next), "coordinator \(id): illegal transition \(status.rawValue) → \(next.rawValue)")
        status = next
    }

    func index(_ actionId: String) -> Int? {
        guard let n = actionId.split(separator: "@").last.flatMap({ Int($0) }), n >= 1, n <= actions.count,
            actions[n - 1].id == actionId
        else { return nil }
        return n - 1
    }

    private mutating func kill() -> [CoordinatorEffect] {
        var effects: [CoordinatorEffect] = []
        for i in actions.indices where !actions[i].status.isTerminal {
            if actions[i].status.isActive { effects.append(.killWorkflow(actionId: actions[i].id)) }
            actions[i].move(to: .killed)
        }
        move(to: .killed)
        return effects + [.finished(.killed)]
    }

    private mutating func ended(_ i: Int, _ end: WorkflowJobStatus, _ now: SimTime) -> [CoordinatorEffect] {
        var effects: [CoordinatorEffect] = []
        switch end {
        case .succeeded:
            actions[i].move(to: .succeeded)
            for output in spec.outputs {
                guard let instance = output.dataset.instance(at: actions[i].nominalTime, offset: output.offset) else { continue }
                available.insert(instance)
                effects.append(.datasetProduced(instance))
            }
        case .killed: actions[i].move(to: .killed)
        case .failed: actions[i].move(to: .failed)
        case .prep, .running, .suspended: preconditionFailure("workflowEnded with non-terminal \(end)")
        }
        return effects + (status == .running ? advance(now, materializing: materializesOnTick) : [])
    }
}
