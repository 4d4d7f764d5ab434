import Simulation

/// What the compute service keeps across its own crashes: every launch it accepted (like YARN's
/// state store), so a relaunch after either side failed is recognised and never runs twice.
/// Every change is synced before the service answers, so there is nothing unsynced to lose.
public final class ComputeDisk: DurableState {
    /// One accepted launch.
    public struct Run: Equatable, Sendable {
        public var launchId: String
        public var requester: HostID
        /// Local time at which the work ends.
        public var endsAt: SimTime
        /// Drawn at launch, so a restart does not redraw it.
        public var outcome: ActionOutcome
        public var state: ComputeRunState
    }

    /// Runs in acceptance order; a run's timer tag is its index here.
    public private(set) var runs: [Run] = []
    var index: [String: Int] = [:]

    public init() {}

    func run(_ launchId: String) -> Int? { index[launchId] }

    func append(_ run: Run) -> Int {
        runs.append(run)
        index[run.launchId] = runs.count - 1
        return runs.count - 1
    }

    func update(_ i: Int, _ body: (inout Run) -> Void) { body(&runs[i]) }

    public func loseUnsyncedWrites() {}
}
