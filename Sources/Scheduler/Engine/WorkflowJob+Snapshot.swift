/// A job's state as the job store keeps it: everything but the definition (stored once per app)
/// and the engine settings (the server's).
public struct WorkflowJobSnapshot: Codable, Equatable, Sendable {
    public var id: String
    public var app: String
    public var seed: UInt64
    public var status: WorkflowJobStatus
    public var variables: [String: String]
    public var actions: [WorkflowActionRecord]
    public var visited: [String]
    public var held: [WorkflowEvent]
    public var arrivals: [String: Int]
    public var parent: String?
}

extension WorkflowJob {
    /// The job's state for the store.
    public var snapshot: WorkflowJobSnapshot {
        WorkflowJobSnapshot(
            id: id, app: workflow.name, seed: seed, status: status, variables: variables, actions: actions,
            visited: visited, held: held, arrivals: arrivals, parent: parent)
    }

    /// A job restored from the store; `workflow` must be the app the snapshot names.
    public init(snapshot: WorkflowJobSnapshot, workflow: ValidatedWorkflow, settings: WorkflowEngineSettings = .init()) {
        precondition(snapshot.app == workflow.name, "snapshot of \(snapshot.app) restored with \(workflow.name)")
        self.init(id: snapshot.id, workflow: workflow, variables: [:], seed: snapshot.seed, settings: settings)
        status = snapshot.status
        variables = snapshot.variables
        actions = snapshot.actions
        visited = snapshot.visited
        held = snapshot.held
        arrivals = snapshot.arrivals
        parent = snapshot.parent
    }
}
