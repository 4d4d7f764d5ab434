import Simulation

/// What the compute service keeps across its own crashes: the launches it accepted (like YARN's
/// state store), so a relaunch after either side failed is recognised and never runs twice.
/// Every change is synced before the service answers, so there is nothing unsynced to lose.
///
/// Finished runs are kept up to a bound, oldest forgotten first, as YARN's ResourceManager keeps
/// at most `yarn.resourcemanager.state-store.max-completed-applications` completed applications
/// (`RMAppManager.checkAppNumCompletedLimit`); a run still going is never forgotten.
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

    /// Runs by number (acceptance order) from `base` on; nil once forgotten. A run's number is its timer tag.
    private var slots: [Run?] = []
    private var base = 0
    private var index: [String: Int] = [:]
    /// Numbers of finished runs, in the order they finished, from `finishedHead` on.
    private var finished: [Int] = []
    private var finishedHead = 0

    public init() {}

    /// The runs remembered, in acceptance order.
    public var runs: [Run] { slots.compactMap { $0 } }

    /// The numbers of the remembered runs, with each run, in acceptance order.
    var numbered: [(number: Int, run: Run)] {
        slots.indices.compactMap { i in slots[i].map { (base + i, $0) } }
    }

    func run(_ launchId: String) -> Int? { index[launchId] }

    subscript(number: Int) -> Run {
        guard number >= base, let run = slots[number - base] else { preconditionFailure("run \(number) was forgotten") }
        return run
    }

    /// Whether run `number` is still remembered.
    func remembers(_ number: Int) -> Bool { number >= base && slots[number - base] != nil }

    func append(_ run: Run) -> Int {
        slots.append(run)
        index[run.launchId] = base + slots.count - 1
        return base + slots.count - 1
    }

    func update(_ number: Int, _ body: (inout Run) -> Void) { body(&slots[number - base]!) }

    /// Records that run `number` finished (completed or cancelled), forgetting the oldest finished
    /// runs beyond `retain`.
    func finished(_ number: Int, retain: Int) {
        finished.append(number)
        while finished.count - finishedHead > retain {
            let old = finished[finishedHead]
            finishedHead += 1
            index[self[old].launchId] = nil
            slots[old - base] = nil
        }
        if finishedHead >= 1_024 { compact() }
    }

    /// Drops the forgotten entries at the fronts of both arrays (every 1 024 forgotten runs, so
    /// the cost per run stays constant).
    private func compact() {
        finished.removeFirst(finishedHead)
        finishedHead = 0
        let gone = slots.prefix { $0 == nil }.count
        slots.removeFirst(gone)
        base += gone
    }

    public func loseUnsyncedWrites() {}
}
