import Simulation

/// One materialized nominal time of a coordinator.
public struct CoordinatorAction: Equatable, Sendable {
    /// `jobId@number`, Oozie's coordinator action id.
    public let id: String
    /// 1-based and gapless: action n has nominal time start + (n−1)·frequency.
    public let number: Int
    public let nominalTime: SimTime
    /// When it was materialized (its timeout counts from the later of this and its nominal time).
    public let createdAt: SimTime
    public internal(set) var status: CoordinatorActionStatus = .waiting
    /// Input instances not yet available, sorted.
    public internal(set) var missing: [DatasetInstance]

    mutating func move(to next: CoordinatorActionStatus) {
        precondition(status.canMove(to: next), "coordinator action \(id): illegal transition \(status.rawValue) → \(next.rawValue)")
        status = next
    }
}

/// A coordinator action to run as a workflow job.
public struct CoordinatorSubmission: Equatable, Sendable {
    public var coordinatorJobId: String
    public var actionId: String
    public var workflow: String
    public var nominalTime: SimTime

    public init(coordinatorJobId: String, actionId: String, workflow: String, nominalTime: SimTime) {
        self.coordinatorJobId = coordinatorJobId
        self.actionId = actionId
        self.workflow = workflow
        self.nominalTime = nominalTime
    }
}
