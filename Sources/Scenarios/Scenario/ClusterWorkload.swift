import Scheduler
import Simulation

/// What a user of the cluster schedules besides the probe's workflows: coordinators and bundles
/// that a client submits at the start of the run and then follows (the `workload` member).
public struct ClusterWorkload: Sendable, Equatable {
    /// A bundle app: its coordinators, started together.
    public struct Bundle: Sendable, Equatable {
        public var name: String
        public var coordinators: [CoordinatorSpec]
    }

    /// Workflow apps beyond the probe's, which coordinators may run.
    public var workflows: [ValidatedWorkflow] = []
    /// Coordinators submitted one by one, in order.
    public var coordinators: [CoordinatorSpec] = []
    /// Bundles submitted, in order (after the coordinators).
    public var bundles: [Bundle] = []
    /// A coordinator action is on time when its workflow starts within this of its nominal time.
    public var lateness: SimDuration = .minutes(5)
    public var client = WorkloadClient.Settings()

    /// Whether there is anything to submit (if not, the cluster has no client host).
    public var isEmpty: Bool { coordinators.isEmpty && bundles.isEmpty }

    /// Every coordinator app the servers run: the coordinators, then each bundle's, in order.
    public var coordinatorApps: [CoordinatorSpec] { coordinators + bundles.flatMap(\.coordinators) }

    /// What the client submits, in order.
    public var submissions: [WorkloadClient.Submission] {
        coordinators.map { .init(kind: .coordinator, app: $0.name) } + bundles.map { .init(kind: .bundle, app: $0.name) }
    }

    /// Adds the workload's apps to a scheduler server's configuration.
    func configure(_ config: inout SchedulerServerConfig) {
        for workflow in workflows { config.apps[workflow.name] = workflow }
        for spec in coordinatorApps { config.coordinatorApps[spec.name] = spec }
        for bundle in bundles { config.bundleApps[bundle.name] = bundle.coordinators.map(\.name) }
    }
}
