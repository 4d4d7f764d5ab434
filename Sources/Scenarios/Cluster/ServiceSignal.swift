import Coordination
import Orchestration
import Scheduler
import Simulation

/// The cluster's exact service state: whether a request a user sent *now* through the balancer
/// would succeed, derived from the serving path's own state each time a part of it changes, not
/// by sampling. Up ⇔ every hop of the path holds:
///
/// 1. the balancer is up and the user (the probe's host) reaches it both ways;
/// 2. the balancer routes to at least one backend (healthy by its checks and, on Kubernetes, a
///    ready endpoint), and **every** backend it routes to serves — so up means any request sent
///    now succeeds, whichever backend the policy's turn picks (a pool with one routed backend
///    that cannot serve is down, although some requests get through: conservative, see
///    docs/models.md);
/// 3. a backend serves when it is up, reachable from the balancer both ways, and schedules
///    (active-standby: it holds the latch, and its fencing token is not below the highest the
///    store has seen when the store fences; load-balanced: its session lives);
/// 4. its ZooKeeper session is connected to a server that is up, reachable both ways, and is or
///    follows the ensemble's serving leader (``LeaderTracker``: the up server of the newest
///    established epoch), with a majority of the servers up: a submit takes a cluster-unique
///    number from ZooKeeper, a write that needs a quorum;
/// 5. the job database is up and reachable from the backend both ways, and one operation of it
///    (a submit writes once) takes less than the user's timeout (the probe's).
///
/// Re-evaluated on every observation that can change one of these (host crash, pause, restart,
/// resume; balancer health; scheduling on/off; ZooKeeper client connection; Zab state, epoch,
/// step-down; latch; store commits, which raise the highest token; link cuts and heals; the
/// orchestrator's endpoint changes through ``evaluate(at:)``), so every boundary is the exact
/// nanosecond of the transition that caused it.
///
/// What it leaves out, said in docs/models.md: the time a request takes (a request sent just
/// before a transition may still fail or succeed), and queueing (a backlog at the database that
/// makes a request wait past the timeout).
final class ServiceSignal: Observer {
    private unowned let simulator: Simulator
    private let spec: ClusterSpec
    private let client: HostID
    private let leaders: LeaderTracker
    private let orchestrator: Orchestrator?
    /// Told of every change (up, time), for the timeline.
    var onChange: ((Bool, SimTime) -> Void)?
    /// Told of each measured outage as it ends (for downtime by cause, attributed as it goes).
    var onOutageEnded: ((Outage) -> Void)?

    private(set) var isUp: Bool
    private var measuring = false
    private var measureFrom = SimTime.zero
    private var downSince: SimTime?
    private var downNanoseconds: Int64 = 0
    private var ended: [Outage] = []
    private var cycles: VisitCycles?

    /// - Parameters:
    ///   - client: the host whose requests are judged (the probe).
    ///   - leaders: the ensemble tracker, which must observe before this signal (it is added first).
    init(simulator: Simulator, spec: ClusterSpec, client: HostID, leaders: LeaderTracker, orchestrator: Orchestrator?) {
        self.simulator = simulator
        self.spec = spec
        self.client = client
        self.leaders = leaders
        self.orchestrator = orchestrator
        isUp = false
        downSince = .zero
    }

    /// Starts measuring at `time` (the end of the warm-up); an outage under way counts from `time`.
    func startMeasuring(at time: SimTime) {
        measuring = true
        measureFrom = time
        downNanoseconds = 0
        ended = []
        cycles = VisitCycles(inSet: !isUp, at: time)
    }

