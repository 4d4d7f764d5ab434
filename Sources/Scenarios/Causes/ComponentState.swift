import Coordination
import Simulation

/// What the cluster's parts were doing at one moment: the state ``DowntimeAttribution`` reads to
/// say why the service was down then. Each field is what one cause of ``OutageCause`` needs.
public struct ComponentState: Sendable, Equatable {
    /// A drain or rolling update under way (Kubernetes).
    public var planned = false
    /// A majority of the ZooKeeper servers up.
    public var quorumUp = true
    /// The ensemble has an established leader.
    public var leaderServing = true
    public var databaseUp = true
    public var balancerUp = true
    /// Scheduler servers up (not crashed, not frozen).
    public var schedulersUp: Int
    /// The latch failover under way, if any.
    public var failover: FailoverStage?
    /// The balancer's health checks still pass a scheduler that is down.
    public var routesToDownScheduler = false

    public init(schedulersUp: Int) { self.schedulersUp = schedulersUp }

    /// The cause that explains a moment of outage in this state: the first of ``OutageCause``'s
    /// order that holds.
    public var cause: OutageCause {
        if planned { return .planned }
        if !quorumUp { return .quorumLoss }
        if !databaseUp { return .database }
        if !balancerUp { return .balancer }
        if schedulersUp == 0 { return .allSchedulersDown }
        switch failover {
        case .detection: return .failoverDetection
        case .election: return .failoverElection
        case .switchover: return .failoverSwitchover
        case nil: break
        }
        if routesToDownScheduler { return .failoverDetection }
        if !leaderServing { return .leaderElection }
        return .other
    }
}

/// The phase of a latch failover under way (``FailoverTracker``'s phases).
public enum FailoverStage: Sendable, Equatable {
    case detection, election, switchover
}

/// Records the cluster's ``ComponentState`` whenever it changes, from the observations the kernel
/// and the protocols emit, and attributes each service outage to its causes as it ends
/// (``DowntimeAttribution``). Registered after the trackers it reads, so each observation has
/// already updated them when it samples.
///
/// Bounded: while the service is up only the latest state can matter to a later outage, so only it
/// is kept; during an outage, the states since its start.
final class ComponentStateRecorder: Observer {
    private let zookeepers: [HostID]
    private let schedulers: [HostID]
    private let database: HostID
    private let balancer: HostID
    private let leaders: LeaderTracker
    private let latch: FailoverTracker
    private let planned: () -> Bool
    /// The user's host, from which the balancer must be reachable.
    private let client: HostID
    /// Whether two hosts reach each other both ways (a partition makes a part as good as down).
    private let reachable: (HostID, HostID) -> Bool
    /// Whether the service is up now (the exact signal, which observes first).
    private let serviceUp: () -> Bool
    private var down: [HostID] = []
    /// The state from each time on, in time order: the one in force since the start of the outage
    /// under way (or, with the service up, the latest) and every later one.
    private(set) var changes: [(time: SimTime, state: ComponentState)]
    /// Seconds of the outages attributed so far, per ``OutageCause`` in `allCases` order.
    private(set) var downtimeByCause = [Double](repeating: 0, count: OutageCause.allCases.count)

    init(
        _ spec: ClusterSpec, leaders: LeaderTracker, latch: FailoverTracker, client: HostID,
        reachable: @escaping (HostID, HostID) -> Bool, serviceUp: @escaping () -> Bool, planned: @escaping () -> Bool
    ) {
        (zookeepers, schedulers, database, balancer) = (spec.zookeeperIDs, spec.schedulerIDs, spec.databaseID, spec.balancerID)
        (self.leaders, self.latch, self.planned) = (leaders, latch, planned)
        (self.client, self.reachable, self.serviceUp) = (client, reachable, serviceUp)
        changes = [(.zero, ComponentState(schedulersUp: spec.schedulerIDs.count))]
    }

    /// Attributes a measured outage (one that ended, or the one the window's end censored) and
    /// forgets the states before its end. Outages come in time order.
    func attribute(_ outage: Outage) {
        var i = 0
        DowntimeAttribution.add(outage.start..<outage.end, states: changes, from: &i, to: &downtimeByCause)
        changes.removeFirst(i)
    }

    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        // A Zab server's applied transaction changes none of the state sampled here (every input
        // changes on an observation of its own, or by an explicit `sample`), so sampling after it
        // records nothing; skipping it matters because a restarted server re-applies its whole
        // log after its latest snapshot (tens of thousands of transactions), one observation each.
        if type(of: observation) == ZabApplied.self { return }
        if let event = observation as? HostEvent {
            switch event {
            case .crashed, .paused: if !down.contains(host) { down.append(host) }
            case .restarted, .resumed: down.removeAll { $0 == host }
            default: break
            }
        }
        sample(at: time)
    }

    /// Records the state at `time` if it differs from the last one (also called by the
    /// orchestrator's events, which change the planned flag without an observation).
    func sample(at time: SimTime) {
        var state = ComponentState(schedulersUp: schedulers.count { !down.contains($0) })
        state.planned = planned()
        state.quorumUp = leaders.quorumUp
        state.leaderServing = leaders.serviceUp
        // A part cut off by a partition counts as down: the database when running schedulers
        // there are and none reaches it, the balancer when the user's host does not.
        // (No array is built: this runs on every observation.)
        state.databaseUp = !down.contains(database)
            && (state.schedulersUp == 0 || schedulers.contains { !down.contains($0) && reachable($0, database) })
        state.balancerUp = !down.contains(balancer) && reachable(client, balancer)
        state.failover = latch.openStage
        state.routesToDownScheduler = latch.routesToDownScheduler
        if let last = changes.last, last.state != state {
            precondition(time >= last.time, "observations arrive in time order")
            if last.time == time, changes.count > 1 { changes[changes.count - 1].state = state } else { changes.append((time, state)) }
        }
        if changes.count > 1, serviceUp() { changes.removeFirst(changes.count - 1) }
    }
}
