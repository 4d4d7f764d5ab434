/// What a service outage is attributed to: one vocabulary for the replications' downtime by cause
/// (``DowntimeAttribution``, each moment of an outage) and the rare-event estimator's (each
/// outage of a cycle, by the failure pattern it began under), so both tables speak the same words.
///
/// The order of the cases is the order of precedence when several explain the same moment: a
/// planned disruption first (it was chosen), then a lost ZooKeeper quorum, the database and the
/// balancer (single parts the whole service needs), every scheduler down, a failover under way,
/// a ZooKeeper election with its quorum up, and last what no part explains.
public enum OutageCause: String, CaseIterable, Sendable, Comparable {
    /// A drain or a rolling update was under way (Kubernetes).
    case planned
    /// Fewer than a majority of the ZooKeeper servers up.
    case quorumLoss = "quorum_loss"
    case database
    case balancer
    /// No scheduler server up.
    case allSchedulersDown = "all_schedulers_down"
    /// The latch holder is dead or frozen and the ensemble has not yet expired its session (or, for
    /// any scheduler, the balancer still routes to a scheduler that is down).
    case failoverDetection = "failover_detection"
    /// The holder's latch node is gone and no other server holds the latch yet.
    case failoverElection = "failover_election"
    /// A new holder has the latch and the balancer does not yet route to it.
    case failoverSwitchover = "failover_switchover"
    /// A whole scheduler failover, undivided (the rare-event estimator labels an outage once).
    case schedulerFailover = "scheduler_failover"
    /// A standby scheduler down while the holder serves.
    case standbyDown = "standby_down"
    /// The ensemble has a quorum but no established leader.
    case leaderElection = "zk_leader_election"
    /// Components of a protocol-free `components` system down (rare-event cycles).
    case componentsDown = "components_down"
    /// Every part is up: the service is still recovering (a latch re-acquired after a quorum came
    /// back, the balancer's rise checks) or, with the probe's signal, waiting for its next request.
    case other

    /// The stable key outputs use (`quorum_loss`).
    public var key: String { rawValue }

    /// The words a report uses.
    public var title: String {
        switch self {
        case .planned: "planned disruption"
        case .quorumLoss: "zk quorum lost"
        case .database: "database down"
        case .balancer: "balancer down"
        case .allSchedulersDown: "all schedulers down"
        case .failoverDetection: "failover: detection"
        case .failoverElection: "failover: election"
        case .failoverSwitchover: "failover: switchover"
        case .schedulerFailover: "scheduler failover"
        case .standbyDown: "standby scheduler down"
        case .leaderElection: "zk leader election"
        case .componentsDown: "components down"
        case .other: "recovery with every part up"
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A cause with what the rare-event estimator adds to it (which parts were down): the label of one
/// row of its table, e.g. "zk quorum lost: zk1+zk3 down".
public struct CauseLabel: Sendable, Hashable {
    public var cause: OutageCause
    public var detail: String?

    public init(_ cause: OutageCause, _ detail: String? = nil) {
        self.cause = cause
        self.detail = detail
    }

    public var text: String { detail.map { "\(cause.title): \($0)" } ?? cause.title }
}
