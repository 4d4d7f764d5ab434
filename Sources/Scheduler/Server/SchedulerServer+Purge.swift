import Simulation

/// Oozie's PurgeService: every `purge.interval` (first 10 s after start) the server that runs the
/// cluster's singleton services deletes the finished top-level workflows that ended more than
/// `older.than` ago, `purge.limit` at a time until none is left (`PurgeService.PurgeRunnable`,
/// `PurgeXCommand`). Without it the job store, and everything that mirrors it, grows with every
/// job ever run. Coordinators and bundles are not purged (their `coord.older.than` and
/// `bundle.older.than` are not modelled).
extension SchedulerServer {
    /// Whether this server runs the purge: the leader in active-standby; in load-balanced mode the
    /// first live member, standing in for Oozie's `JobsConcurrencyService` leader.
    var runsPurge: Bool {
        guard isScheduling else { return false }
        return config.mode == .activeStandby ? leaderToken != nil : members.first == config.serverId
    }

    func purgeDue(_ context: ProcessContext) {
        guard let interval = config.purge.interval else { return }
        setTimer(.purge, after: interval, context)
        queryPurge(context)
    }

    func queryPurge(_ context: ProcessContext) {
        guard runsPurge else { return }
        let cutoff = context.now.nanoseconds - config.purge.workflowsOlderThan.nanoseconds
        let query = StoreRequest.Operation.finishedWorkflows(endedBeforeNanoseconds: cutoff, limit: config.purge.limit)
        storeRequest(query, for: .purgeQuery, context)
    }

    /// Deletes the rows found, each at the version read (a row written since stays).
    func purgeFound(_ rows: [StoredRow], _ context: ProcessContext) {
        guard runsPurge, !rows.isEmpty else { return }
        let fence = config.mode == .activeStandby ? leaderToken.map { Fence(scope: "leader", token: $0) } : nil
        let transaction = StoreTransaction(
            expectedVersions: rows.map { ($0.key, $0.version) }, writes: rows.map { ($0.key, nil) }, fence: fence)
        storeRequest(.transact(transaction), for: .purgeDelete(more: rows.count == config.purge.limit), context)
    }
}

/// `oozie.service.PurgeService.*` (`oozie-default.xml`).
public struct PurgeSettings: Sendable {
    /// `purge.interval`, 3600 s; nil turns the purge off.
    public var interval: SimDuration? = .seconds(3_600)
    /// `older.than`, 30 days: how long a finished workflow stays.
    public var workflowsOlderThan: SimDuration = .days(30)
    /// `purge.limit`, 100: the jobs one query returns.
    public var limit = 100
    /// The first run comes this long after the server starts (`SchedulerService.schedule`'s delay of 10 s).
    public var firstDelay: SimDuration = .seconds(10)

    public init() {}
}
