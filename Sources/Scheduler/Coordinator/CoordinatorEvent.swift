import Simulation

/// An input to a coordinator job; each is applied at a time the caller reads from its clock.
public enum CoordinatorEvent: Equatable, Sendable {
    case start
    case suspend
    /// Resume; nominal times that passed while suspended materialize now, late but not lost.
    case resume
    case kill
    /// Time passed: materialize due nominal times (``CoordinatorMaterialization/atNominalTime`` only),
    /// time out, skip and submit.
    case tick
    /// Materialize ahead (Oozie's `CoordMaterializeTransitionXCommand`, queued by the trigger
    /// service); as `.tick` under ``CoordinatorMaterialization/atNominalTime``.
    case materialize
    /// A dataset instance became available.
    case datasetAvailable(DatasetInstance)
    /// The workflow of an action started.
    case workflowStarted(actionId: String)
    /// The workflow of an action ended in `status` (SUCCEEDED, FAILED or KILLED).
    case workflowEnded(actionId: String, status: WorkflowJobStatus)
}

/// What a coordinator job asks its server to do.
public enum CoordinatorEffect: Equatable, Sendable {
    /// Submit and start a workflow job for this action.
    case submitWorkflow(CoordinatorSubmission)
    /// Kill the workflow job of this action.
    case killWorkflow(actionId: String)
    /// An action's workflow succeeded, so this output instance now exists.
    case datasetProduced(DatasetInstance)
    /// Deliver `.tick` at this time (the next nominal time or timeout); replaces earlier wakes.
    case wake(at: SimTime)
    /// The job reached a terminal state.
    case finished(CoordinatorJobStatus)
}

/// A coordinator command the job's state does not allow.
public struct CoordinatorCommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public var jobId: String
    public var command: String
    public var status: CoordinatorJobStatus
    public var description: String { "coordinator \(jobId): cannot \(command) a \(status.rawValue) job" }
}
