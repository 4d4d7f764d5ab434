import Simulation

/// A workflow job as stored: its snapshot and when (by the writer's clock) it was last changed,
/// which the recovery service uses to find stuck jobs.
public struct JobRow: Equatable, Sendable {
    public var job: WorkflowJobSnapshot
    public var modifiedNanoseconds: Int64

    /// The store key of a job: `coord/<id>` for coordinators (ids ending in `-C`), `wf/<id>` otherwise.
    public static func key(_ jobId: String) -> String {
        (isCoordinator(jobId) ? "coord/" : "wf/") + jobId
    }

    /// Whether the id names a coordinator job.
    public static func isCoordinator(_ jobId: String) -> Bool { jobId.hasSuffix("-C") }

    /// The id of the workflow a coordinator action (`coordinatorId@n`) runs.
    public static func workflowId(forCoordinatorAction actionId: String) -> String {
        actionId.replacingOccurrences(of: "@", with: "-") + "-W"
    }

    public init(job: WorkflowJobSnapshot, modifiedNanoseconds: Int64) {
        self.job = job
        self.modifiedNanoseconds = modifiedNanoseconds
    }
}

/// A coordinator job as stored, like ``JobRow``.
public struct CoordinatorRow: Equatable, Sendable {
    public var job: CoordinatorJobSnapshot
    public var modifiedNanoseconds: Int64

    public init(job: CoordinatorJobSnapshot, modifiedNanoseconds: Int64) {
        self.job = job
        self.modifiedNanoseconds = modifiedNanoseconds
    }
}
