import Simulation

/// Checks the scheduler's cluster-wide safety invariants while a simulation runs, from what the
/// components emit: no launch id's work runs twice (S9), and no write carrying a fencing token
/// older than one already committed for its scope lands in the job store (S7/S8) — with fencing on
/// the store refuses such writes; with it off this is how the split brain shows. Every committed job
/// row is also checked against the previous one (``StoredStateChecker``): legal state transitions,
/// no lost actions, coordinator actions materialized once each, gapless.
///
/// It also keeps what liveness and durability checks need at the end of a run: which submissions
/// were acknowledged and which jobs finished (``unfinishedJobs``, ``lostSubmissions(stored:)``).
/// A job whose row the purge deleted (a workflow, coordinator or bundle) is forgotten (its
/// launches, acknowledgement and end), so what the checker holds is bounded by what the store holds.
///
/// Register it with `Simulator.addObserver`; violations accumulate in order, each with its time.
public final class SchedulerInvariantChecker: Observer {
    /// One broken invariant.
    public struct Violation: Equatable, Sendable, CustomStringConvertible {
        public var time: SimTime
        public var host: HostID
        public var message: String
        public var description: String { "\(time) \(host): \(message)" }
    }

    public private(set) var violations: [Violation] = []
    /// Launch ids whose work started, with the count of starts.
    public private(set) var starts: [String: Int] = [:]
    /// The launch ids of each job (`jobId@action@attempt`), to forget them with the job.
    private var launches: [String: [String]] = [:]
    /// The highest token committed per scope.
    public private(set) var committedTokens: [String: FencingToken] = [:]
    var stored = StoredStateChecker()
    /// Jobs whose submission a server acknowledged, and when.
    public private(set) var acknowledged: [String: SimTime] = [:]
    /// Jobs that reached a terminal state, and when (the first report).
    public private(set) var finished: [String: SimTime] = [:]
    /// Called at each violation (e.g. to stop the simulator at the first one).
    public var onViolation: ((Violation) -> Void)?

    public init() {}

    public var observedTypes: [any Observation.Type]? {
        [ComputeObservation.self, StoreObservation.self, SchedulerObservation.self]
    }

    public func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        switch observation {
        case let compute as ComputeObservation:
            guard case .workStarted(let launchId) = compute else { return }
            starts[launchId, default: 0] += 1
            if starts[launchId] == 1 { launches[Self.jobId(ofLaunch: launchId), default: []].append(launchId) }
            if starts[launchId]! > 1 { report(time, host, "the work of launch \(launchId) started \(starts[launchId]!) times") }
        case let store as StoreObservation:
            guard case .committed = store.outcome else { return }
            for write in store.transaction.writes {
                for problem in stored.check(write.key, write.value) { report(time, host, problem) }
                if write.value == nil, let job = Self.purgedJob(write.key) { forget(job) }
            }
            guard let fence = store.transaction.fence else { return }
            if let highest = committedTokens[fence.scope], fence.token < highest {
                let keys = store.transaction.writes.map(\.key).filter { !$0.hasPrefix("active/") }.joined(separator: ", ")
                report(time, host, "stale write landed: \(fence.token) < \(highest) in scope \(fence.scope) (keys \(keys))")
            } else {
                committedTokens[fence.scope] = fence.token
            }
        case let scheduler as SchedulerObservation:
            switch scheduler {
            case .acknowledged(let id): acknowledged[id] = acknowledged[id] ?? time
            case .jobFinished(let id, _): finished[id] = finished[id] ?? time
            case .coordinatorFinished(let id, _): finished[id] = finished[id] ?? time
            case .scheduling, .materializationTriggered, .housekeeping: return
            }
        default: return
        }
    }

    /// The job whose row `key` is (`wf/`, `coord/` or `bundle/` and its id), which a delete purges.
    static func purgedJob(_ key: String) -> String? {
        for prefix in ["wf/", "coord/", "bundle/"] where key.hasPrefix(prefix) { return String(key.dropFirst(prefix.count)) }
        return nil
    }

    /// Forgets a purged job.
    private func forget(_ jobId: String) {
        for launch in launches.removeValue(forKey: jobId) ?? [] { starts[launch] = nil }
        acknowledged[jobId] = nil
        finished[jobId] = nil
    }

    /// The job of a launch id `jobId@action@attempt`.
    static func jobId(ofLaunch launchId: String) -> String {
        String(launchId.prefix { $0 != "@" })
    }

    /// Acknowledged jobs not finished yet, sorted: after faults heal and a bound passes, a liveness failure.
    public var unfinishedJobs: [String] { acknowledged.keys.filter { finished[$0] == nil }.sorted() }

    /// Acknowledged jobs missing from `stored` (the ids the job store holds), sorted: lost submissions.
    public func lostSubmissions(stored: Set<String>) -> [String] {
        acknowledged.keys.filter { !stored.contains($0) }.sorted()
    }

    func report(_ time: SimTime, _ host: HostID, _ message: String) {
        let violation = Violation(time: time, host: host, message: message)
        violations.append(violation)
        onViolation?(violation)
    }
}