    var observedTypes: [any Observation.Type]? {
        [HostEvent.self, BalancerObservation.self, LatchObservation.self, StoreObservation.self, LinkEvent.self,
         SchedulerObservation.self, ZooKeeperClientObservation.self, ZabObservation.self]
    }

    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        // One cast per observation: only the types above arrive, and of three only some cases matter.
        switch observation {
        case let zab as ZabObservation:
            switch zab {
            case .state, .established, .steppedDown: break
            default: return
            }
        case let client as ZooKeeperClientObservation:
            guard case .connection = client else { return }
        case let scheduler as SchedulerObservation:
            guard case .scheduling = scheduler else { return }
        default: break  // a host, balancer, latch, store or link event
        }
        evaluate(at: time)
    }

    /// Re-derives the state now (also called on changes that are not observations).
    func evaluate(at time: SimTime) {
        let now = wouldSucceed()
        guard now != isUp else { return }
        isUp = now
        if now, let start = downSince {
            let from = max(start, measureFrom)
            if measuring && time > from {
                downNanoseconds += (time - from).nanoseconds
                ended.append(Outage(start: from, end: time))
                onOutageEnded?(ended[ended.count - 1])
            }
            downSince = nil
        } else if !now {
            downSince = time
        }
        cycles?.set(!now, at: time)
        onChange?(now, time)
    }

    /// The measured down time up to `end`, in seconds (the rare-event cycle's reward).
    func downSeconds(until end: SimTime) -> Double {
        let open = downSince.map { end > max($0, measureFrom) ? (end - max($0, measureFrom)).nanoseconds : 0 } ?? 0
        return Double(downNanoseconds + open) / 1e9
    }

    /// The measured down time and the outages up to `end`, the one under way censored there.
    func finish(at end: SimTime) -> (downFraction: Double, outages: [Outage], cycles: CycleStatistics) {
        precondition(measuring, "finish after startMeasuring")
        var down = downNanoseconds
        var outages = ended
        if let start = downSince {
            let from = max(start, measureFrom)
            down += (end - from).nanoseconds
            if end > from { outages.append(Outage(start: from, end: end, isCensored: true)) }
        }
        let span = (end - measureFrom).nanoseconds
        assert(outages.reduce(0) { $0 + $1.duration.nanoseconds } == down, "the outages add up to the down time")
        var finished = cycles!
        return (span > 0 ? Double(down) / Double(span) : 0, outages, finished.finish(at: end))
    }

    // MARK: The serving path

    private func wouldSucceed() -> Bool {
        let balancer = spec.balancerID
        guard isUp(balancer), linked(client, balancer),
            let lb = simulator.process(of: balancer) as? LoadBalancer
        else { return false }
        let routed = zip(spec.schedulerIDs, lb.healthy).filter { $0.1 && (orchestrator?.isEndpoint($0.0) ?? true) }.map(\.0)
        return !routed.isEmpty && routed.allSatisfy { serves($0, from: balancer) }
    }

    private func serves(_ backend: HostID, from balancer: HostID) -> Bool {
        let db = spec.databaseID
        guard spec.databaseServiceTime < spec.probeTimeout, isUp(backend), linked(balancer, backend), isUp(db), linked(backend, db),
            let server = simulator.process(of: backend) as? SchedulerServer, server.isScheduling
        else { return false }
        if spec.mode == .activeStandby {
            guard let token = server.fencingToken else { return false }
            if let store = simulator.durable(of: db) as? JobStoreDisk, store.state.fencing,
                let highest = store.state.highestTokens["leader"], token < highest
            {
                return false
            }
        }
        guard let zk = (server.coordinationClient as? ZooKeeperCoordination)?.client.liveServer,
            isUp(zk), linked(backend, zk), leaders.quorumUp, let leader = leaders.servingLeader
        else { return false }
        let leaderHost = spec.zookeeperIDs[leader]
        guard zk == leaderHost || (linked(zk, leaderHost) && (simulator.process(of: zk) as? ZabServer)?.leaderID == leaderHost)
        else { return false }
        return true
    }

    private func isUp(_ host: HostID) -> Bool { simulator.status(of: host) == .up }

    /// Both directions reach.
    private func linked(_ a: HostID, _ b: HostID) -> Bool {
        simulator.isReachable(from: a, to: b) && simulator.isReachable(from: b, to: a)
    }
}
