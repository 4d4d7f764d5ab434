import Simulation

/// Oozie's PurgeService: every `purge.interval` (first 10 s after start) the server that runs the
/// cluster's singleton services deletes the finished top-level workflows that ended more than
/// `older.than` ago, and the finished coordinators and bundles last changed more than
/// `coord.older.than` and `bundle.older.than` ago together with their workflows (when all of those
/// are older than `older.than` too), up to `purge.limit` jobs of each kind at a time until none is
/// left (`PurgeService.PurgeRunnable`, `PurgeXCommand`; the store answers the queries in one round
/// trip, ``PurgeQuery``). Without it the job store, and everything that mirrors it, grows with
/// every job ever run.
extension SchedulerServer {
    /// Whether this server runs the purge: the leader in active-standby; in load-balanced mode the
    /// holder of the `concurrencyleader` latch (`PurgeRunnable.run` checks `JobsConcurrencyService.isLeader`).
    var runsPurge: Bool {
        guard isScheduling else { return false }
        return config.mode == .activeStandby ? leaderToken != nil : isHousekeepingLeader
    }

    func purgeDue(_ context: ProcessContext) {
        guard let interval = config.purge.interval else { return }
        setTimer(.purge, after: interval, context)
        queryPurge(context)
    }

    func queryPurge(_ context: ProcessContext) {
        guard runsPurge else { return }
        context.emit(SchedulerObservation.housekeeping(.purge))
        let now = context.now.nanoseconds
        let query = PurgeQuery(
            workflowsEndedBeforeNanoseconds: now - config.purge.workflowsOlderThan.nanoseconds,
            coordinatorsModifiedBeforeNanoseconds: now - config.purge.coordinatorsOlderThan.nanoseconds,
            bundlesModifiedBeforeNanoseconds: now - config.purge.bundlesOlderThan.nanoseconds, limit: config.purge.limit)
        storeRequest(.purgeable(query), for: .purgeQuery, context)
    }

    /// Deletes the rows found, each at the version read (a row written since stays).
    func purgeFound(_ rows: [StoredRow], _ context: ProcessContext) {
        guard runsPurge, !rows.isEmpty else { return }
        let fence = config.mode == .activeStandby ? leaderToken.map { Fence(scope: "leader", token: $0) } : nil
        let transaction = StoreTransaction(
            expectedVersions: rows.map { ($0.key, $0.version) }, writes: rows.map { ($0.key, nil) }, fence: fence)
        storeRequest(.transact(transaction), for: .purgeDelete(more: rows.count >= config.purge.limit), context)
    }
}

/// `oozie.service.PurgeService.*` (`oozie-default.xml`).
public struct PurgeSettings: Sendable, Equatable {
    /// `purge.interval`, 3600 s; nil turns the purge off.
    public var interval: SimDuration? = .seconds(3_600)
    /// `older.than`, 30 days: how long a finished workflow stays.
    public var workflowsOlderThan: SimDuration = .days(30)
    /// `coord.older.than`, 7 days: how long a finished coordinator stays after its last change.
    public var coordinatorsOlderThan: SimDuration = .days(7)
    /// `bundle.older.than`, 7 days: how long a finished bundle stays after its last change.
    public var bundlesOlderThan: SimDuration = .days(7)
    /// `purge.limit`, 100: the jobs of each kind one query returns.
    public var limit = 100
    /// The first run comes this long after the server starts (`SchedulerService.schedule`'s delay of 10 s).
    public var firstDelay: SimDuration = .seconds(10)

    public init() {}
}
