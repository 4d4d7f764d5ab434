import Simulation

/// What an established-or-establishing leader tracks about one learner.
struct Learner {
    enum Phase: Equatable {
        /// FOLLOWERINFO received; LEADERINFO sent once the epoch is chosen.
        case info
        /// Sent the sync and NEWLEADER, up to this zxid; proposals now flow to it.
        case syncSent(upTo: Zxid)
        /// Acknowledged NEWLEADER: counts toward the quorum.
        case upToDate
    }
    var connection: ConnectionID
    var acceptedEpoch: Int64
    var phase: Phase = .info
    var lastHeard: SimTime
    /// Proposals sent and not yet acknowledged, oldest first, with when they were sent: a
    /// learner that leaves one unacknowledged past syncLimit has fallen behind (ZooKeeper's
    /// `SyncLimitCheck`) and is dropped.
    var unacknowledged: [(zxid: Zxid, sentAt: SimTime)] = []

    /// Whether proposals and commits are sent to it.
    var isForwarding: Bool {
        if case .info = phase { return false }
        return true
    }
}

/// The volatile state of a server in LEADING.
///
/// A class, not a struct: it lives in the `.leading` payload of ``ZabServer/Role``, and a struct
/// there was copied on every read (a retain and release of each of its tables per message).
final class LeaderState {
    enum Phase: Equatable {
        /// Collecting FOLLOWERINFO and ACKEPOCH, syncing learners; no proposals yet.
        case discovering
        /// A quorum acknowledged NEWLEADER: broadcast may start.
        case established
    }
    var phase = Phase.discovering
    /// Whether the quorum port accepts learners yet (see ``ZabConfig/leaderListenDelay``).
    var listening = false
    /// The new epoch, once a quorum's accepted epochs are known (0 before).
    var epoch: Int64 = 0
    var learners: LearnerTable
    /// The leader's own slot in ``learners``' positions (its bit in the acknowledgement masks).
    let position: Int
    let startedAt: SimTime
    /// The counter of the last proposed zxid in `epoch`.
    var counter: Int64 = 0
    /// Proposals not yet committed, in zxid order, with the servers that logged them.
    var outstanding = OutstandingProposals()
    /// The tree with every proposal applied: where new requests are validated.
    var speculative = DataTree()
    /// Session deadlines on the leader's clock: the expiry bucket each session is in.
    var sessionDeadlines: [SessionID: SimTime] = [:]
    /// The session tracker's wake-up at the next bucket boundary.
    var expiryTimer: TimerID?
    /// Sessions whose close is already proposed.
    var expiring: Set<SessionID> = []

    init(me: HostID, servers: [HostID], startedAt: SimTime) {
        learners = LearnerTable(servers: servers)
        position = learners.position(of: me)
        self.startedAt = startedAt
    }

    /// The leader plus the learners that acknowledged NEWLEADER.
    var syncedCount: Int { learners.syncedCount }
}

/// The volatile state of a server in FOLLOWING (a class for the reason ``LeaderState`` is one).
final class FollowerState {
    enum Phase: Equatable { case connecting, syncing, serving }
    let leader: HostID
    var connection: ConnectionID
    var phase = Phase.connecting
    let startedAt: SimTime
    var lastHeard: SimTime
    /// Connection attempts so far, and the timer of the next one after a refusal.
    var connectTries = 1
    var retryTimer: TimerID?
    /// Sessions this server's clients touched since the last PONG.
    var touched: Set<SessionID> = []

    init(leader: HostID, connection: ConnectionID, startedAt: SimTime, lastHeard: SimTime) {
        self.leader = leader
        self.connection = connection
        self.startedAt = startedAt
        self.lastHeard = lastHeard
    }
}
