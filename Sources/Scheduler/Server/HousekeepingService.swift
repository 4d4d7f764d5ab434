import Simulation

/// The services Oozie runs only on the holder of the `concurrencyleader` latch
/// (`ZKJobsConcurrencyService.isLeader`, a Curator `LeaderLatch` at `/oozie/services/concurrencyleader`,
/// OOZIE-1916). Every server schedules them; each run does its work only where the latch is held.
/// Of the gated services, these are in `oozie.services` by default (`oozie-default.xml`);
/// `AbandonedCoordCheckerService` is not.
public enum HousekeepingService: String, CaseIterable, Equatable, Sendable {
    /// `PurgeService`: deletes finished workflows older than 30 days (``PurgeSettings``, its own
    /// schedule: `purge.interval` 3600 s, first run after 10 s).
    case purge
    /// `ShareLibService`'s purge of old share-lib folders (`purge.interval` 1 day, first after 10 s);
    /// its work (on HDFS) is not modelled.
    case shareLibPurge = "sharelib-purge"
    /// `SchemaCheckerService` (`check.interval` 168 h, first at once); its work is not modelled.
    case schemaCheck = "schema-check"

    /// The services whose runs are only scheduled and observed (the purge has its own settings).
    public static let observedOnly: [HousekeepingService] = [.shareLibPurge, .schemaCheck]

    /// The pause between runs.
    public var interval: SimDuration {
        switch self {
        case .purge: .seconds(3600)
        case .shareLibPurge: .days(1)
        case .schemaCheck: .hours(168)
        }
    }

    /// The first run after the server starts (`SchedulerService.schedule(runnable, delay, …)`).
    public var firstRun: SimDuration {
        switch self {
        case .purge, .shareLibPurge: .seconds(10)
        case .schemaCheck: .zero
        }
    }
}
