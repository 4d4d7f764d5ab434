import Simulation

/// How a coordinator's nominal times become actions.
public enum CoordinatorMaterialization: Equatable, Sendable {
    /// Each nominal time when it comes, by the job's own wake-up (`.tick`). A simplification of
    /// Oozie, kept for the pure model and for servers without the materialization trigger.
    case atNominalTime
    /// As Oozie's `CoordMaterializeTransitionXCommand`: a `.start` or `.materialize` finding the next
    /// nominal time within `lookahead` of now (`verifyPrecondition`: not after now + lookup
    /// interval) materializes every nominal time in [next, next + `window`) (`materializeActions`,
    /// `materialization.window`), up to the throttle. `.tick` is then the input check
    /// (`CoordActionInputCheckXCommand`): it never materializes, and an action goes READY only once
    /// its nominal time has come (the check requeues itself until then).
    case ahead(window: SimDuration, lookahead: SimDuration)
}

/// Oozie's `CoordMaterializeTriggerService` (`oozie-default.xml`): every `lookup.interval` each
/// server tries the cluster-wide lock named after the service (`LocksService.getWriteLock` with
/// `oozie.service.default.lock.timeout`, unset, so 0: one try; a ZooKeeper lock under HA,
/// OOZIE-1844); the holder queues a materialization of every running coordinator, then releases it.
public struct MaterializationTrigger: Equatable, Sendable {
    /// `oozie.service.CoordMaterializeTriggerService.lookup.interval` (and `scheduling.interval`):
    /// how often each server runs it, and how close the next nominal time must be.
    public var lookupInterval: SimDuration
    /// `oozie.service.CoordMaterializeTriggerService.materialization.window`.
    public var window: SimDuration
    /// The first run after the server starts (`SchedulerService.schedule(runnable, 10, interval, SEC)`).
    public var firstRun: SimDuration

    public init(lookupInterval: SimDuration = .seconds(300), window: SimDuration = .seconds(3600), firstRun: SimDuration = .seconds(10)) {
        precondition(lookupInterval > .zero && window > .zero && firstRun >= .zero)
        self.lookupInterval = lookupInterval
        self.window = window
        self.firstRun = firstRun
    }

    /// Oozie's defaults: every 300 s, one hour ahead, first after 10 s.
    public static let oozie = MaterializationTrigger()

    /// The lock's key: the service's class name, as Oozie names it.
    public static let lockKey = "org.apache.oozie.service.CoordMaterializeTriggerService"

    /// What it makes the coordinator jobs do.
    public var materialization: CoordinatorMaterialization { .ahead(window: window, lookahead: lookupInterval) }
}
