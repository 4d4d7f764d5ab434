import Simulation

/// Checks the scheduler's cluster-wide safety invariants while a simulation runs, from what the
/// components emit: no launch id's work runs twice (S9), and no write carrying a fencing token
/// older than one already committed for its scope lands in the job store (S7/S8) — with fencing on
/// the store refuses such writes; with it off this is how the split brain shows.
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
    /// The highest token committed per scope.
    public private(set) var committedTokens: [String: FencingToken] = [:]
    /// Called at each violation (e.g. to stop the simulator at the first one).
    public var onViolation: ((Violation) -> Void)?

    public init() {}

    public func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        switch observation {
        case let compute as ComputeObservation:
            guard case .workStarted(let launchId) = compute else { return }
            starts[launchId, default: 0] += 1
            if starts[launchId]! > 1 { report(time, host, "the work of launch \(launchId) started \(starts[launchId]!) times") }
        case let store as StoreObservation:
            guard case .committed = store.outcome, let fence = store.transaction.fence else { return }
            if let highest = committedTokens[fence.scope], fence.token < highest {
                let keys = store.transaction.writes.map(\.key).joined(separator: ", ")
                report(time, host, "stale write landed: \(fence.token) < \(highest) in scope \(fence.scope) (keys \(keys))")
            } else {
                committedTokens[fence.scope] = fence.token
            }
        default: return
        }
    }

    func report(_ time: SimTime, _ host: HostID, _ message: String) {
        let violation = Violation(time: time, host: host, message: message)
        violations.append(violation)
        onViolation?(violation)
    }
}
