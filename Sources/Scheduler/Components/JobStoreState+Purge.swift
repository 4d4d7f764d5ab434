/// What Oozie's `PurgeXCommand` asks of the database, answered in one round trip: the rows one
/// purge run may delete.
public struct PurgeQuery: Equatable, Sendable {
    /// Top-level workflows count when they ended before this (`older.than`, 30 days).
    public var workflowsEndedBeforeNanoseconds: Int64
    /// Coordinators count when they were last changed at or before this (`coord.older.than`, 7 days).
    public var coordinatorsModifiedBeforeNanoseconds: Int64
    /// Bundles count when they were last changed at or before this (`bundle.older.than`, 7 days).
    public var bundlesModifiedBeforeNanoseconds: Int64
    /// `purge.limit`: at most this many jobs of each kind.
    public var limit: Int

    public init(
        workflowsEndedBeforeNanoseconds: Int64, coordinatorsModifiedBeforeNanoseconds: Int64,
        bundlesModifiedBeforeNanoseconds: Int64, limit: Int
    ) {
        precondition(limit > 0, "a purge query returns at least one job")
        self.workflowsEndedBeforeNanoseconds = workflowsEndedBeforeNanoseconds
        self.coordinatorsModifiedBeforeNanoseconds = coordinatorsModifiedBeforeNanoseconds
        self.bundlesModifiedBeforeNanoseconds = bundlesModifiedBeforeNanoseconds
        self.limit = limit
    }
}

/// The purge's queries (`PurgeXCommand.loadState` and `execute`): finished top-level workflows
/// (`WorkflowJobsGetForPurgeJPAExecutor`); finished coordinators outside bundles
/// (`CoordJobsGetForPurgeJPAExecutor`, `GET_COMPLETED_COORD_JOBS_WITH_NO_PARENT_OLDER_THAN_STATUS`)
/// with their workflows, only when every one of those is finished and older than the workflow
/// cutoff (`processCoordinators`, `fetchTerminatedWorkflow`); finished bundles
/// (`BundleJobsGetForPurgeJPAExecutor`) with their coordinators and workflows, under the same
/// conditions (`processBundles`, `processCoordinatorsInBundle`). A coordinator's actions live in
/// its row here, so they go with it.
extension JobStoreState {
    /// The rows of the jobs one purge run may delete, each kind oldest first (workflows) or by key.
    public mutating func purgeable(_ query: PurgeQuery) -> [StoredRow] {
        var found = finishedWorkflows(endedBefore: query.workflowsEndedBeforeNanoseconds, limit: query.limit)
        var coordinators = 0
        for row in scan(prefix: "coord/") where coordinators < query.limit {
            guard let coordinator = row.value.coordinator, !Self.isInBundle(coordinator.job.id),
                let rows = finishedCoordinator(row, modifiedBy: query.coordinatorsModifiedBeforeNanoseconds, query)
            else { continue }
            found += rows
            coordinators += 1
        }
        var bundles = 0
        for row in scan(prefix: "bundle/") where bundles < query.limit {
            guard let rows = finishedBundle(row, query) else { continue }
            found += rows
            bundles += 1
        }
        return found
    }

    /// A bundle's coordinators are named `<bundle id>-<n>-C` (``SchedulerServer`` makes them so).
    static func isInBundle(_ coordinatorId: String) -> Bool { coordinatorId.contains("-B-") }

    /// The coordinator's row and its workflows' rows, if it finished by the cutoff and every
    /// workflow it ran is finished and older than the workflow cutoff.
    func finishedCoordinator(_ row: StoredRow, modifiedBy cutoff: Int64, _ query: PurgeQuery) -> [StoredRow]? {
        guard let coordinator = row.value.coordinator, coordinator.job.status.isTerminal, coordinator.modifiedNanoseconds <= cutoff
        else { return nil }
        let workflows = read(coordinator.job.actions.map { JobRow.key(JobRow.workflowId(forCoordinatorAction: "\(coordinator.job.id)@\($0.number)")) })
        let old = workflows.allSatisfy { stored in
            guard let workflow = stored.value.workflow else { return false }
            return workflow.job.status.isTerminal && workflow.modifiedNanoseconds < query.workflowsEndedBeforeNanoseconds
        }
        return old ? workflows + [row] : nil
    }

    /// The bundle's row with its coordinators' and their workflows' rows, if all of them may go.
    /// The bundle's own last change is taken as its coordinators' latest (a bundle row here holds
    /// no status: Oozie updates the bundle's when its last coordinator ends).
    func finishedBundle(_ row: StoredRow, _ query: PurgeQuery) -> [StoredRow]? {
        let ids = (row.value.text ?? "").split(separator: "\n").dropFirst().map(String.init)
        let coordinators = read(ids.map(JobRow.key))
        guard coordinators.count == ids.count else { return nil }  // not all created yet
        var rows: [StoredRow] = []
        for coordinator in coordinators {
            let cutoff = min(query.coordinatorsModifiedBeforeNanoseconds, query.bundlesModifiedBeforeNanoseconds)
            guard let family = finishedCoordinator(coordinator, modifiedBy: cutoff, query) else { return nil }
            rows += family
        }
        // The bundle's entry in the recovery index, if recovery has not dropped it yet.
        return rows + read(["active/" + row.key]) + [row]
    }
}
